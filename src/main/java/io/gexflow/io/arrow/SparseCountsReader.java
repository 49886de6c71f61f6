package io.gexflow.io.arrow;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a sparse counts file ({@link SparseCountsFile}) one record batch at a time; {@link #readAll(Path)}
 * loads a whole file into CSR arrays whose size is the stored counts (never cells x genes).
 */
public final class SparseCountsReader implements AutoCloseable {
    private final Path file;
    private final ArrowFileSource source;
    private final VectorSchemaRoot root;
    private final List<String> genes;
    private final List<String> treatments;
    private final Map<String, Integer> treatmentIndex = new HashMap<>();
    private final Map<String, String> metadata;
    private final List<ObsColumn> obsColumns = new ArrayList<>();

    public SparseCountsReader(Path file) {
        this.file = file;
        this.source = new ArrowFileSource(file);
        this.root = source.root();
        Schema schema = root.getSchema();
        this.metadata = source.metadata();
        try {
            if (!SparseCountsFile.LAYOUT.equals(metadata.get(SparseCountsFile.META_LAYOUT))) {
                throw new InputException(file, "not a gexflow sparse counts file (schema metadata "
                        + SparseCountsFile.META_LAYOUT + " is " + metadata.get(SparseCountsFile.META_LAYOUT) + ", expected "
                        + SparseCountsFile.LAYOUT + ")");
            }
            requireList(schema, SparseCountsFile.TREATMENTS, ArrowType.Utf8.class);
            requireList(schema, SparseCountsFile.INDICES, ArrowType.Int.class);
            requireList(schema, SparseCountsFile.VALUES, ArrowType.FloatingPoint.class);
            if (schema.getFields().stream().noneMatch(f -> f.getName().equals(SparseCountsFile.ID))) {
                throw new InputException(file, "has no column 'id'");
            }
            this.genes = names(MatrixFile.META_FEATURES);
            this.treatments = names(SparseCountsFile.META_TREATMENTS);
            for (int t = 0; t < treatments.size(); t++) {
                if (treatmentIndex.put(treatments.get(t), t) != null) {
                    throw new InputException(file, "treatment '" + treatments.get(t) + "' appears twice in "
                            + SparseCountsFile.META_TREATMENTS);
                }
            }
            for (Field f : schema.getFields()) {
                String n = f.getName();
                if (n.equals(SparseCountsFile.ID) || n.equals(SparseCountsFile.TREATMENTS) || n.equals(SparseCountsFile.INDICES)
                        || n.equals(SparseCountsFile.VALUES)) {
                    continue;
                }
                ArrowType t = f.getType();
                if (t instanceof ArrowType.Utf8) {
                    obsColumns.add(ObsColumn.utf8(n));
                } else if (t instanceof ArrowType.Int i && i.getBitWidth() == 32 && i.getIsSigned()) {
                    obsColumns.add(ObsColumn.int32(n));
                } else if (t instanceof ArrowType.FloatingPoint) {
                    obsColumns.add(ObsColumn.float64(n));
                } else {
                    throw new InputException(file, "obs column '" + n + "' has type " + t
                            + "; gexflow carries utf8, int32 and floating-point columns");
                }
            }
        } catch (InputException e) {
            close();
            throw e;
        }
    }

    private void requireList(Schema schema, String name, Class<? extends ArrowType> item) {
        Field f = schema.getFields().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (f == null || !(f.getType() instanceof ArrowType.List) || f.getChildren().size() != 1
                || !item.isInstance(f.getChildren().get(0).getType())) {
            throw new InputException(file, "column '" + name + "' must be a List<" + item.getSimpleName() + ">, found "
                    + (f == null ? "no such column" : f.getType() + " " + f.getChildren()));
        }
        ArrowType t = f.getChildren().get(0).getType();
        if (t instanceof ArrowType.Int i && (i.getBitWidth() != 32 || !i.getIsSigned())
                || t instanceof ArrowType.FloatingPoint p && p.getPrecision() != org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE) {
            throw new InputException(file, "column '" + name + "' holds " + t + "; expected int32 indices and float32 values");
        }
    }

    private List<String> names(String key) {
        String json = metadata.get(key);
        if (json == null) {
            throw new InputException(file, "schema metadata has no " + key);
        }
        try {
            return List.copyOf(Json.MAPPER.readValue(json, new TypeReference<List<String>>() {}));
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, key + " is not a JSON array of strings");
        }
    }

    public Path file() {
        return file;
    }

    public List<String> genes() {
        return genes;
    }

    public List<String> treatments() {
        return treatments;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public List<ObsColumn> obsColumns() {
        return obsColumns;
    }

    /** Loads the next record batch, validated in full; false at the end. */
    public boolean nextBatch() {
        try {
            if (!source.loadNextBatch()) {
                return false;
            }
            for (FieldVector v : root.getFieldVectors()) {
                org.apache.arrow.vector.util.ValueVectorUtility.validateFull(v);
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, "corrupt Arrow record batch (" + e.getMessage() + ")", e);
        }
        int rows = root.getRowCount();
        ListVector idx = list(SparseCountsFile.INDICES);
        ListVector val = list(SparseCountsFile.VALUES);
        for (int i = 0; i < rows; i++) {
            if (idx.isNull(i) || val.isNull(i) || list(SparseCountsFile.TREATMENTS).isNull(i)) {
                throw new InputException(file, "cell " + id(i) + " has a null treatments, indices or values list");
            }
            if (idx.getElementEndIndex(i) - idx.getElementStartIndex(i) != val.getElementEndIndex(i) - val.getElementStartIndex(i)) {
                throw new InputException(file, "cell " + id(i) + " has " + (idx.getElementEndIndex(i) - idx.getElementStartIndex(i))
                        + " indices but " + (val.getElementEndIndex(i) - val.getElementStartIndex(i)) + " values");
            }
        }
        return true;
    }

    private ListVector list(String name) {
        return (ListVector) root.getVector(name);
    }

    public int batchRows() {
        return root.getRowCount();
    }

    public String id(int row) {
        return new String(((VarCharVector) root.getVector(SparseCountsFile.ID)).get(row), StandardCharsets.UTF_8);
    }

    /** The obs value of a row: String, Integer, Double or null. */
    public Object obs(String name, int row) {
        FieldVector v = root.getVector(name);
        if (v == null) {
            throw new InputException(file, "no obs column '" + name + "'");
        }
        Object o = v.getObject(row);
        return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
    }

    /** The row's treatments as indices into {@link #treatments()}. */
    public int[] treatmentsOf(int row) {
        ListVector l = list(SparseCountsFile.TREATMENTS);
        VarCharVector names = (VarCharVector) l.getDataVector();
        int from = l.getElementStartIndex(row);
        int[] out = new int[l.getElementEndIndex(row) - from];
        for (int k = 0; k < out.length; k++) {
            String name = new String(names.get(from + k), StandardCharsets.UTF_8);
            Integer t = treatmentIndex.get(name);
            if (t == null) {
                throw new InputException(file, "cell " + id(row) + " names treatment '" + name + "', which is not in "
                        + SparseCountsFile.META_TREATMENTS);
            }
            out[k] = t;
        }
        return out;
    }

    /** Stored counts in the current batch. */
    public int batchNonZeros() {
        ListVector l = list(SparseCountsFile.INDICES);
        int rows = batchRows();
        return rows == 0 ? 0 : l.getElementEndIndex(rows - 1) - l.getElementStartIndex(0);
    }

    /** Per-row counts of stored entries in the current batch. */
    public int rowNonZeros(int row) {
        ListVector l = list(SparseCountsFile.INDICES);
        return l.getElementEndIndex(row) - l.getElementStartIndex(row);
    }

    /**
     * Copies the current batch's gene indices and counts (all rows back to back, as in CSR) into {@code idx} and
     * {@code val} at {@code at}; checks every index against the genes.
     */
    public void copyBatch(int[] idx, float[] val, int at) {
        int rows = batchRows();
        if (rows == 0) {
            return;
        }
        ListVector li = list(SparseCountsFile.INDICES);
        ListVector lv = list(SparseCountsFile.VALUES);
        int n = batchNonZeros();
        ArrowBuf ib = ((IntVector) li.getDataVector()).getDataBuffer();
        ib.nioBuffer((long) li.getElementStartIndex(0) * Integer.BYTES, n * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(idx, at, n);
        ArrowBuf vb = ((Float4Vector) lv.getDataVector()).getDataBuffer();
        vb.nioBuffer((long) lv.getElementStartIndex(0) * Float.BYTES, n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(val, at, n);
        int g = genes.size();
        for (int k = at; k < at + n; k++) {
            if (idx[k] < 0 || idx[k] >= g) {
                throw new InputException(file, "gene index " + idx[k] + " is outside the " + g + " genes of "
                        + MatrixFile.META_FEATURES);
            }
        }
    }

    /**
     * Reads a whole file. Memory: the stored counts once as the result, plus, while the batches are joined, the
     * per-batch copies (so at most twice the non-zeros for a moment), never a dense cells x genes array.
     */
    public static SparseCounts readAll(Path file) {
        try (SparseCountsReader r = new SparseCountsReader(file)) {
            List<String> ids = new ArrayList<>();
            Map<String, List<Object>> obs = new LinkedHashMap<>();
            r.obsColumns().forEach(c -> obs.put(c.name(), new ArrayList<>()));
            List<int[]> idxChunks = new ArrayList<>();
            List<float[]> valChunks = new ArrayList<>();
            LongList offsets = new LongList();
            LongList dOffsets = new LongList();
            List<int[]> dChunks = new ArrayList<>();
            long nnz = 0;
            long dnnz = 0;
            offsets.add(0);
            dOffsets.add(0);
            while (r.nextBatch()) {
                int rows = r.batchRows();
                int n = r.batchNonZeros();
                int[] idx = new int[n];
                float[] val = new float[n];
                r.copyBatch(idx, val, 0);
                idxChunks.add(idx);
                valChunks.add(val);
                for (int i = 0; i < rows; i++) {
                    ids.add(r.id(i));
                    for (ObsColumn c : r.obsColumns()) {
                        obs.get(c.name()).add(r.obs(c.name(), i));
                    }
                    nnz += r.rowNonZeros(i);
                    offsets.add(nnz);
                    int[] t = r.treatmentsOf(i);
                    java.util.Arrays.sort(t);
                    dChunks.add(t);
                    dnnz += t.length;
                    dOffsets.add(dnnz);
                }
            }
            if (nnz > Integer.MAX_VALUE - 8) {
                throw new InputException(file, nnz + " stored counts do not fit one array; at most " + (Integer.MAX_VALUE - 8));
            }
            int[] indices = new int[(int) nnz];
            float[] values = new float[(int) nnz];
            int at = 0;
            for (int c = 0; c < idxChunks.size(); c++) {
                int[] ic = idxChunks.get(c);
                System.arraycopy(ic, 0, indices, at, ic.length);
                System.arraycopy(valChunks.get(c), 0, values, at, ic.length);
                idxChunks.set(c, null);
                valChunks.set(c, null);
                at += ic.length;
            }
            int[] dIdx = new int[(int) dnnz];
            at = 0;
            for (int[] t : dChunks) {
                System.arraycopy(t, 0, dIdx, at, t.length);
                at += t.length;
            }
            return new SparseCounts(ids, r.genes(), r.treatments(), offsets.toArray(), indices, values, dOffsets.toArray(),
                    dIdx, obs, r.metadata());
        }
    }

    private static final class LongList {
        long[] a = new long[1024];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
