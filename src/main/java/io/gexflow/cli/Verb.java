package io.gexflow.cli;

import io.gexflow.io.Json;
import io.gexflow.io.arrow.MatrixFile;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;

/** What every step shares: its own name and arguments, recorded as provenance in what it writes. */
abstract class Verb implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    protected Provenance provenance(Long seed, Path... inputs) {
        return Provenance.of(spec.name(), arguments(spec.name(), spec.commandLine().getParseResult().originalArgs()), seed,
                List.of(inputs));
    }

    /**
     * {@link #provenance} computed on another thread (the inputs' SHA-256 reads each file whole), so that a verb can
     * read its input meanwhile; {@link #joined} waits for it. The inputs must exist (checked here, one-line error).
     */
    protected CompletableFuture<Provenance> provenanceMeanwhile(Long seed, Path... inputs) {
        for (Path p : inputs) {
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new io.gexflow.io.InputException(p, "no such file");
            }
        }
        return CompletableFuture.supplyAsync(() -> provenance(seed, inputs));
    }

    /** The provenance of {@link #provenanceMeanwhile}, with an input error of its thread rethrown as is. */
    protected static Provenance joined(CompletableFuture<Provenance> provenance) {
        try {
            return provenance.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
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
