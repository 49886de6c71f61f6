package io.gexflow.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.io.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What produced an output: tool version, verb, arguments, seed, input checksums and time.
 * Outputs are byte-reproducible by default: the same verb on the same inputs with the same seed writes
 * the same bytes. So the time is recorded only when {@code SOURCE_DATE_EPOCH} is set (the
 * reproducible-builds convention: a fixed time, which the pipeline takes from the commit), and is
 * absent otherwise; how long a step took goes to the log and Nextflow's trace, not into results.
 */
public record Provenance(
        String tool,
        String version,
        String verb,
        List<String> arguments,
        Long seed,
        Map<String, String> inputs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String created) {

    public static Provenance of(String verb, List<String> arguments, Long seed, List<Path> inputs) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (Path p : inputs) {
            sums.put(p.getFileName().toString(), Sha256.of(p));
        }
        Instant created = created(System.getenv("SOURCE_DATE_EPOCH"));
        return new Provenance("gexflow", toolVersion(), verb, List.copyOf(arguments), seed, sums,
                created == null ? null : created.toString());
    }

    /**
     * The time to record: {@code SOURCE_DATE_EPOCH} (seconds since 1970) when set, else none. A value
     * that is not a whole number of seconds is refused rather than ignored.
     */
    static Instant created(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH='" + sourceDateEpoch
                    + "' is not a number of seconds since 1970-01-01");
        }
    }

    /** The tool version, from the jar manifest (Maven fills Implementation-Version); "dev" outside a jar. */
    public static String toolVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
