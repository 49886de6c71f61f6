package io.gexflow.io.gct;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GCTX file (the layout of {@link GctxWriter}) a block of samples at a time, so the matrix
 * is never held in memory: memory is O(rows + columns) for ids and metadata plus a 1 MiB buffer.
 *
 * <p>jHDF 0.13 writes a dataset only whole, from an in-memory array, and has no hyperslab or append
 * writes. Its contiguous layout, however, is plain: the float32 values of a {@code [nColumns][nRows]}
 * dataset lie row after row, little-endian, from one data address, and jHDF writes them one row at a
 * time. So the file is made in two steps:
 * <ol>
 *   <li>jHDF writes the complete GCTX (ids, metadata, attributes) with a {@code float[nColumns][]}
 *       matrix whose rows are all <em>the same</em> zero-filled {@code float[nRows]}: the file gets
 *       its final structure and size (all values 0) while the heap holds one row and nColumns
 *       references;</li>
 *   <li>the file is opened with jHDF's reader, which reports the matrix's layout and data address
 *       ({@link ContiguousDataset#getDataAddress()}); after checking that the matrix is contiguous,
 *       uncompressed, little-endian float32 of the expected shape and byte size, each
 *       {@link #write block of samples} is written in place at
 *       {@code address + firstSample * nRows * 4} with positioned writes.</li>
 * </ol>
 * The cost is one extra sequential write of the matrix's bytes (the zeros); the result is one
 * ordinary GCTX that cmapPy, h5py and the HDF5 tools read. Chunked or compressed storage is not
 * possible this way (jHDF encodes chunked datasets from one whole array).
 *
 * <p>Samples are written in order, each exactly once; the file appears under its name only when
 * {@link #close()} finds every sample written, and {@link #abort()} (or a failed close) leaves
 * nothing behind.
 */
public final class GctxStreamWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final AtomicFile file;
    private final FileChannel channel;
    private final long dataAddress;
    private final int nRows;
    private final int nCols;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private int written;
    private boolean closed;

    /**
     * Creates the file (under a temporary name) with all values 0.
     *
     * @param out        the GCTX to create or replace
     * @param rowIds     gene / probe ids, at least one, no nulls
     * @param columnIds  sample ids, at least one, no nulls
     * @param rowMeta    field to one value per row (nulls allowed); may be empty; no field "id"
     * @param colMeta    field to one value per column (nulls allowed); may be empty; no field "id"
     * @param attributes more attributes of the root group (besides cmapPy's {@code version}), each written
     *                   as a one-element string array
     * @throws IllegalArgumentException if the arguments are inconsistent
     * @throws UncheckedIOException     if writing fails
     */
    public GctxStreamWriter(Path out, List<String> rowIds, List<String> columnIds, Map<String, List<String>> rowMeta,
                            Map<String, List<String>> colMeta, Map<String, String> attributes) {
        Objects.requireNonNull(out, "out");
        nRows = rowIds.size();
        nCols = columnIds.size();
        if (nRows == 0 || nCols == 0) {
            throw new IllegalArgumentException("a GCTX needs at least one row and one column, got " + nRows + " x " + nCols);
        }
        String[] rowIdArray = GctxWriter.ids(rowIds, "row");
        String[] colIdArray = GctxWriter.ids(columnIds, "column");
        GctxWriter.checkMeta(rowMeta, nRows, "row");
        GctxWriter.checkMeta(colMeta, nCols, "column");
        for (String name : attributes.keySet()) {
            if (name == null || name.isEmpty() || name.equals("version") || name.equals("_jHDF")) {
                throw new IllegalArgumentException("invalid attribute name '" + name + "'");
            }
        }

        float[] zeros = new float[nRows];
        float[][] matrix = new float[nCols][];
        Arrays.fill(matrix, zeros);
        file = new AtomicFile(out);
        FileChannel ch = null;
        try {
            GctxWriter.writeHdf5(file.temp(), rowIdArray, colIdArray, rowMeta, colMeta, matrix,
                    DatasetCreationOptions.DEFAULT, attributes);
            matrix = null;
            dataAddress = locateMatrix(file.temp(), nRows, nCols);
            ch = FileChannel.open(file.temp(), StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            file.close();
            if (e instanceof IllegalArgumentException || e instanceof InputException) {
                throw (RuntimeException) e;
            }
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        channel = ch;
    }

    /**
     * The data address of the matrix jHDF wrote, after checking that its values lie where positioned
     * writes will put them: contiguous, no filters, little-endian IEEE float32, shape
     * {@code [nCols, nRows]}, {@code nCols * nRows * 4} bytes.
     */
    static long locateMatrix(Path file, int nRows, int nCols) {
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset d = hdf.getDatasetByPath(GctxDataset.MATRIX);
            long bytes = (long) nRows * nCols * Float.BYTES;
            if (!(d instanceof ContiguousDataset c)
                    || !d.getFilters().isEmpty()
                    || !(d.getDataType() instanceof FloatingPoint fp)
                    || fp.getSize() != Float.BYTES
                    || fp.getByteOrder() != ByteOrder.LITTLE_ENDIAN
                    || !Arrays.equals(d.getDimensionsAsLong(), new long[]{nCols, nRows})
                    || d.getStorageInBytes() != bytes) {
                throw new IllegalStateException("jHDF did not write " + GctxDataset.MATRIX
                        + " as contiguous little-endian float32 [" + nCols + ", " + nRows + "] (" + d.getDataLayout()
                        + ", " + d.getDataType() + ", " + Arrays.toString(d.getDimensionsAsLong()) + ", "
                        + d.getStorageInBytes() + " bytes)");
            }
            long address = c.getDataAddress();
            if (address <= 0 || address + bytes > file.toFile().length()) {
                throw new IllegalStateException("matrix data address " + address + " + " + bytes
                        + " bytes lies outside the file (" + file.toFile().length() + " bytes)");
            }
            return address;
        }
    }

    public int rowCount() {
        return nRows;
    }

    public int columnCount() {
        return nCols;
    }

    /** Samples written so far. */
    public int columnsWritten() {
        return written;
    }

    /**
     * Writes the next {@code samples} samples, sample-major: {@code values[offset + s * rowCount() + r]} is
     * row {@code r} of the {@code s}-th of them.
     *
     * @throws IllegalArgumentException if that would write past the last sample or values is too short
     */
    public void write(float[] values, int offset, int samples) {
        if (closed) {
            throw new IllegalStateException("GCTX writer is closed");
        }
        if (samples < 0 || samples > nCols - written) {
            throw new IllegalArgumentException("cannot write " + samples + " samples: " + written + " of " + nCols
                    + " are written");
        }
        long count = (long) samples * nRows;
        if (offset < 0 || offset + count > values.length) {
            throw new IllegalArgumentException("values has " + values.length + " floats, need " + (offset + count));
        }
        long position = dataAddress + (long) written * nRows * Float.BYTES;
        long done = 0;
        try {
            while (done < count) {
                int n = (int) Math.min(count - done, BUFFER_BYTES / Float.BYTES);
                buffer.clear();
                buffer.asFloatBuffer().put(values, offset + (int) done, n);
                buffer.limit(n * Float.BYTES);
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                done += n;
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + file.target(), e);
        }
        written += samples;
    }

    /** Writes the next samples, {@code values.length / rowCount()} of them. */
    public void write(float[] values) {
        if (values.length % nRows != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole samples of " + nRows + " rows");
        }
        write(values, 0, values.length / nRows);
    }

    /**
     * Finishes the file and gives it its name.
     *
     * @throws IllegalStateException if not every sample was written (the file is then dropped)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (written != nCols) {
            abort();
            throw new IllegalStateException("GCTX " + file.target() + " not written: only " + written + " of " + nCols
                    + " samples were given");
        }
        closed = true;
        try {
            channel.close();
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file.target(), e);
        } finally {
            file.close();
        }
    }

    /** Drops the partial file; idempotent. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the temporary file is deleted below anyway
        }
        file.close();
    }
}
