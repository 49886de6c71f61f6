package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The sufficient statistics every linear and KNN baseline needs, summed over the training samples
 * in double: with the design matrix {@code A = [1, X]} (n x (L+1)) and targets {@code Y} (n x T),
 * {@code A^T A}, {@code A^T Y} and the per-target sums of squares {@code sum_i y_it^2}.
 *
 * <p>Rows are added in chunks small enough that the temporary design and target blocks stay near
 * 32 MiB, so memory is O(L * (L + T)) whatever n is. Each chunk's products run on EJML's
 * multi-threaded kernels.
 */
public final class CrossProducts {
    /** Doubles per temporary chunk (design + targets), ~32 MiB. */
    private static final int CHUNK_DOUBLES = 4 << 20;
    private final int nIn;
    private final int nOut;
    private final DMatrixRMaj ata;
    private final DMatrixRMaj aty;
    private final double[] yy;
    private long rows;

    public CrossProducts(int nIn, int nOut) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("need at least one landmark and one target");
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.ata = new DMatrixRMaj(nIn + 1, nIn + 1);
        this.aty = new DMatrixRMaj(nIn + 1, nOut);
        this.yy = new double[nOut];
    }

    public int inputs() {
        return nIn;
    }

    public int outputs() {
        return nOut;
    }

    /** Adds {@code n} rows: x is n x inputs and y is n x outputs, row-major. */
    public void accumulate(float[] x, float[] y, int n) {
        if (n < 0 || (long) n * nIn > x.length || (long) n * nOut > y.length) {
            throw new IllegalArgumentException("arrays hold fewer than " + n + " rows");
        }
        int chunk = Math.max(1, Math.min(n, CHUNK_DOUBLES / (nIn + 1 + nOut)));
        DMatrixRMaj a = new DMatrixRMaj(chunk, nIn + 1);
        DMatrixRMaj b = new DMatrixRMaj(chunk, nOut);
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            if (m != a.numRows) {
                a.reshape(m, nIn + 1, false);
                b.reshape(m, nOut, false);
            }
            for (int i = 0; i < m; i++) {
                int r = start + i;
                a.data[i * (nIn + 1)] = 1.0;
                for (int j = 0; j < nIn; j++) {
                    a.data[i * (nIn + 1) + j + 1] = x[r * nIn + j];
                }
                for (int t = 0; t < nOut; t++) {
                    double v = y[r * nOut + t];
                    b.data[i * nOut + t] = v;
                    yy[t] += v * v;
                }
            }
            CommonOps_MT_DDRM.multAddTransA(a, a, ata);
            CommonOps_MT_DDRM.multAddTransA(a, b, aty);
        }
        rows += n;
    }

    /** Samples added so far. */
    public long rows() {
        return rows;
    }

    /** {@code A^T A}, (L+1) x (L+1); index 0 is the intercept column. Not a copy: do not modify. */
    DMatrixRMaj ata() {
        return ata;
    }

    /** {@code A^T Y}, (L+1) x T; row 0 holds the target sums. Not a copy: do not modify. */
    DMatrixRMaj aty() {
        return aty;
    }

    /** {@code sum_i x_ij^2} of landmark j. */
    public double sumSquaresX(int j) {
        return ata.get(j + 1, j + 1);
    }

    /** {@code sum_i y_it^2} of target t. */
    public double sumSquaresY(int t) {
        return yy[t];
    }

    /** {@code sum_i x_ij y_it}. */
    public double crossXY(int j, int t) {
        return aty.get(j + 1, t);
    }

    /** Training mean of landmark j. */
    public double meanX(int j) {
        return ata.get(0, j + 1) / rows;
    }

    /** Training mean of target t. */
    public double meanY(int t) {
        return aty.get(0, t) / rows;
    }

    /**
     * Covariance form about the training means, divided by n:
     * {@code G = Xc^T Xc / n} (L x L, row-major) and {@code C = Xc^T Yc / n} stored target-major
     * (T x L, so one target's L values are contiguous), and {@code var_t = |yc_t|^2 / n}.
     */
    public Centered centered() {
        if (rows == 0) {
            throw new IllegalStateException("no samples");
        }
        double n = rows;
        double[] mx = new double[nIn];
        double[] my = new double[nOut];
        for (int j = 0; j < nIn; j++) {
            mx[j] = meanX(j);
        }
        for (int t = 0; t < nOut; t++) {
            my[t] = meanY(t);
        }
        double[] g = new double[nIn * nIn];
        for (int j = 0; j < nIn; j++) {
            for (int k = 0; k < nIn; k++) {
                g[j * nIn + k] = ata.get(j + 1, k + 1) / n - mx[j] * mx[k];
            }
        }
        double[] c = new double[nOut * nIn];
        for (int j = 0; j < nIn; j++) {
            for (int t = 0; t < nOut; t++) {
                c[t * nIn + j] = aty.get(j + 1, t) / n - mx[j] * my[t];
            }
        }
        double[] var = new double[nOut];
        for (int t = 0; t < nOut; t++) {
            var[t] = Math.max(0, yy[t] / n - my[t] * my[t]);
        }
        return new Centered(nIn, nOut, rows, mx, my, g, c, var);
    }

    /** See {@link #centered()}. */
    public record Centered(int inputs, int outputs, long rows, double[] meanX, double[] meanY, double[] gram,
            double[] cov, double[] varY) {}
}
