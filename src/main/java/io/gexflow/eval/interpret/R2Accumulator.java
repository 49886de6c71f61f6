package io.gexflow.eval.interpret;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The coefficient of determination of given predictions, per target: {@code R^2 = 1 - SSE / SST} with
 * {@code SSE = sum (y - yhat)^2} and {@code SST = sum (y - mean y)^2} over the samples added (the mean
 * of these samples). On held-out samples this is the out-of-sample R^2, which needs no adjustment for
 * the number of predictors: over-fitting already shows as a lower value. Sums in float64 on the engine.
 */
public final class R2Accumulator implements AutoCloseable {
    private final NDManager manager;
    private final int t;
    private final NDArray sse;
    private final NDArray sumY;
    private final NDArray sumYY;
    private long rows;

    public R2Accumulator(NDManager parent, int t) {
        this.manager = parent.newSubManager();
        this.t = t;
        this.sse = manager.zeros(new Shape(t), DataType.FLOAT64);
        this.sumY = manager.zeros(new Shape(t), DataType.FLOAT64);
        this.sumYY = manager.zeros(new Shape(t), DataType.FLOAT64);
    }

    /** Adds a batch of targets and predictions (rows x T each); temporaries go to the batch's manager. */
    public void add(NDArray y, NDArray yHat) {
        if (!y.getShape().equals(yHat.getShape()) || y.getShape().dimension() != 2 || y.getShape().get(1) != t) {
            throw new IllegalArgumentException("shapes " + y.getShape() + " and " + yHat.getShape() + " do not match T = " + t);
        }
        NDArray yd = y.getDataType() == DataType.FLOAT64 ? y : y.toType(DataType.FLOAT64, false);
        NDArray pd = yHat.getDataType() == DataType.FLOAT64 ? yHat : yHat.toType(DataType.FLOAT64, false);
        sse.addi(yd.sub(pd).square().sum(new int[] {0}));
        sumY.addi(yd.sum(new int[] {0}));
        sumYY.addi(yd.square().sum(new int[] {0}));
        rows += y.getShape().get(0);
    }

    public long rows() {
        return rows;
    }

    /** R^2 per target; NaN for a target constant over the samples. */
    public double[] r2() {
        double[] e = sse.toDoubleArray();
        double[] s = sumY.toDoubleArray();
        double[] ss = sumYY.toDoubleArray();
        double[] out = new double[t];
        for (int k = 0; k < t; k++) {
            double sst = ss[k] - s[k] * s[k] / rows;
            out[k] = sst > 0 ? 1 - e[k] / sst : Double.NaN;
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
