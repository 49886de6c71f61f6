package io.gexflow.io.arrow;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams cells into a sparse counts file ({@link SparseCountsFile}): a record batch is written every
 * {@code batchRows} cells or {@link SparseCountsFile#MAX_BATCH_NON_ZEROS} stored counts, so memory is one
 * batch. The file appears under its name only after {@link #close()} succeeds (an {@link AtomicFile});
 * {@link #abort()} leaves nothing behind.
 */
public final class SparseCountsWriter implements AutoCloseable {
    private final ArrowFileSink sink;
    private final VectorSchemaRoot root;
    private final int nGenes;
    private final List<String> treatments;
    private final int batchRows;
    private final List<ObsColumn> obs;
    private final VarCharVector idVector;
    private final ListVector treatmentVector;
    private final ListVector indexVector;
    private final ListVector valueVector;
    private final byte[][] treatmentBytes;
    private int rowsInBatch;
    private int nonZerosInBatch;
    private long rowsWritten;

    /**
     * @param genes      gene ids: the columns that {@code indices} index
     * @param treatments treatment names: the columns of D, referred to by index in {@link #write}
     * @param obs        per-cell annotation columns written between id and treatments
     * @param metadata   more schema metadata (provenance under {@value MatrixFile#META_PROVENANCE})
     */
    public SparseCountsWriter(Path file, List<String> genes, List<String> treatments, List<ObsColumn> obs,
            Map<String, String> metadata, int batchRows) {
        this.nGenes = genes.size();
        this.treatments = List.copyOf(treatments);
        this.batchRows = Math.max(1, batchRows);
        this.obs = List.copyOf(obs);
        this.treatmentBytes = new byte[this.treatments.size()][];
        for (int t = 0; t < treatmentBytes.length; t++) {
            treatmentBytes[t] = this.treatments.get(t).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(SparseCountsFile.META_LAYOUT, SparseCountsFile.LAYOUT);
        meta.put(MatrixFile.META_FEATURES, Json.compact(genes));
        meta.put(SparseCountsFile.META_TREATMENTS, Json.compact(this.treatments));
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(SparseCountsFile.ID, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        for (ObsColumn c : this.obs) {
            fields.add(c.field());
        }
        fields.add(list(SparseCountsFile.TREATMENTS, ArrowType.Utf8.INSTANCE));
        fields.add(list(SparseCountsFile.INDICES, new ArrowType.Int(32, true)));
        fields.add(list(SparseCountsFile.VALUES, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
        this.sink = new ArrowFileSink(file, new Schema(fields, meta));
        this.root = sink.root();
        this.idVector = (VarCharVector) root.getVector(SparseCountsFile.ID);
        this.treatmentVector = (ListVector) root.getVector(SparseCountsFile.TREATMENTS);
        this.indexVector = (ListVector) root.getVector(SparseCountsFile.INDICES);
        this.valueVector = (ListVector) root.getVector(SparseCountsFile.VALUES);
        try {
            newBatch();
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        }
    }

    public SparseCountsWriter(Path file, List<String> genes, List<String> treatments, List<ObsColumn> obs,
            Map<String, String> metadata) {
        this(file, genes, treatments, obs, metadata, SparseCountsFile.DEFAULT_BATCH_ROWS);
    }

    private static Field list(String name, ArrowType item) {
        return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.notNullable(item), null)));
    }

    private void newBatch() {
        root.clear();
        root.allocateNew();
        rowsInBatch = 0;
        nonZerosInBatch = 0;
    }

    /**
     * Appends one cell.
     *
     * @param obsValues   one value (String, Integer, Double or null) per obs column
     * @param treatmentIx the cell's treatments as indices into the treatment list (empty for a control)
     * @param geneIx      gene indices of the stored counts {@code [from, to)} (ascending by convention)
     * @param counts      the counts at the same positions
     */
    public void write(String id, List<?> obsValues, int[] treatmentIx, int[] geneIx, float[] counts, int from, int to) {
        if (obsValues.size() != obs.size()) {
            throw new IllegalArgumentException("expected " + obs.size() + " obs values, got " + obsValues.size());
        }
        int row = rowsInBatch;
        idVector.setSafe(row, id.getBytes(StandardCharsets.UTF_8));
        for (int c = 0; c < obs.size(); c++) {
            obs.get(c).set(root.getVector(obs.get(c).name()), row, obsValues.get(c));
        }
        int at = treatmentVector.startNewValue(row);
        VarCharVector names = (VarCharVector) treatmentVector.getDataVector();
        for (int k = 0; k < treatmentIx.length; k++) {
            names.setSafe(at + k, treatmentBytes[treatmentIx[k]]);
        }
        treatmentVector.endValue(row, treatmentIx.length);
        int n = to - from;
        at = indexVector.startNewValue(row);
        IntVector idx = (IntVector) indexVector.getDataVector();
        for (int k = 0; k < n; k++) {
            int g = geneIx[from + k];
            if (g < 0 || g >= nGenes) {
                throw new IllegalArgumentException("cell " + id + ": gene index outside 0.." + (nGenes - 1)
                        + ", found " + g);
            }
            idx.setSafe(at + k, g);
        }
        indexVector.endValue(row, n);
        at = valueVector.startNewValue(row);
        Float4Vector val = (Float4Vector) valueVector.getDataVector();
        for (int k = 0; k < n; k++) {
            val.setSafe(at + k, counts[from + k]);
        }
        valueVector.endValue(row, n);
        rowsInBatch++;
        nonZerosInBatch += n;
        if (rowsInBatch == batchRows || nonZerosInBatch >= SparseCountsFile.MAX_BATCH_NON_ZEROS) {
            flush();
        }
    }

    private void flush() {
        if (rowsInBatch == 0) {
            return;
        }
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(rowsInBatch);
        }
        sink.writeBatch(rowsInBatch);
        rowsWritten += rowsInBatch;
        newBatch();
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
