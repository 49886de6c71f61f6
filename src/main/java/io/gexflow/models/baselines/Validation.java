package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Per-gene validation MAE of candidate baselines: the products {@code X B} on the engine's BLAS in
 * float64, in row chunks so memory stays bounded; intercepts and absolute errors in Java.
 */
final class Validation {
    /** Doubles per temporary chunk (landmarks and predictions), ~64 MiB. */
    private static final long CHUNK_DOUBLES = 8 << 20;

    private Validation() {}

    /**
     * MAE per target of the linear model {@code B} ((L+1) x T, row 0 intercepts) on {@code rows}
     * samples: x is rows x L and y rows x T, row-major.
     */
    static double[] perGeneMae(DMatrixRMaj coef, float[] x, float[] y, int rows) {
        return perGeneMae(coef, x, y, rows, CHUNK_DOUBLES);
    }

    /** With chunks of at most {@code chunkDoubles / (L + T)} rows (tests use tiny ones). */
    static double[] perGeneMae(DMatrixRMaj coef, float[] x, float[] y, int rows, long chunkDoubles) {
        int nIn = coef.numRows - 1;
        int nOut = coef.numCols;
        double[] sum = new double[nOut];
        if (rows > 0) {
            int chunk = EngineRows.chunkRows(rows, nIn + nOut, chunkDoubles);
            EngineRows xRows = new EngineRows(nIn, chunk);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray weights = manager.create(java.util.Arrays.copyOfRange(coef.data, nOut, (nIn + 1) * nOut), new Shape(nIn, nOut));
                for (int start = 0; start < rows; start += chunk) {
                    int m = Math.min(chunk, rows - start);
                    double[] p;
                    try (NDManager step = manager.newSubManager()) {
                        p = xRows.rows(step, x, start, m).matMul(weights).toDoubleArray();
                    }
                    // |b0 + x B - y| summed in Java: the engine's element-wise steps cost more than the product
                    for (int i = 0; i < m; i++) {
                        int yb = (start + i) * nOut;
                        int pb = i * nOut;
                        for (int t = 0; t < nOut; t++) {
                            sum[t] += Math.abs(coef.data[t] + p[pb + t] - y[yb + t]);
                        }
                    }
                }
            }
        }
        for (int t = 0; t < nOut; t++) {
            sum[t] /= rows;
        }
        return sum;
    }
}
