package io.gexflow.io.arrow;

import io.gexflow.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams rows into a gexflow matrix file, one record batch every {@code batchRows} rows, so memory
 * is bounded by one batch. The file appears under its name only after {@link #close()} succeeds;
 * {@link #abort()} (or an exception before close) leaves nothing behind.
 */
public final class ArrowMatrixWriter implements AutoCloseable {
    private final ArrowFileSink sink;
    private final VectorSchemaRoot root;
    private final int nFeatures;
    private final int batchRows;
    private final List<ObsColumn> obs;
    private final VarCharVector idVector;
    private final FixedSizeListVector xVector;
    private int rowsInBatch;
    private long rowsWritten;

    /**
     * @param features feature ids, stored as {@value MatrixFile#META_FEATURES}
     * @param obs per-sample annotation columns written between id and x
     * @param metadata more schema metadata (provenance under {@value MatrixFile#META_PROVENANCE})
     */
    public ArrowMatrixWriter(Path file, List<String> features, List<ObsColumn> obs, Map<String, String> metadata,
            int batchRows) {
        this.nFeatures = features.size();
        this.batchRows = MatrixFile.batchRowsFor(nFeatures, batchRows);
        this.obs = List.copyOf(obs);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(MatrixFile.META_FEATURES, Json.compact(features));
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(MatrixFile.ID, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        for (ObsColumn c : this.obs) {
            fields.add(c.field());
        }
        Field item = new Field("item",
                FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        fields.add(new Field(MatrixFile.X, FieldType.notNullable(new ArrowType.FixedSizeList(nFeatures)),
                List.of(item)));
        this.sink = new ArrowFileSink(file, new Schema(fields, meta));
        this.root = sink.root();
        this.idVector = (VarCharVector) root.getVector(MatrixFile.ID);
        this.xVector = (FixedSizeListVector) root.getVector(MatrixFile.X);
        try {
            allocateBatch();
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        }
    }

    public ArrowMatrixWriter(Path file, List<String> features, List<ObsColumn> obs, Map<String, String> metadata) {
        this(file, features, obs, metadata, MatrixFile.DEFAULT_BATCH_ROWS);
    }

    private void allocateBatch() {
        root.clear();
        xVector.setInitialCapacity(batchRows);
        root.allocateNew();
        Float4Vector data = (Float4Vector) xVector.getDataVector();
        long n = (long) batchRows * nFeatures;
        if (data.getValueCapacity() < n) {
            data.allocateNew((int) n);
        }
        rowsInBatch = 0;
    }

    /** Appends one sample; {@code obsValues} holds one value (String, Integer, Double or null) per obs column. */
    public void write(String id, List<?> obsValues, float[] x, int offset) {
        if (obsValues.size() != obs.size()) {
            throw new IllegalArgumentException("expected " + obs.size() + " obs values, got " + obsValues.size());
        }
        int row = rowsInBatch;
        idVector.setSafe(row, id.getBytes(StandardCharsets.UTF_8));
        for (int c = 0; c < obs.size(); c++) {
            obs.get(c).set(root.getVector(obs.get(c).name()), row, obsValues.get(c));
        }
        xVector.setNotNull(row);
        Float4Vector data = (Float4Vector) xVector.getDataVector();
        ArrowBuf buf = data.getDataBuffer();
        long base = (long) row * nFeatures;
        buf.nioBuffer(base * Float.BYTES, nFeatures * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().put(x, offset, nFeatures);
        rowsInBatch++;
        if (rowsInBatch == batchRows) {
            flush();
        }
    }

    public void write(String id, List<?> obsValues, float[] x) {
        if (x.length != nFeatures) {
            throw new IllegalArgumentException("row " + id + " has " + x.length + " values, expected " + nFeatures);
        }
        write(id, obsValues, x, 0);
    }

    private void flush() {
        if (rowsInBatch == 0) {
            return;
        }
        Float4Vector data = (Float4Vector) xVector.getDataVector();
        int values = rowsInBatch * nFeatures;
        // every feature value is present: mark the whole batch valid in one call
        data.getValidityBuffer().setOne(0, (values + 7) / 8);
        data.setValueCount(values);
        xVector.setValueCount(rowsInBatch);
        sink.writeBatch(rowsInBatch);
        rowsWritten += rowsInBatch;
        allocateBatch();
    }

    public long rowsWritten() {
        return rowsWritten + rowsInBatch;
    }

    /** Finishes the file and gives it its name. */
    @Override
    public void close() {
        if (sink.isClosed()) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        }
        sink.close();
    }

    /** Drops the partial file. */
    public void abort() {
        sink.abort();
    }
}
