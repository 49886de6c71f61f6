package io.gexflow.io.arrow;

/**
 * The layout of a gexflow sparse counts file (the perturbation track's cells x genes counts, DESIGN.md's
 * "sparse layout when dense would not fit"): an Arrow IPC file, one row per cell, written in record batches.
 *
 * <pre>
 * id          utf8, not null            cell id
 * (obs ...)   utf8 / int32 / float64    per-cell annotations, e.g. treatment, split
 * treatments  List&lt;utf8&gt;, not null      the cell's treatments by name (one for a single perturbation,
 *                                       several for a combination, empty for a control): the row of D
 * indices     List&lt;int32&gt;, not null     gene (column) index of each stored count (ascending when written from CSR)
 * values      List&lt;float32&gt;, not null   the counts at those genes
 * </pre>
 * Schema metadata: {@value #META_LAYOUT} = {@value #LAYOUT}, {@value MatrixFile#META_FEATURES} (JSON array of
 * gene ids, what {@code indices} index), {@value #META_TREATMENTS} (JSON array of every treatment name, the
 * columns of D in order), {@value MatrixFile#META_PROVENANCE}.
 *
 * <p>Why lists per row rather than three flat arrays: an Arrow table's columns all have one length, so CSR's
 * offsets (rows + 1), indices and values (non-zeros) cannot be three columns of one table. A list column is
 * exactly CSR: its offsets buffer is {@code indptr} and its child array holds the indices (or values) of all
 * rows back to back. In pyarrow, {@code t["indices"].combine_chunks()} gives {@code .offsets} and
 * {@code .values} that go straight into {@code scipy.sparse.csr_matrix((values, indices, offsets))}; pandas
 * shows each cell's entries as a numpy array; polars reads them as List columns.
 */
public final class SparseCountsFile {
    public static final String ID = "id";
    public static final String TREATMENTS = "treatments";
    public static final String INDICES = "indices";
    public static final String VALUES = "values";
    /** Marks the sparse layout, so a dense reader can say what the file is. */
    public static final String META_LAYOUT = "gexflow.layout";
    public static final String LAYOUT = "sparse-csr";
    /** JSON array of treatment names: the columns of the dosage matrix D. */
    public static final String META_TREATMENTS = "gexflow.treatments";
    /** Cells per record batch by default. */
    public static final int DEFAULT_BATCH_ROWS = 4096;
    /** A batch is also cut once it holds this many stored counts (32 MiB of indices and values). */
    public static final int MAX_BATCH_NON_ZEROS = 1 << 22;

    private SparseCountsFile() {}
}
