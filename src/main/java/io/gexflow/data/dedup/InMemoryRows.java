package io.gexflow.data.dedup;

import java.util.Arrays;

/** Every row already in memory: gathering and scanning hand out the arrays themselves. */
public final class InMemoryRows implements RowSource {
    private static final int SCAN_CHUNK = 1024;
    private final float[][] rows;
    private final int cols;

    public InMemoryRows(float[][] rows, int cols) {
        for (float[] r : rows) {
            if (r.length != cols) {
                throw new IllegalArgumentException("row of " + r.length + " values, expected " + cols);
            }
        }
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public int rows() {
        return rows.length;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public float[][] gather(int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    @Override
    public void scan(ChunkVisitor visitor) {
        for (int first = 0; first < rows.length; first += SCAN_CHUNK) {
            visitor.visit(first, Arrays.copyOfRange(rows, first, Math.min(rows.length, first + SCAN_CHUNK)));
        }
    }

    @Override
    public int passes() {
        return 0;
    }
}
