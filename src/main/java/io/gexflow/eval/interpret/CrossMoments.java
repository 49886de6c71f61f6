package io.gexflow.eval.interpret;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The sufficient statistics of an OLS fit of targets {@code Y} (n x T) on predictors {@code Z} (n x p)
 * with intercept, summed batch by batch on the DJL engine in float64: {@code sum z}, {@code sum y},
 * {@code Z^T Z}, {@code Z^T Y} and {@code sum y^2}. The products run on the engine (PyTorch BLAS, or a
 * GPU) because with p in the thousands (a D-GEX hidden layer) they are the whole cost; memory is
 * O(p (p + T)) whatever n is.
 */
public final class CrossMoments implements AutoCloseable {
    private final NDManager manager;
    private final int p;
    private final int t;
    private final NDArray sumZ;
    private final NDArray sumY;
    private final NDArray zz;
    private final NDArray zy;
    private final NDArray yy;
    private long rows;

    public CrossMoments(NDManager parent, int p, int t) {
        if (p < 1 || t < 1) {
            throw new IllegalArgumentException("need at least one predictor and one target");
        }
        this.manager = parent.newSubManager();
        this.p = p;
        this.t = t;
        this.sumZ = manager.zeros(new Shape(p), DataType.FLOAT64);
        this.sumY = manager.zeros(new Shape(t), DataType.FLOAT64);
        this.zz = manager.zeros(new Shape(p, p), DataType.FLOAT64);
        this.zy = manager.zeros(new Shape(p, t), DataType.FLOAT64);
        this.yy = manager.zeros(new Shape(t), DataType.FLOAT64);
    }

    /**
     * Adds a batch: {@code z} is rows x p, {@code y} rows x T (any float type; summed in float64).
     * Temporaries are attached to the batches' manager: open one per batch and close it after.
     */
    public void add(NDArray z, NDArray y) {
        long n = z.getShape().get(0);
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != p || y.getShape().dimension() != 2
                || y.getShape().get(1) != t || y.getShape().get(0) != n) {
            throw new IllegalArgumentException("batch shapes " + z.getShape() + " and " + y.getShape() + " do not match p = "
                    + p + ", T = " + t);
        }
        // temporaries go to the batch's manager (the caller closes it with the batch)
        NDArray zd = z.getDataType() == DataType.FLOAT64 ? z : z.toType(DataType.FLOAT64, false);
        NDArray yd = y.getDataType() == DataType.FLOAT64 ? y : y.toType(DataType.FLOAT64, false);
        NDArray zt = zd.transpose();
        sumZ.addi(zd.sum(new int[] {0}));
        sumY.addi(yd.sum(new int[] {0}));
        zz.addi(zt.matMul(zd));
        zy.addi(zt.matMul(yd));
        yy.addi(yd.square().sum(new int[] {0}));
        rows += n;
    }

    public long rows() {
        return rows;
    }

    public int predictors() {
        return p;
    }

    public int targets() {
        return t;
    }

    /** The statistics centred on the sample means, in Java arrays (see {@link Centered}). */
    public Centered centered() {
        if (rows == 0) {
            throw new IllegalStateException("no samples");
        }
        double n = rows;
        double[] mz = sumZ.toDoubleArray();
        double[] my = sumY.toDoubleArray();
        for (int j = 0; j < p; j++) {
            mz[j] /= n;
        }
        for (int k = 0; k < t; k++) {
            my[k] /= n;
        }
        double[] g = zz.toDoubleArray();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i * p + j] -= n * mz[i] * mz[j];
            }
        }
        double[] c = zy.toDoubleArray();
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < t; k++) {
                c[i * t + k] -= n * mz[i] * my[k];
            }
        }
        double[] syy = yy.toDoubleArray();
        for (int k = 0; k < t; k++) {
            syy[k] = Math.max(0, syy[k] - n * my[k] * my[k]);
        }
        return new Centered(rows, p, t, mz, my, g, c, syy);
    }

    /**
     * Centred sums (not divided by n): {@code gram = Zc^T Zc} (p x p), {@code cross = Zc^T Yc} (p x T),
     * {@code syy[k] = |yc_k|^2}, all row-major, with {@code Zc}, {@code Yc} the columns minus their means.
     */
    public record Centered(long rows, int p, int t, double[] meanZ, double[] meanY, double[] gram, double[] cross,
            double[] syy) {}

    @Override
    public void close() {
        manager.close();
    }
}
