package io.gexflow.io.arrow;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a gexflow matrix file one record batch at a time: memory is bounded by one batch.
 * {@link #readAll(Path)} loads a whole (small enough) file.
 */
public final class ArrowMatrixReader implements AutoCloseable {
    private final Path file;
    private final ArrowFileSource source;
    private final VectorSchemaRoot root;
    private final List<String> features;
    private final Map<String, String> metadata;
    private final List<String> obsNames = new ArrayList<>();

    public ArrowMatrixReader(Path file) {
        this.file = file;
        this.source = new ArrowFileSource(file);
        this.root = source.root();
        Schema schema = root.getSchema();
        this.metadata = source.metadata();
        Field x = schema.getFields().stream().filter(f -> f.getName().equals(MatrixFile.X)).findFirst().orElse(null);
        if (schema.getFields().stream().noneMatch(f -> f.getName().equals(MatrixFile.ID)) || x == null
                || !(x.getType() instanceof ArrowType.FixedSizeList)) {
            close();
            throw new InputException(file, "not a gexflow matrix file: needs columns 'id' and 'x' (FixedSizeList<float32>)");
        }
        String featureJson = metadata.get(MatrixFile.META_FEATURES);
        if (featureJson == null) {
            close();
            throw new InputException(file, "schema metadata has no " + MatrixFile.META_FEATURES);
        }
        try {
            this.features = List.copyOf(Json.MAPPER.readValue(featureJson, new TypeReference<List<String>>() {}));
        } catch (IOException e) {
            close();
            throw new InputException(file, MatrixFile.META_FEATURES + " is not a JSON array of strings");
        }
        int listSize = ((ArrowType.FixedSizeList) x.getType()).getListSize();
        if (listSize != features.size()) {
            close();
            throw new InputException(file, "x has " + listSize + " values per row but " + features.size() + " features");
        }
        for (Field f : schema.getFields()) {
            if (!f.getName().equals(MatrixFile.ID) && !f.getName().equals(MatrixFile.X)) {
                obsNames.add(f.getName());
            }
        }
    }

    public Path file() {
        return file;
    }

    public List<String> features() {
        return features;
    }

    public int featureCount() {
        return features.size();
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public List<String> obsNames() {
        return obsNames;
    }

    /**
     * The obs columns with the types a {@link ArrowMatrixWriter} writes them back with: utf8, 32-bit
     * int, floating point (as float64). Another type is an input error.
     */
    public List<ObsColumn> obsColumns() {
        List<ObsColumn> out = new ArrayList<>();
        for (String name : obsNames) {
            ArrowType t = root.getSchema().findField(name).getType();
            if (t instanceof ArrowType.Utf8) {
                out.add(ObsColumn.utf8(name));
            } else if (t instanceof ArrowType.Int i && i.getBitWidth() == 32 && i.getIsSigned()) {
                out.add(ObsColumn.int32(name));
            } else if (t instanceof ArrowType.FloatingPoint) {
                out.add(ObsColumn.float64(name));
            } else {
                throw new InputException(file, "obs column '" + name + "' has type " + t
                        + "; gexflow carries utf8, int32 and floating-point columns");
            }
        }
        return out;
    }

    /**
     * Loads the next record batch; false at the end. The batch is validated in full (offsets and lengths
     * within their buffers, the x values present for every row) before any value is read, so a damaged
     * file is an input error rather than an index error or a loop over forged row counts.
     */
    public boolean nextBatch() {
        try {
            if (!source.loadNextBatch()) {
                return false;
            }
            for (FieldVector v : root.getFieldVectors()) {
                // Arrow Java's full validation does not take a FixedSizeList (no offset buffer): its values instead
                org.apache.arrow.vector.util.ValueVectorUtility.validateFull(
                        v instanceof FixedSizeListVector f ? f.getDataVector() : v);
            }
            FixedSizeListVector xv = (FixedSizeListVector) root.getVector(MatrixFile.X);
            long need = (long) root.getRowCount() * features.size() * Float.BYTES;
            if (xv.getValueCount() != root.getRowCount() || xv.getDataVector().getDataBuffer().capacity() < need
                    || root.getVector(MatrixFile.ID).getValueCount() != root.getRowCount()) {
                throw new IllegalStateException("the batch's " + root.getRowCount() + " rows do not match its id and x vectors");
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw new InputException(file, "corrupt Arrow record batch (" + e.getMessage() + ")", e);
        }
    }

    public int batchRows() {
        return root.getRowCount();
    }

    public String id(int row) {
        return new String(((VarCharVector) root.getVector(MatrixFile.ID)).get(row), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The obs value of a row as an object (String, Integer, Double) or null. */
    public Object obs(String name, int row) {
        FieldVector v = root.getVector(name);
        if (v == null) {
            throw new InputException(file, "no obs column '" + name + "'");
        }
        Object o = v.getObject(row);
        return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
    }

    /** Copies the current batch's features into {@code dst} at {@code offset}, row-major. */
    public void copyBatchX(float[] dst, int offset) {
        Float4Vector data = (Float4Vector) ((FixedSizeListVector) root.getVector(MatrixFile.X)).getDataVector();
        ArrowBuf buf = data.getDataBuffer();
        long values = (long) batchRows() * features.size();
        long done = 0;
        while (done < values) {
            int n = (int) Math.min(values - done, 1 << 26);
            buf.nioBuffer(done * Float.BYTES, n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(dst, offset + (int) done, n);
            done += n;
        }
    }

    /** The current batch's features as a new row-major array. */
    public float[] batchX() {
        float[] x = new float[Math.multiplyExact(batchRows(), features.size())];
        copyBatchX(x, 0);
        return x;
    }

    /** Reads a whole file into memory. */
    public static DenseMatrix readAll(Path file) {
        try (ArrowMatrixReader r = new ArrowMatrixReader(file)) {
            List<String> ids = new ArrayList<>();
            List<float[]> chunks = new ArrayList<>();
            Map<String, List<Object>> obs = new java.util.LinkedHashMap<>();
            r.obsNames().forEach(n -> obs.put(n, new ArrayList<>()));
            while (r.nextBatch()) {
                for (int i = 0; i < r.batchRows(); i++) {
                    ids.add(r.id(i));
                    for (String n : r.obsNames()) {
                        obs.get(n).add(r.obs(n, i));
                    }
                }
                chunks.add(r.batchX());
            }
            int nf = r.featureCount();
            float[] x = new float[Math.multiplyExact(ids.size(), nf)];
            int at = 0;
            for (float[] c : chunks) {
                System.arraycopy(c, 0, x, at, c.length);
                at += c.length;
            }
            return new DenseMatrix(ids, r.features(), x, obs, r.metadata());
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
