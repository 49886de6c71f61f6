package io.gexflow.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What produced an output: tool version, the git commit the tool was built from ({@code -dirty} when the
 * checkout had uncommitted changes; absent for a build outside git), verb, arguments, seed, input
 * checksums and time.
 * Outputs are byte-reproducible by default: the same verb on the same inputs with the same seed writes
 * the same bytes. So the time is recorded only when {@code SOURCE_DATE_EPOCH} is set (the
 * reproducible-builds convention: a fixed time, which the pipeline takes from the commit), and is
 * absent otherwise; how long a step took goes to the log and Nextflow's trace, not into results.
 */
public record Provenance(
        String tool,
        String version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String commit,
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
        return new Provenance("gexflow", toolVersion(), buildCommit(), verb, List.copyOf(arguments), seed, sums,
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

    /**
     * The commit the build came from, read from {@code git.properties} that the build writes beside this class
     * ({@code -dirty} appended when the working tree had changes); null when the build had no git checkout.
     */
    public static String buildCommit() {
        return COMMIT;
    }

    private static final String COMMIT = readCommit();

    private static String readCommit() {
        try (InputStream in = Provenance.class.getResourceAsStream("git.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return commitLabel(p.getProperty("git.commit.id"), p.getProperty("git.dirty"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's git.properties", e);
        }
    }

    /** The recorded commit from the build's two facts: the hash (null or blank: none) and whether the tree was dirty. */
    static String commitLabel(String id, String dirty) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return "true".equals(dirty) ? id.trim() + "-dirty" : id.trim();
    }

    /** The tool version, from the jar manifest (Maven fills Implementation-Version); "dev" outside a jar. */
    public static String toolVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
