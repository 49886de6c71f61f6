package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * The sufficient statistics every linear and KNN baseline needs, summed over the training samples
 * in double: with the design matrix {@code A = [1, X]} (n x (L+1)) and targets {@code Y} (n x T),
 * {@code A^T A}, {@code A^T Y} and the per-target sums of squares {@code sum_i y_it^2}.
 *
 * <p>The products {@code X^T X} and {@code X^T Y} run on the engine's BLAS in float64 over chunks of
 * rows small enough that the float64 copies of a chunk's landmarks and targets stay near 128 MiB, so
 * memory is O(L * (L + T)) whatever n is; the column sums (the intercept's row and column) in Java.
 */
public final class CrossProducts {
    /** Doubles per temporary chunk (landmarks + targets), ~128 MiB. */
    static final long CHUNK_DOUBLES = 16 << 20;
    private final long chunkDoubles;
    private final int nIn;
    private final int nOut;
    private final DMatrixRMaj ata;
    private final DMatrixRMaj aty;
    private final double[] yy;
    private long rows;

    public CrossProducts(int nIn, int nOut) {
        this(nIn, nOut, CHUNK_DOUBLES);
    }

    /** With chunks of at most {@code chunkDoubles / (nIn + nOut)} rows (tests use tiny ones). */
    CrossProducts(int nIn, int nOut, long chunkDoubles) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("need at least one landmark and one target");
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.chunkDoubles = chunkDoubles;
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
        if (n == 0) {
            return;
        }
        int chunk = EngineRows.chunkRows(n, nIn + nOut, chunkDoubles);
        EngineRows xRows = new EngineRows(nIn, chunk);
        EngineRows yRows = new EngineRows(nOut, chunk);
        double[] xx;
        double[] xy;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray gxx = manager.zeros(new Shape(nIn, nIn), DataType.FLOAT64);
            NDArray gxy = manager.zeros(new Shape(nIn, nOut), DataType.FLOAT64);
            for (int start = 0; start < n; start += chunk) {
                int m = Math.min(chunk, n - start);
                try (NDManager step = manager.newSubManager()) {
                    NDArray xs = xRows.rows(step, x, start, m);
                    NDArray ys = yRows.rows(step, y, start, m);
                    NDArray xt = xs.transpose();
                    gxx.addi(xt.matMul(xs));
                    gxy.addi(xt.matMul(ys));
                }
            }
            xx = gxx.toDoubleArray();
            xy = gxy.toDoubleArray();
        }
        // the column sums in Java: O(n (L + T)), and cheaper here than an engine array per chunk
        double[] sx = new double[nIn];
        double[] sy = new double[nOut];
        double[] syy = new double[nOut];
        for (int i = 0; i < n; i++) {
            int xb = i * nIn;
            for (int j = 0; j < nIn; j++) {
                sx[j] += x[xb + j];
            }
            int yb = i * nOut;
            for (int t = 0; t < nOut; t++) {
                double v = y[yb + t];
                sy[t] += v;
                syy[t] += v * v;
            }
        }
        // A = [1, X]: A^T A = [[n, sum x^T], [sum x, X^T X]] and A^T Y = [[sum y^T], [X^T Y]]
        ata.add(0, 0, n);
        for (int j = 0; j < nIn; j++) {
            ata.add(0, j + 1, sx[j]);
            ata.add(j + 1, 0, sx[j]);
            int row = (j + 1) * (nIn + 1) + 1;
            for (int k = 0; k < nIn; k++) {
                ata.data[row + k] += xx[j * nIn + k];
            }
        }
        for (int t = 0; t < nOut; t++) {
            aty.add(0, t, sy[t]);
            yy[t] += syy[t];
        }
        for (int j = 0; j < nIn; j++) {
            int row = (j + 1) * nOut;
            for (int t = 0; t < nOut; t++) {
                aty.data[row + t] += xy[j * nOut + t];
            }
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
