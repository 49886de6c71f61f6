package io.gexflow.cli;

import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --timing FILE} of the perturbation track's train verbs: the verb's wall-clock seconds (reading the data,
 * training, writing the model directory) in a small JSON file of its own. It is the one number of the track that
 * differs between two runs of the same command, so it stays out of the sealed, byte-reproducible model directory
 * (and out of metrics.json): evaluate-perturb collects these files into a separate timing.json for the report.
 */
final class TrainingTime {
    static final String KEY = "training_seconds";
    static final String NOTE = "wall-clock seconds of the train verb (data reading, training, writing the model): not "
            + "reproducible, so kept out of the model directory and metrics.json";

    @Option(names = "--timing", paramLabel = "<file.json>",
            description = "Also write the verb's wall-clock seconds to this file (not reproducible; outside the model directory).")
    Path file;

    /** Runs {@code verb}; when it returns 0 and {@code --timing} was given, writes the elapsed seconds. */
    int timed(Supplier<Integer> verb) {
        long start = System.nanoTime();
        int rc = verb.get();
        if (rc == 0 && file != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put(KEY, (System.nanoTime() - start) / 1e9);
            t.put("note", NOTE);
            Json.writeFile(file, t);
        }
        return rc;
    }
}
