package io.gexflow.io.h5ad;

import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an AnnData h5ad file (HDF5) with io.jhdf: the count matrix {@code X} or a layer, and the
 * {@code obs} / {@code var} data frames.
 *
 * <p>What real files contain, and this reads:
 * <ul>
 * <li>a matrix stored dense (a 2-D dataset), as CSR or as CSC (a group with {@code data}, {@code indices},
 * {@code indptr} and a {@code shape} attribute; {@code encoding-type} csr_matrix / csc_matrix, or the
 * pre-0.8 {@code h5sparse_format} / {@code h5sparse_shape}). Every layout comes back as CSR with float32
 * values; CSC is transposed in two streaming passes over its indices, so the extra memory is one counter
 * per row plus a read buffer, not a second copy of the non-zeros;</li>
 * <li>data frames with the {@code _index} attribute naming the index dataset and {@code column-order}
 * (pre-0.8 files have no {@code column-order}: every dataset but the index, in the file's order);</li>
 * <li>categorical columns as a group with {@code codes}, {@code categories} and an {@code ordered}
 * attribute (0.8 layout), or as codes in the column's dataset with the categories in
 * {@code __categories/<column>} (pre-0.8 layout); string, numeric and boolean columns.</li>
 * </ul>
 * Problems are {@link InputException}s: one line naming the file and what is wrong.
 */
public final class H5adFile implements AutoCloseable {
    /** Elements per read from a 1-D dataset: bounded temporary arrays for large matrices. */
    static final int CHUNK = 1 << 20;

    private final Path file;
    private final HdfFile hdf;
    private final int chunk;
    private DataFrame obs;
    private DataFrame var;

    private H5adFile(Path file, HdfFile hdf, int chunk) {
        this.file = file;
        this.hdf = hdf;
        this.chunk = chunk;
    }

    public static H5adFile open(Path file) {
        return open(file, CHUNK);
    }

    /** As {@link #open(Path)}, reading at most {@code chunk} elements at a time (tests cross chunk boundaries). */
    static H5adFile open(Path file, int chunk) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new InputException(file, "not a readable HDF5/h5ad file (" + e.getMessage() + ")", e);
        }
        H5adFile f = new H5adFile(file, hdf, Math.max(1, chunk));
        try {
            f.guard(hdf::getChildren); // the root group: a file cut short usually fails here
        } catch (InputException e) {
            hdf.close();
            throw e;
        }
        return f;
    }

    /**
     * Runs a read, turning whatever jHDF throws on a damaged file (HdfException, index and buffer errors) into
     * one input error line naming the file.
     */
    private <T> T guard(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InputException | BadSelection e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = e.getMessage() + (root != e ? "; " + root.getMessage() : "");
            throw new InputException(file, "corrupt or truncated HDF5 file (" + why + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The {@code obs} frame (cells), read on first use. */
    public DataFrame obs() {
        if (obs == null) {
            obs = guard(() -> frame("obs"));
        }
        return obs;
    }

    /** The {@code var} frame (genes), read on first use. */
    public DataFrame var() {
        if (var == null) {
            var = guard(() -> frame("var"));
        }
        return var;
    }

    /** The names under {@code layers}, empty when there is none. */
    public List<String> layers() {
        return guard(() -> {
            Node n = hdf.getChildren().get("layers");
            return n instanceof Group g ? List.copyOf(g.getChildren().keySet()) : List.<String>of();
        });
    }

    /** {@code X} as CSR, checked against the lengths of obs and var. */
    public CsrMatrix x() {
        return matrix(null, null, null);
    }

    /** {@code layers/<name>} as CSR; a missing layer is an input error naming the layers there are. */
    public CsrMatrix layer(String name) {
        return matrix(name, null, null);
    }

    /** {@code X} when {@code layer} is null or empty, else that layer. */
    public CsrMatrix matrix(String layer) {
        return matrix(layer, null, null);
    }

    /**
     * {@code X} (layer null or empty) or a layer, only the given rows (cells) and columns (genes), each ascending
     * and renumbered from 0 in the result; null takes all. Only the selected rows are read (dense and CSR) or
     * the selected columns (CSC), so a subset of a file far larger than memory can be taken, e.g. Replogle's
     * filtered cells of the genome-wide screen.
     */
    public CsrMatrix matrix(String layer, int[] rows, int[] columns) {
        return guard(() -> readMatrix(layer, rows, columns));
    }

    private CsrMatrix readMatrix(String layer, int[] rows, int[] columns) {
        String path;
        Node n;
        if (layer == null || layer.isEmpty()) {
            path = "X";
            n = node("X", "the matrix X");
        } else {
            Node layers = hdf.getChildren().get("layers");
            n = layers instanceof Group g ? g.getChildren().get(layer) : null;
            if (n == null) {
                throw new InputException(file, "has no layer '" + layer + "' (layers: " + layers() + ")");
            }
            path = "layers/" + layer;
        }
        return matrix(path, n, rows, columns);
    }

    @Override
    public void close() {
        hdf.close();
    }

    // ---- matrices ------------------------------------------------------------------------------

    /** Selected indices (ascending) of one axis and the map from old index to new (-1: dropped). */
    private record Selection(int n, int[] ids, int[] map) {
        static Selection of(int[] sel, int size, String what) {
            int[] ids = sel != null ? sel : java.util.stream.IntStream.range(0, size).toArray();
            int[] map = new int[size];
            Arrays.fill(map, -1);
            for (int k = 0; k < ids.length; k++) {
                if (ids[k] < 0 || ids[k] >= size || (k > 0 && ids[k] <= ids[k - 1])) {
                    throw new BadSelection(what + " to select must ascend within 0.." + (size - 1) + ", found " + ids[k]);
                }
                map[ids[k]] = k;
            }
            return new Selection(ids.length, ids, map);
        }

        /** The length of the run of consecutive ids starting at position k, at most max. */
        int run(int k, int max) {
            int len = 1;
            while (k + len < n && ids[k + len] == ids[k] + len && len < max) {
                len++;
            }
            return len;
        }
    }

    /** A caller's selection that is not ascending or not in range: a programming error, passed on as is. */
    private static final class BadSelection extends IllegalArgumentException {
        BadSelection(String message) {
            super(message);
        }
    }

    private CsrMatrix matrix(String path, Node node, int[] rowSel, int[] colSel) {
        try {
            long[] shape;
            if (node instanceof Dataset d) {
                shape = d.getDimensionsAsLong();
                if (shape.length != 2) {
                    throw new InputException(file, path + " has " + shape.length + " dimensions " + Arrays.toString(shape)
                            + ", expected 2 (cells x genes)");
                }
            } else {
                shape = sparseShape(path, (Group) node);
            }
            checkAgainstFrames(path, shape);
            Selection rs = Selection.of(rowSel, (int) shape[0], "rows");
            Selection cs = Selection.of(colSel, (int) shape[1], "columns");
            if (node instanceof Dataset d) {
                return dense(path, d, shape, rs, cs);
            }
            Group g = (Group) node;
            return sparseKind(path, g).equals("csr") ? csr(path, g, shape, rs, cs) : csc(path, g, shape, rs, cs);
        } catch (InputException | BadSelection e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new InputException(file, path + " does not fit in memory (-Xmx)", e);
        } catch (RuntimeException e) {
            throw new InputException(file, "cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private void checkAgainstFrames(String path, long[] shape) {
        int cells = obs().size();
        int genes = var().size();
        if (shape[0] != cells || shape[1] != genes) {
            throw new InputException(file, path + " is " + shape[0] + " x " + shape[1] + " but obs has " + cells
                    + " cells and var has " + genes + " genes (their _index)");
        }
    }

    private String sparseKind(String path, Group g) {
        String enc = stringAttribute(g, "encoding-type");
        if (enc == null) {
            enc = stringAttribute(g, "h5sparse_format");
            if (enc != null) {
                enc = enc + "_matrix";
            }
        }
        if ("csr_matrix".equals(enc)) {
            return "csr";
        }
        if ("csc_matrix".equals(enc)) {
            return "csc";
        }
        throw new InputException(file, path + " is a group with encoding-type " + enc
                + "; expected a dense dataset, csr_matrix or csc_matrix");
    }

    private long[] sparseShape(String path, Group g) {
        Attribute a = g.getAttribute("shape");
        if (a == null) {
            a = g.getAttribute("h5sparse_shape");
        }
        if (a == null) {
            throw new InputException(file, path + " has no shape attribute");
        }
        long[] shape = longs(a.getData());
        if (shape.length != 2 || shape[0] < 0 || shape[1] < 0 || shape[0] > Integer.MAX_VALUE - 8
                || shape[1] > Integer.MAX_VALUE - 8) {
            throw new InputException(file, path + " has shape " + Arrays.toString(shape) + ", expected two sizes");
        }
        return shape;
    }

    private CsrMatrix dense(String path, Dataset d, long[] shape, Selection rs, Selection cs) {
        int cols = (int) shape[1];
        long[] indptr = new long[rs.n() + 1];
        GrowingCsr out = new GrowingCsr(Math.max(16, Math.min(rs.n() * (long) cs.n() / 4, chunk)));
        int rowsPerRead = Math.max(1, chunk / Math.max(1, cols));
        float[] buf = new float[Math.toIntExact(Math.min((long) rowsPerRead * cols, (long) rs.n() * cols))];
        for (int k = 0; k < rs.n(); ) {
            int start = rs.ids()[k];
            int len = rs.run(k, rowsPerRead);
            if (cols > 0) {
                Object slab = d.getData(new long[] {start, 0}, new int[] {len, cols});
                for (int i = 0; i < len; i++) {
                    toFloats(Array.get(slab, i), buf, i * cols, path);
                }
            }
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < cols; j++) {
                    float v = buf[i * cols + j];
                    if (v != 0 && cs.map()[j] >= 0) {
                        out.add(cs.map()[j], v);
                    }
                }
                indptr[k + i + 1] = out.size;
            }
            k += len;
        }
        return new CsrMatrix(rs.n(), cs.n(), indptr, out.indices(), out.values());
    }

    private CsrMatrix csr(String path, Group g, long[] shape, Selection rs, Selection cs) {
        int cols = (int) shape[1];
        Dataset data = child(path, g, "data");
        Dataset indices = child(path, g, "indices");
        long[] indptr = longs(child(path, g, "indptr").getData());
        checkPointers(path, indptr, (int) shape[0], "rows", data, indices);
        long[] outPtr = new long[rs.n() + 1];
        long selected = 0;
        for (int k = 0; k < rs.n(); k++) {
            selected += indptr[rs.ids()[k] + 1] - indptr[rs.ids()[k]];
        }
        if (selected > Integer.MAX_VALUE - 8 && cs.n() == cols) {
            throw new InputException(file, path + ": the selected rows hold " + selected + " non-zeros; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported (select fewer cells)");
        }
        // every column kept: exactly the selected rows' entries, no growth and no trimming copy
        GrowingCsr out = new GrowingCsr(cs.n() == cols ? selected : Math.max(16, Math.min(selected, chunk)));
        int[] ib = new int[(int) Math.max(1, Math.min(chunk, selected))];
        float[] vb = new float[ib.length];
        for (int k = 0; k < rs.n(); ) {
            int start = rs.ids()[k];
            int len = rs.run(k, Integer.MAX_VALUE);
            long from = indptr[start];
            long to = indptr[start + len];
            int r = start; // the row of the entry at p
            for (long c0 = from; c0 < to; c0 += ib.length) {
                int n = (int) Math.min(ib.length, to - c0);
                toInts(indices.getData(new long[] {c0}, new int[] {n}), ib, 0, path + "/indices");
                toFloats(data.getData(new long[] {c0}, new int[] {n}), vb, 0, path + "/data");
                for (int q = 0; q < n; q++) {
                    long p = c0 + q;
                    while (indptr[r + 1] <= p) {
                        outPtr[k + (r - start) + 1] = out.size;
                        r++;
                    }
                    int j = ib[q];
                    if (j < 0 || j >= cols) {
                        throw new InputException(file, path + "/indices[" + p + "] = " + j + " is outside the " + cols
                                + " columns of its shape");
                    }
                    if (cs.map()[j] >= 0) {
                        out.add(cs.map()[j], vb[q]);
                    }
                }
            }
            for (; r < start + len; r++) {
                outPtr[k + (r - start) + 1] = out.size;
            }
            k += len;
        }
        return new CsrMatrix(rs.n(), cs.n(), outPtr, out.indices(), out.values());
    }

    /**
     * CSC to CSR in two passes over the stored row indices of the selected columns: count the entries per row,
     * then place each entry (column by column, so the column indices of each row come out ascending). Extra
     * memory: one counter per row and the read buffers.
     */
    private CsrMatrix csc(String path, Group g, long[] shape, Selection rs, Selection cs) {
        int rows = (int) shape[0];
        Dataset data = child(path, g, "data");
        Dataset indices = child(path, g, "indices");
        long[] colptr = longs(child(path, g, "indptr").getData());
        long nnz = checkPointers(path, colptr, (int) shape[1], "columns", data, indices);
        long[] indptr = new long[rs.n() + 1];
        int[] rowBuf = new int[(int) Math.max(1, Math.min(chunk, nnz))];
        for (int k = 0; k < cs.n(); ) {
            int start = cs.ids()[k];
            int len = cs.run(k, Integer.MAX_VALUE);
            long to = colptr[start + len];
            for (long c0 = colptr[start]; c0 < to; c0 += rowBuf.length) {
                int n = (int) Math.min(rowBuf.length, to - c0);
                toInts(indices.getData(new long[] {c0}, new int[] {n}), rowBuf, 0, path + "/indices");
                for (int i = 0; i < n; i++) {
                    int r = rowBuf[i];
                    if (r < 0 || r >= rows) {
                        throw new InputException(file, path + "/indices[" + (c0 + i) + "] = " + r + " is outside the " + rows
                                + " rows of its shape");
                    }
                    if (rs.map()[r] >= 0) {
                        indptr[rs.map()[r] + 1]++;
                    }
                }
            }
            k += len;
        }
        for (int r = 0; r < rs.n(); r++) {
            indptr[r + 1] += indptr[r];
        }
        if (indptr[rs.n()] > Integer.MAX_VALUE - 8) {
            throw new InputException(file, path + " has " + indptr[rs.n()] + " selected non-zeros; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported");
        }
        long[] next = indptr.clone(); // one counter per row
        int total = (int) indptr[rs.n()];
        int[] idx = new int[total];
        float[] val = new float[total];
        float[] valBuf = new float[rowBuf.length];
        for (int k = 0; k < cs.n(); ) {
            int start = cs.ids()[k];
            int len = cs.run(k, Integer.MAX_VALUE);
            long to = colptr[start + len];
            int col = start;
            for (long c0 = colptr[start]; c0 < to; c0 += rowBuf.length) {
                int n = (int) Math.min(rowBuf.length, to - c0);
                toInts(indices.getData(new long[] {c0}, new int[] {n}), rowBuf, 0, path + "/indices");
                toFloats(data.getData(new long[] {c0}, new int[] {n}), valBuf, 0, path + "/data");
                for (int i = 0; i < n; i++) {
                    long at = c0 + i;
                    while (colptr[col + 1] <= at) {
                        col++;
                    }
                    int nr = rs.map()[rowBuf[i]];
                    if (nr >= 0) {
                        int dst = (int) next[nr]++;
                        idx[dst] = cs.map()[col];
                        val[dst] = valBuf[i];
                    }
                }
            }
            k += len;
        }
        return new CsrMatrix(rs.n(), cs.n(), indptr, idx, val);
    }

    /** Checks a pointer array (indptr / colptr) and the data and indices lengths; returns the non-zeros. */
    private long checkPointers(String path, long[] ptr, int major, String what, Dataset data, Dataset indices) {
        if (ptr.length != major + 1) {
            throw new InputException(file, path + "/indptr has " + ptr.length + " entries but the shape has " + major + " "
                    + what + " (expected " + (major + 1) + ")");
        }
        if (ptr[0] != 0) {
            throw new InputException(file, path + "/indptr starts at " + ptr[0] + ", not 0");
        }
        for (int i = 0; i < major; i++) {
            if (ptr[i + 1] < ptr[i]) {
                throw new InputException(file, path + "/indptr is not monotone: it decreases from " + ptr[i] + " to "
                        + ptr[i + 1] + " at position " + (i + 1));
            }
        }
        long nnz = ptr[major];
        long nd = oneDimensional(path + "/data", data);
        long ni = oneDimensional(path + "/indices", indices);
        if (nd != nnz || ni != nnz) {
            throw new InputException(file, path + "/indptr ends at " + nnz + " but data has " + nd + " and indices "
                    + ni + " entries");
        }
        return nnz;
    }

    private long oneDimensional(String path, Dataset d) {
        long[] dims = d.getDimensionsAsLong();
        if (dims.length != 1) {
            throw new InputException(file, path + " has shape " + Arrays.toString(dims) + ", expected one dimension");
        }
        return dims[0];
    }

    private Dataset child(String path, Group g, String name) {
        Node n = g.getChildren().get(name);
        if (n instanceof Dataset d) {
            return d;
        }
        throw new InputException(file, path + " has no dataset '" + name + "' (a sparse matrix needs data, indices, indptr)");
    }

    /** Non-zeros collected row by row from a dense matrix, in growing arrays. */
    private static final class GrowingCsr {
        int[] idx;
        float[] val;
        int size;

        GrowingCsr(long capacity) {
            idx = new int[(int) capacity];
            val = new float[(int) capacity];
        }

        void add(int column, float v) {
            if (size == idx.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, idx.length + (idx.length >> 1) + 16L);
                if (cap == size) {
                    throw new IllegalStateException("more than " + size + " non-zeros");
                }
                idx = Arrays.copyOf(idx, cap);
                val = Arrays.copyOf(val, cap);
            }
            idx[size] = column;
            val[size++] = v;
        }

        int[] indices() {
            return idx.length == size ? idx : Arrays.copyOf(idx, size);
        }

        float[] values() {
            return val.length == size ? val : Arrays.copyOf(val, size);
        }
    }

    // ---- data frames ---------------------------------------------------------------------------

    private DataFrame frame(String name) {
        Node node = node(name, "the " + name + " data frame");
        if (!(node instanceof Group g)) {
            throw new InputException(file, name + " is a " + node.getType() + "; this reader takes data frames stored as a "
                    + "group (anndata 0.7 and later)");
        }
        try {
            String enc = stringAttribute(g, "encoding-type");
            if (enc != null && !enc.equals("dataframe")) {
                throw new InputException(file, name + " has encoding-type " + enc + ", expected dataframe");
            }
            String indexName = stringAttribute(g, "_index");
            if (indexName == null) {
                throw new InputException(file, name + " has no _index attribute naming its index");
            }
            Node idxNode = g.getChildren().get(indexName);
            if (!(idxNode instanceof Dataset idxData)) {
                throw new InputException(file, name + "/_index names '" + indexName + "' but there is no such dataset");
            }
            List<String> index = strings(name + "/" + indexName, idxData.getData());
            List<String> order = columnOrder(g, indexName);
            Map<String, FrameColumn> columns = new LinkedHashMap<>();
            for (String col : order) {
                FrameColumn c = column(name, g, col);
                if (c.size() != index.size()) {
                    throw new InputException(file, name + "/" + col + " has " + c.size() + " values but " + name + " has "
                            + index.size() + " rows (its _index)");
                }
                columns.put(col, c);
            }
            return new DataFrame(index, columns);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(file, "cannot read " + name + " (" + e.getMessage() + ")", e);
        }
    }

    private List<String> columnOrder(Group g, String indexName) {
        Attribute a = g.getAttribute("column-order");
        if (a != null) {
            if (a.isEmpty() || a.getSize() == 0) {
                return List.of();
            }
            Object data = a.getData();
            if (data instanceof String s) {
                return List.of(s);
            }
            return data.getClass().isArray() && Array.getLength(data) == 0 ? List.of() : strings(g.getPath() + "@column-order", data);
        }
        List<String> out = new ArrayList<>();
        for (String child : g.getChildren().keySet()) {
            if (!child.equals(indexName) && !child.equals("__categories")) {
                out.add(child);
            }
        }
        return out;
    }

    private FrameColumn column(String frame, Group g, String col) {
        String path = frame + "/" + col;
        Node n = g.getChildren().get(col);
        if (n == null) {
            throw new InputException(file, frame + "@column-order names '" + col + "' but there is no such column");
        }
        if (n instanceof Group cg) {
            String enc = stringAttribute(cg, "encoding-type");
            if (!"categorical".equals(enc)) {
                throw new InputException(file, path + " has encoding-type " + enc + ", which this reader does not take"
                        + " (categorical, string-array and numeric or boolean arrays are read)");
            }
            Node codes = cg.getChildren().get("codes");
            Node cats = cg.getChildren().get("categories");
            if (!(codes instanceof Dataset cd) || !(cats instanceof Dataset kd)) {
                throw new InputException(file, path + " is categorical but lacks its codes or categories dataset");
            }
            Attribute ordered = cg.getAttribute("ordered");
            return categorical(path, cd.getData(), strings(path + "/categories", kd.getData()),
                    ordered != null && truth(ordered.getData()));
        }
        Dataset d = (Dataset) n;
        Node oldCats = g.getChildren().get("__categories");
        if (oldCats instanceof Group og && og.getChildren().get(col) instanceof Dataset kd) {
            return categorical(path, d.getData(), strings(frame + "/__categories/" + col, kd.getData()), false);
        }
        Object data = d.getData();
        if (data instanceof String[] s) {
            if (isBooleanEnum(d)) {
                boolean[] b = new boolean[s.length];
                for (int i = 0; i < s.length; i++) {
                    b[i] = truth(s[i]);
                }
                return new FrameColumn.Booleans(b);
            }
            return new FrameColumn.Strings(strings(path, data));
        }
        if (data instanceof boolean[] b) {
            return new FrameColumn.Booleans(b);
        }
        if (data instanceof Object[] o && o.length > 0 && o[0] instanceof Boolean) {
            boolean[] b = new boolean[o.length];
            for (int i = 0; i < o.length; i++) {
                b[i] = (Boolean) o[i];
            }
            return new FrameColumn.Booleans(b);
        }
        if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()) {
            Class<?> t = data.getClass().getComponentType();
            int len = Array.getLength(data);
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = ((Number) Array.get(data, i)).doubleValue();
            }
            return new FrameColumn.Numbers(v, t != float.class && t != double.class);
        }
        throw new InputException(file, path + " holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
                + "; expected strings, numbers, booleans or a categorical");
    }

    private static boolean isBooleanEnum(Dataset d) {
        return d.getDataType() instanceof io.jhdf.object.datatype.EnumDataType e
                && e.getEnumMapping().values().stream().map(String::toUpperCase).toList().containsAll(List.of("TRUE", "FALSE"));
    }

    private FrameColumn categorical(String path, Object codesData, List<String> categories, boolean ordered) {
        if (codesData == null || !codesData.getClass().isArray() || !codesData.getClass().getComponentType().isPrimitive()) {
            throw new InputException(file, path + " codes are not integers");
        }
        int n = Array.getLength(codesData);
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            long c = ((Number) Array.get(codesData, i)).longValue();
            if (c < -1 || c >= categories.size()) {
                throw new InputException(file, path + " has code " + c + " at row " + i + " but " + categories.size()
                        + " categories");
            }
            codes[i] = (int) c;
        }
        return new FrameColumn.Categorical(codes, categories, ordered);
    }

    // ---- values --------------------------------------------------------------------------------

    private Node node(String name, String what) {
        Node n = hdf.getChildren().get(name);
        if (n == null) {
            throw new InputException(file, "is not an h5ad file: no " + what + " ('" + name + "'; top-level entries: "
                    + hdf.getChildren().keySet() + ")");
        }
        return n;
    }

    private static String stringAttribute(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d != null && d.getClass().isArray() && Array.getLength(d) == 1 && Array.get(d, 0) instanceof String s) {
            return s;
        }
        return d == null ? null : String.valueOf(d);
    }

    private static boolean truth(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.longValue() != 0;
        }
        if (o instanceof String s) {
            return s.equalsIgnoreCase("true");
        }
        if (o != null && o.getClass().isArray() && Array.getLength(o) == 1) {
            return truth(Array.get(o, 0));
        }
        return false;
    }

    private List<String> strings(String path, Object data) {
        if (data == null || !data.getClass().isArray()) {
            throw new InputException(file, path + " is not a 1-D array of strings");
        }
        int n = Array.getLength(data);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(data, i);
            if (v instanceof String s) {
                int nul = s.indexOf('\0');
                out.add(nul < 0 ? s : s.substring(0, nul));
            } else if (v instanceof Number || v instanceof Boolean) {
                out.add(String.valueOf(v));
            } else {
                throw new InputException(file, path + " holds " + (v == null ? "null" : v.getClass().getSimpleName())
                        + " values, expected strings");
            }
        }
        return out;
    }

    private long[] longs(Object data) {
        if (data instanceof long[] l) {
            return l;
        }
        if (data instanceof Number n) {
            return new long[] {n.longValue()};
        }
        if (data == null || !data.getClass().isArray()) {
            throw new IllegalArgumentException("expected integers, found " + data);
        }
        int n = Array.getLength(data);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(data, i)).longValue();
        }
        return out;
    }

    private void toInts(Object data, int[] dst, int at, String path) {
        if (data instanceof int[] a) {
            System.arraycopy(a, 0, dst, at, a.length);
        } else if (data instanceof long[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE ? -1 : (int) a[i];
            }
        } else if (data instanceof short[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else if (data instanceof byte[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else {
            throw new InputException(file, path + " holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
                    + ", expected integers");
        }
    }

    private void toFloats(Object data, float[] dst, int at, String path) {
        if (data instanceof float[] a) {
            System.arraycopy(a, 0, dst, at, a.length);
        } else if (data instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = (float) a[i];
            }
        } else if (data instanceof int[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else if (data instanceof long[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else if (data instanceof short[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else if (data instanceof byte[] a) {
            for (int i = 0; i < a.length; i++) {
                dst[at + i] = a[i];
            }
        } else {
            throw new InputException(file, path + " holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
                    + ", expected numbers");
        }
    }
}
