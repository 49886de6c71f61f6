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

    /** Floats per record batch at most: 16 MiB, so a step holding a reader and a few writers stays small. */
    public static final long MAX_BATCH_FLOATS = 1L << 22;

    /**
     * Rows per batch: {@code wanted}, but no more than {@link #MAX_BATCH_FLOATS} values in a batch
     * (188 rows of the 22,268-probe GEO matrix), and at least 1.
     */
    public static int batchRowsFor(int nFeatures, int wanted) {
        long cap = Math.max(1L, MAX_BATCH_FLOATS / Math.max(1, nFeatures));
        return (int) Math.max(1, Math.min(wanted, cap));
    }
}
