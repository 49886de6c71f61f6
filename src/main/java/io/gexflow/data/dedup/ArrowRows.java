package io.gexflow.data.dedup;

import io.gexflow.io.InputException;
import io.gexflow.io.arrow.ArrowMatrixReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a gexflow matrix file, read by streaming passes ({@link ArrowMatrixReader}): each
 * {@link #gather} or {@link #scan} reads the file once, holding one record batch plus what it returns.
 */
public final class ArrowRows implements RowSource {
    private final Path file;
    private final int rows;
    private final int cols;
    private int passes;

    private ArrowRows(Path file, int rows, int cols, int passes) {
        this.file = file;
        this.rows = rows;
        this.cols = cols;
        this.passes = passes;
    }

    /** What a first pass over a matrix file learns: ids, features, and the rows when they fit. */
    public record Indexed(List<String> ids, List<String> features, RowSource rows) {}

    /**
     * One pass over {@code file}: the sample ids (which must be distinct), a check that every value
     * is finite, and the rows themselves when they take at most {@code maxBytes} (then the returned
     * source is in memory; otherwise it streams the file again on every use).
     */
    public static Indexed index(Path file, long maxBytes) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<float[]> kept = new ArrayList<>();
        List<String> features;
        int nf;
        try (ArrowMatrixReader r = new ArrowMatrixReader(file)) {
            features = r.features();
            nf = r.featureCount();
            long rowBytes = heldBytesPerRow(nf);
            while (r.nextBatch()) {
                float[] x = r.batchX();
                for (int i = 0; i < r.batchRows(); i++) {
                    String id = r.id(i);
                    if (!seen.add(id)) {
                        throw new InputException(file, "sample id " + id + " occurs more than once");
                    }
                    for (int j = 0; j < nf; j++) {
                        float v = x[i * nf + j];
                        if (!Float.isFinite(v)) {
                            throw new InputException(file, "sample " + id + ", feature " + features.get(j)
                                    + " is not a finite number (" + v + ")");
                        }
                    }
                    ids.add(id);
                    if (kept != null) {
                        if ((kept.size() + 1L) * rowBytes > maxBytes) {
                            kept = null;
                        } else {
                            kept.add(Arrays.copyOfRange(x, i * nf, (i + 1) * nf));
                        }
                    }
                }
            }
        }
        RowSource src = kept != null ? new InMemoryRows(kept.toArray(float[][]::new), nf)
                : new ArrowRows(file, ids.size(), nf, 1);
        return new Indexed(List.copyOf(ids), features, src);
    }

    /** Heap taken by one held row: its floats and the array header. */
    public static long heldBytesPerRow(int cols) {
        return (long) cols * Float.BYTES + 16;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public float[][] gather(int[] indices) {
        int[] distinct = Arrays.stream(indices).distinct().sorted().toArray();
        float[][] byDistinct = new float[distinct.length][];
        if (distinct.length > 0) {
            int[] next = {0};
            scan((first, chunk) -> {
                while (next[0] < distinct.length && distinct[next[0]] < first + chunk.length) {
                    byDistinct[next[0]] = chunk[distinct[next[0]] - first]; // a fresh array per scan
                    next[0]++;
                }
            });
        }
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = byDistinct[Arrays.binarySearch(distinct, indices[i])];
        }
        return out;
    }

    @Override
    public void scan(ChunkVisitor visitor) {
        passes++;
        int first = 0;
        try (ArrowMatrixReader r = new ArrowMatrixReader(file)) {
            if (r.featureCount() != cols) {
                throw new InputException(file, "changed while being read");
            }
            while (r.nextBatch()) {
                int n = r.batchRows();
                float[] x = r.batchX();
                float[][] chunk = new float[n][];
                for (int i = 0; i < n; i++) {
                    chunk[i] = Arrays.copyOfRange(x, i * cols, (i + 1) * cols);
                }
                visitor.visit(first, chunk);
                first += n;
            }
        }
        if (first != rows) {
            throw new InputException(file, "changed while being read: " + first + " rows, expected " + rows);
        }
    }

    @Override
    public int passes() {
        return passes;
    }
}
