package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;

/** Samples as EJML matrices for reference solves: [1, X] (an intercept column, then the landmarks) and Y. */
record DesignMatrix(DMatrixRMaj a, DMatrixRMaj b) {
    /** {@code x} is n x l and {@code y} n x t, row-major. */
    static DesignMatrix of(float[] x, float[] y, int n, int l, int t) {
        return of(x, y, n, l, t, 0);
    }

    /** The same with {@code extra} zero rows below the samples (for a ridge penalty written as rows). */
    static DesignMatrix of(float[] x, float[] y, int n, int l, int t, int extra) {
        DMatrixRMaj a = new DMatrixRMaj(n + extra, l + 1);
        DMatrixRMaj b = new DMatrixRMaj(n + extra, t);
        for (int i = 0; i < n; i++) {
            a.set(i, 0, 1);
            for (int j = 0; j < l; j++) {
                a.set(i, j + 1, x[i * l + j]);
            }
            for (int k = 0; k < t; k++) {
                b.set(i, k, y[i * t + k]);
            }
        }
        return new DesignMatrix(a, b);
    }
}
