package io.gexflow.io.h5ad;

/**
 * A rows x columns matrix in compressed sparse row form, as read from an h5ad {@code X} or layer (whatever
 * its storage: dense, CSR or CSC): row {@code i}'s entries are {@code indices[indptr[i] .. indptr[i+1])} with
 * {@code values} at the same positions, column indices ascending within a row when the file's were.
 * The io layer's own type, so that io imports nothing above it; the perturbation data layer wraps it.
 */
public record CsrMatrix(int rows, int columns, long[] indptr, int[] indices, float[] values) {
    public long nonZeros() {
        return indptr[rows];
    }

    /** Row {@code i} dense (tests and small files). */
    public float[] denseRow(int i) {
        float[] out = new float[columns];
        for (long k = indptr[i]; k < indptr[i + 1]; k++) {
            out[indices[(int) k]] += values[(int) k];
        }
        return out;
    }
}
