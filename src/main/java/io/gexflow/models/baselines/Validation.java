package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/** Per-gene validation MAE of candidate baselines, computed in row chunks so memory stays bounded. */
final class Validation {
    /** Doubles per temporary chunk (design + predictions), ~32 MiB. */
    private static final int CHUNK_DOUBLES = 4 << 20;

    private Validation() {}

    /**
     * MAE per target of the linear model {@code B} ((L+1) x T, row 0 intercepts) on {@code rows}
     * samples: x is rows x L and y rows x T, row-major.
     */
    static double[] perGeneMae(DMatrixRMaj coef, float[] x, float[] y, int rows) {
        int nIn = coef.numRows - 1;
        int nOut = coef.numCols;
        int chunk = Math.max(1, Math.min(Math.max(rows, 1), CHUNK_DOUBLES / (nIn + 1 + nOut)));
        DMatrixRMaj a = new DMatrixRMaj(chunk, nIn + 1);
        DMatrixRMaj p = new DMatrixRMaj(chunk, nOut);
        double[] sum = new double[nOut];
        for (int start = 0; start < rows; start += chunk) {
            int m = Math.min(chunk, rows - start);
            a.reshape(m, nIn + 1, false);
            p.reshape(m, nOut, false);
            for (int i = 0; i < m; i++) {
                a.data[i * (nIn + 1)] = 1;
                for (int j = 0; j < nIn; j++) {
                    a.data[i * (nIn + 1) + j + 1] = x[(start + i) * nIn + j];
                }
            }
            CommonOps_MT_DDRM.mult(a, coef, p);
            for (int i = 0; i < m; i++) {
                int yb = (start + i) * nOut;
                for (int t = 0; t < nOut; t++) {
                    sum[t] += Math.abs(p.data[i * nOut + t] - y[yb + t]);
                }
            }
        }
        for (int t = 0; t < nOut; t++) {
            sum[t] /= rows;
        }
        return sum;
    }
}
