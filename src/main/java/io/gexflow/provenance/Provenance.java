package io.gexflow.provenance;

import io.gexflow.io.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What produced an output: tool version, verb, arguments, seed, input checksums and time.
 * The time honours {@code SOURCE_DATE_EPOCH} (reproducible-builds convention) so that runs which
 * set it write byte-identical files for the same seed.
 */
public record Provenance(
        String tool,
        String version,
        String verb,
        List<String> arguments,
        Long seed,
        Map<String, String> inputs,
        String created) {

    public static Provenance of(String verb, List<String> arguments, Long seed, List<Path> inputs) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (Path p : inputs) {
            sums.put(p.getFileName().toString(), Sha256.of(p));
        }
        return new Provenance("gexflow", toolVersion(), verb, List.copyOf(arguments), seed, sums,
                now().toString());
    }

    static Instant now() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
        }
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The tool version, from the jar manifest (Maven fills Implementation-Version); "dev" outside a jar. */
    public static String toolVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
