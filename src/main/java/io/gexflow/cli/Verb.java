package io.gexflow.cli;

import io.gexflow.io.Json;
import io.gexflow.io.arrow.MatrixFile;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What every step shares: its own name and arguments, recorded as provenance in what it writes. */
abstract class Verb implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    protected Provenance provenance(Long seed, Path... inputs) {
        return Provenance.of(spec.name(), arguments(spec.name(), spec.commandLine().getParseResult().originalArgs()), seed,
                List.of(inputs));
    }

    /**
     * The command line as provenance records it, starting with the verb: {@code gexflow train-dgex ...} and
     * {@code gexflow train --family dgex ...} (which runs the verb on the rest) record the same arguments.
     */
    static List<String> arguments(String verb, List<String> originalArgs) {
        if (!originalArgs.isEmpty() && originalArgs.get(0).equals(verb)) {
            return originalArgs;
        }
        List<String> a = new java.util.ArrayList<>(originalArgs.size() + 1);
        a.add(verb);
        a.addAll(originalArgs);
        return a;
    }

    /** Schema metadata carrying provenance (and whatever else the step adds). */
    protected static Map<String, String> metadata(Provenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MatrixFile.META_PROVENANCE, Json.compact(p));
        return m;
    }
}
