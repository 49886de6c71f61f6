package io.gexflow.io.arrow;

/**
 * The layout of a gexflow matrix file (DESIGN.md, "The data contract between steps"): an Arrow IPC
 * file with a utf8 column {@value #ID}, optional obs columns, and a FixedSizeList&lt;float32&gt; column
 * {@value #X} holding one row of features per sample.
 */
public final class MatrixFile {
    public static final String ID = "id";
    public static final String X = "x";
    /** JSON array of feature ids. */
    public static final String META_FEATURES = "gexflow.features";
    /** JSON object: tool, version, verb, arguments, seed, input checksums, created. */
    public static final String META_PROVENANCE = "gexflow.provenance";
    /** Rows per record batch by default. */
    public static final int DEFAULT_BATCH_ROWS = 2048;

    private MatrixFile() {}

    /** Rows per batch so that one batch holds under 2^28 floats (1 GiB), at least 1. */
    public static int batchRowsFor(int nFeatures, int wanted) {
        long cap = Math.max(1L, (1L << 28) / Math.max(1, nFeatures));
        return (int) Math.max(1, Math.min(wanted, cap));
    }
}
