package io.gexflow.io.gct;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GCTX file in cmapPy's layout with jHDF:
 * <pre>
 * /                  attribute version = "GCTX1.0" (as cmapPy)
 * /0/DATA/0/matrix   float32 [nColumns][nRows]  (dataset row i = sample i)
 * /0/META/ROW/id     row ids,    fixed-length UTF-8 strings
 * /0/META/ROW/&lt;f&gt;    one string dataset per row-metadata field
 * /0/META/COL/id     column ids, fixed-length UTF-8 strings
 * /0/META/COL/&lt;f&gt;    one string dataset per column-metadata field
 * </pre>
 * Metadata are written as strings (jHDF writes fixed-length, null-terminated, UTF-8 strings);
 * a {@code null} value is written as cmapPy's missing marker {@code "-666"} and reads back as null.
 *
 * <p>The file is written to a temporary file in the output's directory and renamed over the output
 * at the end, so a failed or interrupted write never leaves a half-written GCTX under the final name.
 *
 * <p>Memory: jHDF writes from in-memory arrays, so the matrix is held twice while writing (the
 * caller's sample-major array and a {@code float[nColumns][nRows]} copy); with
 * {@link Options#chunked chunked} storage jHDF also encodes the whole matrix into one byte array
 * first (a third copy, limited to 2 GiB). {@link GctxStreamWriter} writes a contiguous GCTX a block of
 * samples at a time instead, in bounded memory.
 */
public final class GctxWriter {

    /**
     * How the matrix is stored.
     *
     * @param deflateLevel 0 for contiguous storage (the default), 1..9 for chunked + deflate
     * @param chunkSamples samples per chunk when chunked (each chunk holds whole samples)
     */
    public record Options(int deflateLevel, int chunkSamples) {
        /** Contiguous float32 matrix, no compression: fastest to write and to slice. */
        public static final Options CONTIGUOUS = new Options(0, 0);

        public Options {
            if (deflateLevel < 0 || deflateLevel > 9) {
                throw new IllegalArgumentException("deflateLevel must be 0..9: " + deflateLevel);
            }
            if (deflateLevel > 0 && chunkSamples < 1) {
                throw new IllegalArgumentException("chunkSamples must be >= 1 with deflate: " + chunkSamples);
            }
        }

        /** Chunked + deflate with the given level and samples per chunk. */
        public static Options chunked(int deflateLevel, int chunkSamples) {
            if (deflateLevel < 1) {
                throw new IllegalArgumentException("deflateLevel must be 1..9 for chunked storage: " + deflateLevel);
            }
            return new Options(deflateLevel, chunkSamples);
        }
    }

    private GctxWriter() {
    }

    /** Writes a contiguous float32 GCTX; see {@link #write(Path, List, List, Map, Map, float[], Options)}. */
    public static void write(Path out, List<String> rowIds, List<String> columnIds,
                             Map<String, List<String>> rowMeta, Map<String, List<String>> colMeta,
                             float[] sampleMajor) {
        write(out, rowIds, columnIds, rowMeta, colMeta, sampleMajor, Options.CONTIGUOUS);
    }

    /**
     * Writes a GCTX file.
     *
     * @param out         the file to create or replace
     * @param rowIds      gene / probe ids, at least one, no nulls
     * @param columnIds   sample ids, at least one, no nulls
     * @param rowMeta     field to one value per row (nulls allowed); may be empty; no field "id"
     * @param colMeta     field to one value per column (nulls allowed); may be empty; no field "id"
     * @param sampleMajor values, {@code sampleMajor[c * rowIds.size() + r]}
     * @param options     matrix storage
     * @throws IllegalArgumentException if the arguments are inconsistent
     * @throws UncheckedIOException     if writing fails
     */
    public static void write(Path out, List<String> rowIds, List<String> columnIds,
                             Map<String, List<String>> rowMeta, Map<String, List<String>> colMeta,
                             float[] sampleMajor, Options options) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        int nRows = rowIds.size();
        int nCols = columnIds.size();
        if (nRows == 0 || nCols == 0) {
            throw new IllegalArgumentException("a GCTX needs at least one row and one column, got "
                    + nRows + " x " + nCols);
        }
        if ((long) nRows * nCols != sampleMajor.length) {
            throw new IllegalArgumentException("sampleMajor has " + sampleMajor.length + " values, expected "
                    + nCols + " columns x " + nRows + " rows = " + (long) nRows * nCols);
        }
        String[] rowIdArray = ids(rowIds, "row");
        String[] colIdArray = ids(columnIds, "column");
        checkMeta(rowMeta, nRows, "row");
        checkMeta(colMeta, nCols, "column");

        float[][] matrix = new float[nCols][];
        for (int c = 0; c < nCols; c++) {
            matrix[c] = new float[nRows];
            System.arraycopy(sampleMajor, c * nRows, matrix[c], 0, nRows);
        }
        DatasetCreationOptions matrixOptions = DatasetCreationOptions.DEFAULT;
        if (options.deflateLevel() > 0) {
            if ((long) nRows * nCols * Float.BYTES > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("chunked writing goes through one byte[] in jHDF 0.13;"
                        + " this matrix is over 2 GiB, write it contiguous");
            }
            matrixOptions = DatasetCreationOptions.builder()
                    .chunkDimensions(Math.min(options.chunkSamples(), nCols), nRows)
                    .deflate(options.deflateLevel())
                    .build();
        }

        try (AtomicFile file = new AtomicFile(out)) {
            writeHdf5(file.temp(), rowIdArray, colIdArray, rowMeta, colMeta, matrix, matrixOptions, Map.of());
            file.commit();
        } catch (IllegalArgumentException | InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), new IOException(e));
        }
    }

    /**
     * Writes the GCTX structure with jHDF: the {@code version} attribute, the matrix (any array jHDF
     * writes, {@code float[nColumns][nRows]} here) and the id and metadata datasets; {@code attributes}
     * are more attributes of the root group, each a one-element string array.
     */
    static void writeHdf5(Path file, String[] rowIds, String[] colIds, Map<String, List<String>> rowMeta,
                          Map<String, List<String>> colMeta, Object matrix, DatasetCreationOptions matrixOptions,
                          Map<String, String> attributes) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            // jHDF 0.13 pads some attribute messages so that jHDF itself warns when reading them
            // back ("buffer still has N bytes remaining"); that hits its own "_jHDF" attribute, so
            // it goes, and only cmapPy's "version" (which reads back cleanly) is written.
            hdf.removeAttribute("_jHDF");
            hdf.putAttribute("version", "GCTX1.0");
            // A scalar string attribute of 10 characters or more also reads back with jHDF's warning;
            // a one-element string array does not, so more attributes are written that way.
            attributes.forEach((name, value) -> hdf.putAttribute(name, new String[] {value}));
            WritableGroup zero = hdf.putGroup("0");
            zero.putGroup("DATA").putGroup("0").putDataset("matrix", matrix, matrixOptions);
            WritableGroup meta = zero.putGroup("META");
            writeMeta(meta.putGroup("ROW"), rowIds, rowMeta);
            writeMeta(meta.putGroup("COL"), colIds, colMeta);
        }
    }

    private static void writeMeta(WritableGroup group, String[] ids, Map<String, List<String>> meta) {
        group.putDataset("id", ids);
        for (Map.Entry<String, List<String>> e : meta.entrySet()) {
            String[] values = new String[e.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                String v = e.getValue().get(i);
                values[i] = v == null ? MetaValues.MISSING_WRITTEN : v;
            }
            group.putDataset(e.getKey(), values);
        }
    }

    static String[] ids(List<String> ids, String what) {
        String[] out = ids.toArray(new String[0]);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalArgumentException(what + " id " + i + " is null");
            }
        }
        return out;
    }

    static void checkMeta(Map<String, List<String>> meta, int n, String what) {
        for (Map.Entry<String, List<String>> e : meta.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("id")) {
                throw new IllegalArgumentException("invalid " + what + "-metadata field name '" + name + "'");
            }
            if (e.getValue().size() != n) {
                throw new IllegalArgumentException(what + "-metadata field '" + name + "' has " + e.getValue().size()
                        + " values, expected " + n);
            }
        }
    }
}
