package io.gexflow.io.gct;

import io.gexflow.io.InputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A gene-expression matrix in the Broad Institute's GCT family of formats: GCT 1.2 / 1.3 text or
 * GCTX (HDF5), as written by cmapPy and the CMap tools.
 *
 * <p>Orientation follows the GCT convention: <em>rows</em> are genes / probes ("rid"), <em>columns</em>
 * are samples ("cid"). Values come out sample-major (one sample's {@link #rowCount()} values after
 * another), which is the orientation of the gexflow Arrow matrix files (one row per sample).
 *
 * <p>How much is held in memory depends on the format:
 * <ul>
 *   <li>GCT text is parsed completely at {@link #open(Path)}: ids, metadata and the whole matrix
 *       (as float32) live on the heap. Text files are small enough in practice (the format is
 *       ~10 bytes per value on disk, 4 in memory).</li>
 *   <li>GCTX reads ids and metadata at open; matrix values are read on demand with HDF5 hyperslab
 *       reads of the requested samples only, in bounded slices, never the whole matrix.</li>
 * </ul>
 *
 * <p>Metadata values are strings: numbers stored as HDF5 numbers are formatted naturally (integers
 * without ".0"), text metadata is kept as written. The missing-value markers {@code -666},
 * {@code "-666"}, {@code "na"}, {@code "NA"}, {@code "NaN"}, {@code "nan"} and the empty string become
 * {@code null}.
 *
 * <p>Every problem a user can fix in the input file is reported as an {@link InputException} whose
 * message names the file. Instances are not thread-safe.
 */
public interface GctDataset extends AutoCloseable {

    /**
     * Opens a GCT or GCTX file, choosing the reader from the file's content rather than its
     * extension: the HDF5 signature means GCTX, text starting with {@code #1.2} or {@code #1.3}
     * means GCT.
     *
     * @throws InputException if the file is missing, unreadable, of another format, or malformed
     */
    static GctDataset open(Path file) {
        return switch (FormatSniffer.sniff(file)) {
            case GCTX -> GctxDataset.open(file);
            case GCT -> GctTextDataset.open(file);
        };
    }

    /** The file this dataset was opened from. */
    Path file();

    /** "GCT 1.2", "GCT 1.3" or "GCTX". */
    String formatName();

    /** Number of genes / probes. */
    int rowCount();

    /** Number of samples. */
    int columnCount();

    /** Gene / probe ids, in file order (unmodifiable). */
    List<String> rowIds();

    /** Sample ids, in file order (unmodifiable). */
    List<String> columnIds();

    /**
     * Row (gene) metadata: field name to one value per row, in file order; missing values are
     * {@code null}. Does not contain the {@code id} field. Unmodifiable.
     */
    Map<String, List<String>> rowMetadata();

    /** Column (sample) metadata, as {@link #rowMetadata()}. */
    Map<String, List<String>> columnMetadata();

    /**
     * Reads the samples {@code [from, to)}, sample-major:
     * {@code out[(c - from) * rowCount() + r]} is gene {@code r} of sample {@code c}.
     * Float64 data are narrowed to float32.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, columnCount()]}
     * @throws InputException if the file turns out to be corrupt while reading
     */
    float[] readColumns(int from, int to);

    /**
     * Reads the given samples, in the given order (repeats allowed), sample-major:
     * {@code out[k * rowCount() + r]} is gene {@code r} of sample {@code columnIndices[k]}.
     *
     * @throws IndexOutOfBoundsException if an index is not within {@code [0, columnCount())}
     * @throws InputException if the file turns out to be corrupt while reading
     */
    float[] readColumns(int[] columnIndices);

    /** Reads the whole matrix, sample-major; for small files and tests. */
    default float[] readAll() {
        return readColumns(0, columnCount());
    }

    /** Releases the file; idempotent. */
    @Override
    void close();
}
