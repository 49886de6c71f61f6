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
        return Provenance.of(spec.name(), spec.commandLine().getParseResult().originalArgs(), seed, List.of(inputs));
    }

    /** Schema metadata carrying provenance (and whatever else the step adds). */
    protected static Map<String, String> metadata(Provenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MatrixFile.META_PROVENANCE, Json.compact(p));
        return m;
    }
}
