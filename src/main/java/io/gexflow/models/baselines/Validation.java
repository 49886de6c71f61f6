package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Per-gene validation MAE of candidate baselines: the predictions {@code X B} on the engine's BLAS in
 * float64, in row chunks so memory stays bounded.
 */
final class Validation {
    /** Doubles per temporary chunk (landmarks, targets and predictions), ~64 MiB. */
    private static final long CHUNK_DOUBLES = 8 << 20;

    private Validation() {}

    /**
     * MAE per target of the linear model {@code B} ((L+1) x T, row 0 intercepts) on {@code rows}
     * samples: x is rows x L and y rows x T, row-major.
     */
    static double[] perGeneMae(DMatrixRMaj coef, float[] x, float[] y, int rows) {
        return perGeneMae(coef, x, y, rows, CHUNK_DOUBLES);
    }

    /** With chunks of at most {@code chunkDoubles / (L + 2 T)} rows (tests use tiny ones). */
    static double[] perGeneMae(DMatrixRMaj coef, float[] x, float[] y, int rows, long chunkDoubles) {
        int nIn = coef.numRows - 1;
        int nOut = coef.numCols;
        double[] sum = new double[nOut];
        if (rows > 0) {
            int chunk = EngineRows.chunkRows(rows, nIn + 2L * nOut, chunkDoubles);
            EngineRows xRows = new EngineRows(nIn, chunk);
            EngineRows yRows = new EngineRows(nOut, chunk);
            int[] firstAxis = {0};
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray b = manager.create(EngineProducts.values(coef), new Shape(nIn + 1, nOut));
                NDArray intercept = b.get(0);
                NDArray weights = b.get("1:");
                NDArray total = manager.zeros(new Shape(nOut), intercept.getDataType());
                for (int start = 0; start < rows; start += chunk) {
                    int m = Math.min(chunk, rows - start);
                    try (NDManager step = manager.newSubManager()) {
                        NDArray prediction = xRows.rows(step, x, start, m).matMul(weights).addi(intercept);
                        total.addi(prediction.subi(yRows.rows(step, y, start, m)).abs().sum(firstAxis));
                    }
                }
                sum = total.toDoubleArray();
            }
        }
        for (int t = 0; t < nOut; t++) {
            sum[t] /= rows;
        }
        return sum;
    }
}
