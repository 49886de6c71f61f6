package io.gexflow.data.perturb;

import java.util.Arrays;

/**
 * A rows x columns matrix in compressed sparse row form (the layout of an h5ad {@code X} in CSR and of the
 * perturbation track's Arrow count files): row {@code i}'s non-zeros are {@code indices[offsets[i] ..
 * offsets[i+1])} with {@code values} at the same positions. Memory is the non-zeros, never rows x columns.
 *
 * <p>This is the in-memory contract between the perturbation readers (h5ad, Arrow, simulators) and the
 * perturbation families: a reader builds one, a family asks it for dense minibatches.
 */
public record SparseRows(int rows, int columns, long[] offsets, int[] indices, float[] values) {
    public SparseRows {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + columns);
        }
        if (offsets.length != rows + 1 || offsets[0] != 0) {
            throw new IllegalArgumentException("offsets must have rows + 1 = " + (rows + 1) + " entries starting at 0, has "
                    + offsets.length);
        }
        if (offsets[rows] != indices.length || indices.length != values.length) {
            throw new IllegalArgumentException("offsets end at " + offsets[rows] + " but there are " + indices.length
                    + " indices and " + values.length + " values");
        }
        for (int i = 0; i < rows; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets decrease at row " + i);
            }
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= columns) {
                throw new IllegalArgumentException("column index " + indices[k] + " outside 0.." + (columns - 1));
            }
        }
    }

    /** The number of stored entries. */
    public long nonZeros() {
        return offsets[rows];
    }

    /** Row {@code i} as a dense array of {@code columns} values. */
    public float[] denseRow(int i) {
        float[] out = new float[columns];
        for (long k = offsets[i]; k < offsets[i + 1]; k++) {
            out[indices[(int) k]] += values[(int) k];
        }
        return out;
    }

    /**
     * The given rows, dense, row-major ({@code rowIds.length x columns}): what a minibatch hands to the engine.
     */
    public float[] denseRows(int[] rowIds) {
        float[] out = new float[rowIds.length * columns];
        for (int r = 0; r < rowIds.length; r++) {
            int i = rowIds[r];
            int base = r * columns;
            for (long k = offsets[i]; k < offsets[i + 1]; k++) {
                out[base + indices[(int) k]] += values[(int) k];
            }
        }
        return out;
    }

    /** The sum of each row (for counts: the library size per cell). */
    public double[] rowSums() {
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            double t = 0;
            for (long k = offsets[i]; k < offsets[i + 1]; k++) {
                t += values[(int) k];
            }
            s[i] = t;
        }
        return s;
    }

    /** The rows {@code rowIds}, in that order, as a new matrix (a split of cells). */
    public SparseRows select(int[] rowIds) {
        long[] off = new long[rowIds.length + 1];
        for (int r = 0; r < rowIds.length; r++) {
            off[r + 1] = off[r] + (offsets[rowIds[r] + 1] - offsets[rowIds[r]]);
        }
        int n = Math.toIntExact(off[rowIds.length]);
        int[] idx = new int[n];
        float[] val = new float[n];
        for (int r = 0; r < rowIds.length; r++) {
            int from = (int) offsets[rowIds[r]];
            int len = (int) (off[r + 1] - off[r]);
            System.arraycopy(indices, from, idx, (int) off[r], len);
            System.arraycopy(values, from, val, (int) off[r], len);
        }
        return new SparseRows(rowIds.length, columns, off, idx, val);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseRows s && rows == s.rows && columns == s.columns && Arrays.equals(offsets, s.offsets)
                && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseRows[" + rows + " x " + columns + ", " + nonZeros() + " non-zeros]";
    }
}
