package io.gexflow.io.gct;

import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GCTX: the GCT model in HDF5, as written by cmapPy.
 *
 * <pre>
 * /0/DATA/0/matrix   float32 or float64, shape {nSamples, nGenes} (dataset row i = sample i)
 * /0/META/ROW/id     gene ids;   other datasets under /0/META/ROW: one value per gene
 * /0/META/COL/id     sample ids; other datasets under /0/META/COL: one value per sample
 * </pre>
 * Ids and metadata (fixed-length or variable-length strings, or numbers) are read whole at open.
 * Matrix values are read on demand with jHDF hyperslab reads of the requested samples only, split
 * into slices of at most {@link #DEFAULT_SLICE_ELEMENTS} values so the temporary arrays stay bounded;
 * contiguous and chunked (deflate) storage both work.
 */
final class GctxDataset extends AbstractGctDataset {

    /** Values per hyperslab read: 4 Mi (16 MiB as float32, 32 MiB as float64). */
    static final long DEFAULT_SLICE_ELEMENTS = 1L << 22;

    static final String MATRIX = "/0/DATA/0/matrix";
    static final String ROW_META = "/0/META/ROW";
    static final String COL_META = "/0/META/COL";

    private final HdfFile hdf;
    private final Dataset matrix;
    private final int samplesPerSlice;
    /** The direct reader of a matrix stored contiguously as 32-bit floats; null: jHDF reads the slices. */
    private final ContiguousFloatReader contiguous;
    private boolean closed;

    private GctxDataset(Path file, HdfFile hdf, Dataset matrix, List<String> rowIds, List<String> columnIds,
                        Map<String, List<String>> rowMeta, Map<String, List<String>> colMeta, long maxSliceElements) {
        super(file, rowIds, columnIds, rowMeta, colMeta);
        this.hdf = hdf;
        this.matrix = matrix;
        this.samplesPerSlice = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                maxSliceElements / Math.max(1, rowIds.size())));
        this.contiguous = ContiguousFloatReader.open(file, hdf, matrix);
    }

    static GctxDataset open(Path file) {
        return open(file, DEFAULT_SLICE_ELEMENTS);
    }

    /** As {@link #open(Path)} with a chosen slice size (values per hyperslab read); for tests. */
    static GctxDataset open(Path file, long maxSliceElements) {
        FormatSniffer.checkReadableFile(file);
        checkSuperblock(file);
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
        try {
            Dataset matrix = dataset(file, hdf, MATRIX, "the expression matrix");
            List<String> rowIds = ids(file, hdf, ROW_META);
            List<String> columnIds = ids(file, hdf, COL_META);
            checkMatrix(file, matrix, rowIds.size(), columnIds.size());
            Map<String, List<String>> rowMeta = metadata(file, hdf, ROW_META, rowIds.size());
            Map<String, List<String>> colMeta = metadata(file, hdf, COL_META, columnIds.size());
            return new GctxDataset(file, hdf, matrix, rowIds, columnIds, rowMeta, colMeta, maxSliceElements);
        } catch (InputException e) {
            closeQuietly(hdf, e);
            throw e;
        } catch (RuntimeException e) {
            InputException ie = corrupt(file, e);
            closeQuietly(hdf, ie);
            throw ie;
        } catch (OutOfMemoryError e) {
            // A corrupt size field makes jHDF try to allocate a huge buffer (seen when fuzzing object
            // headers); the allocation failed, so the heap is intact. Only ids and metadata are read
            // here, so a real shortage of heap is the less likely cause, but say both.
            InputException ie = new InputException(file, "corrupt HDF5 file, or its ids/metadata do not fit in"
                    + " memory (-Xmx): reading its structure ran out of memory", e);
            closeQuietly(hdf, ie);
            throw ie;
        }
    }

    @Override
    public String formatName() {
        return "GCTX";
    }

    /** Whether slices are read straight from the file (a contiguous float32 matrix) rather than by jHDF. */
    boolean copiesContiguousFloat32() {
        return contiguous != null;
    }

    @Override
    public float[] readColumns(int from, int to) {
        Objects.checkFromToIndex(from, to, columnCount());
        int n = rowCount();
        float[] out = new float[outputLength(to - from, n)];
        for (int c = from; c < to; c += samplesPerSlice) {
            int len = Math.min(samplesPerSlice, to - c);
            readRun(c, len, out, (c - from) * n);
        }
        return out;
    }

    @Override
    public float[] readColumns(int[] columnIndices) {
        for (int c : columnIndices) {
            Objects.checkIndex(c, columnCount());
        }
        int n = rowCount();
        float[] out = new float[outputLength(columnIndices.length, n)];
        int k = 0;
        while (k < columnIndices.length) {
            // Group a run of consecutive ascending indices into one hyperslab read.
            int start = columnIndices[k];
            int len = 1;
            while (k + len < columnIndices.length && len < samplesPerSlice
                    && columnIndices[k + len] == start + len) {
                len++;
            }
            readRun(start, len, out, k * n);
            k += len;
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (contiguous != null) {
                    contiguous.close();
                }
            } finally {
                hdf.close();
            }
        }
    }


    private static int outputLength(int samples, int rows) {
        long len = (long) samples * rows;
        if (len > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(samples + " samples x " + rows + " rows do not fit one float[]; read fewer samples at a time");
        }
        return (int) len;
    }

    /** Reads samples [start, start + len) into out at outOffset, sample-major. */
    private void readRun(int start, int len, float[] out, int outOffset) {
        if (closed) {
            throw new IllegalStateException("GCTX dataset is closed: " + file());
        }
        int n = rowCount();
        if (n == 0 || len == 0) {
            return;
        }
        Object slice;
        try {
            if (contiguous != null) {
                // one read of the slice's bytes, copied straight into out: jHDF's getData reads row by row and
                // converts value by value into a float[][] first (most of convert's reading time)
                contiguous.read((long) start * n, len * n, out, outOffset);
                return;
            }
            slice = matrix.getData(new long[]{start, 0}, new int[]{len, n});
        } catch (RuntimeException e) {
            throw new InputException(file(), "corrupt or truncated HDF5: cannot read samples " + start + ".."
                    + (start + len - 1) + " of " + MATRIX + " (" + FormatSniffer.abbreviate(String.valueOf(e.getMessage()), 200) + ")", e);
        }
        copySlice(slice, len, n, out, outOffset);
    }

    private void copySlice(Object slice, int len, int n, float[] out, int off) {
        if (slice instanceof float[][] f) {
            for (int i = 0; i < len; i++) {
                System.arraycopy(f[i], 0, out, off + i * n, n);
            }
        } else if (slice instanceof double[][] d) {
            for (int i = 0; i < len; i++) {
                double[] row = d[i];
                int base = off + i * n;
                for (int r = 0; r < n; r++) {
                    out[base + r] = (float) row[r];
                }
            }
        } else if (slice instanceof Object[] rows) {
            // integer matrices (int[][], long[][], short[][], byte[][])
            for (int i = 0; i < len; i++) {
                Object row = rows[i];
                int base = off + i * n;
                for (int r = 0; r < n; r++) {
                    out[base + r] = ((Number) java.lang.reflect.Array.get(row, r)).floatValue();
                }
            }
        } else {
            throw new InputException(file(), MATRIX + " holds " + slice.getClass().getSimpleName() + ", expected numbers");
        }
    }

    // ---- opening -----------------------------------------------------------------------------

    private static InputException corrupt(Path file, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InputException(file, "corrupt or truncated HDF5 file (" + FormatSniffer.abbreviate(why, 200) + ")", e);
    }

    private static void closeQuietly(HdfFile hdf, Exception primary) {
        try {
            hdf.close();
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /**
     * Compares the end-of-file address recorded in the HDF5 superblock with the file's size, so a
     * truncated download is reported as such instead of failing somewhere inside jHDF.
     */
    static void checkSuperblock(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long sig = FormatSniffer.hdf5SignatureOffset(ch);
            if (sig < 0) {
                throw new InputException(file, "not an HDF5 file (no HDF5 signature)");
            }
            byte[] sb = FormatSniffer.readAt(ch, sig, 64);
            if (sb.length < 16) {
                throw new InputException(file, "truncated HDF5 file: the superblock is cut off after " + sb.length + " bytes");
            }
            int version = sb[8];
            int baseField;
            int offsetSize;
            if (version == 0 || version == 1) {
                offsetSize = sb[13];
                baseField = version == 0 ? 24 : 28;
            } else if (version == 2 || version == 3) {
                offsetSize = sb[9];
                baseField = 12;
            } else {
                throw new InputException(file, "unsupported or corrupt HDF5 superblock (version " + version + ")");
            }
            if (offsetSize != 2 && offsetSize != 4 && offsetSize != 8) {
                throw new InputException(file, "corrupt HDF5 superblock (size of offsets " + offsetSize + ")");
            }
            int eofField = baseField + 2 * offsetSize;
            if (sb.length < eofField + offsetSize) {
                throw new InputException(file, "truncated HDF5 file: the superblock is cut off after " + sb.length + " bytes");
            }
            long base = readOffset(sb, baseField, offsetSize);
            long eof = readOffset(sb, eofField, offsetSize);
            if (base == -1 || eof == -1) {
                return; // undefined address: nothing to compare
            }
            long size = ch.size();
            if (base + eof > size) {
                throw new InputException(file, "truncated HDF5 file: it should be " + (base + eof)
                        + " bytes long but has " + size + " (incomplete download or copy?)");
            }
        } catch (IOException e) {
            throw FormatSniffer.ioProblem(file, e);
        }
    }

    /** A little-endian unsigned offset of {@code size} bytes; -1 when all bits are set (undefined address). */
    private static long readOffset(byte[] b, int at, int size) {
        long v = 0;
        boolean allOnes = true;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
            allOnes &= b[at + i] == (byte) 0xff;
        }
        return allOnes ? -1 : v;
    }

    /** The node at path, or null with no exception when any part of the path is absent. */
    private static Node find(Group root, String path) {
        Node node = root;
        for (String part : path.substring(1).split("/")) {
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static Dataset dataset(Path file, HdfFile hdf, String path, String what) {
        Node node = find(hdf, path);
        if (node instanceof Dataset d) {
            return d;
        }
        if (node == null) {
            throw new InputException(file, "HDF5 file is not a GCTX: no " + what + " at " + path
                    + " (top-level entries: " + hdf.getChildren().keySet() + ")");
        }
        throw new InputException(file, "HDF5 file is not a GCTX: " + path + " is a " + node.getType() + ", not a dataset");
    }

    private static void checkMatrix(Path file, Dataset matrix, int nRows, int nCols) {
        long[] dims = matrix.getDimensionsAsLong();
        if (dims.length != 2) {
            throw new InputException(file, MATRIX + " has " + dims.length + " dimensions " + Arrays.toString(dims)
                    + ", expected 2 (samples x genes)");
        }
        if (dims[0] != nCols || dims[1] != nRows) {
            String hint = dims[0] == nRows && dims[1] == nCols
                    ? " (it looks stored genes x samples; GCTX stores samples x genes)" : "";
            throw new InputException(file, MATRIX + " has shape " + Arrays.toString(dims) + " but there are " + nCols
                    + " column ids (" + COL_META + "/id) and " + nRows + " row ids (" + ROW_META + "/id), so expected ["
                    + nCols + ", " + nRows + "]" + hint);
        }
        Class<?> type = matrix.getJavaType();
        if (type != float.class && type != double.class && type != int.class && type != long.class
                && type != short.class && type != byte.class) {
            throw new InputException(file, MATRIX + " holds " + matrix.getDataType().getClass().getSimpleName()
                    + " values, expected float32 or float64 numbers");
        }
    }

    private static List<String> ids(Path file, HdfFile hdf, String group) {
        String path = group + "/id";
        Dataset ds = dataset(file, hdf, path, group.endsWith("ROW") ? "row ids" : "column ids");
        long[] dims = ds.getDimensionsAsLong();
        if (dims.length != 1) {
            throw new InputException(file, path + " has shape " + Arrays.toString(dims) + ", expected one dimension");
        }
        String[] values = values(file, ds, path, (int) dims[0], false);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new InputException(file, path + "[" + i + "] is not a valid id");
            }
        }
        return List.of(values);
    }

    private static Map<String, List<String>> metadata(Path file, HdfFile hdf, String group, int n) {
        Group g = (Group) find(hdf, group);
        Map<String, List<String>> meta = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            String name = e.getKey();
            if (name.equals("id") || !(e.getValue() instanceof Dataset ds)) {
                continue;
            }
            String path = group + "/" + name;
            long[] dims = ds.getDimensionsAsLong();
            boolean oneD = dims.length == 1 || (dims.length == 2 && dims[1] == 1);
            if (!oneD || dims[0] != n) {
                throw new InputException(file, path + " has shape " + Arrays.toString(dims) + " but there are " + n
                        + " ids in " + group + "/id");
            }
            meta.put(name, Collections.unmodifiableList(Arrays.asList(values(file, ds, path, n, true))));
        }
        return Collections.unmodifiableMap(meta);
    }

    /** A 1-D dataset's values as strings; with {@code missing}, missing markers become null. */
    private static String[] values(Path file, Dataset ds, String path, int n, boolean missing) {
        String[] out = new String[n];
        if (n == 0) {
            return out;
        }
        Object data = ds.getData();
        if (data == null || !data.getClass().isArray() || java.lang.reflect.Array.getLength(data) != n) {
            throw new InputException(file, path + " could not be read as " + n + " values");
        }
        boolean twoD = data.getClass().getComponentType().isArray();
        for (int i = 0; i < n; i++) {
            Object v = java.lang.reflect.Array.get(data, i);
            if (twoD) {
                v = java.lang.reflect.Array.get(v, 0);
            }
            if (v instanceof String s) {
                s = stripNuls(s);
                out[i] = missing ? MetaValues.text(s) : s;
            } else if (v instanceof Number || v instanceof Boolean) {
                String s = MetaValues.number(v);
                out[i] = missing || s != null ? s : String.valueOf(v);
            } else if (v == null) {
                out[i] = null;
            } else {
                throw new InputException(file, path + " holds " + v.getClass().getSimpleName()
                        + " values, expected strings or numbers");
            }
        }
        return out;
    }

    private static String stripNuls(String s) {
        int end = s.indexOf('\0');
        return end < 0 ? s : s.substring(0, end);
    }
}
