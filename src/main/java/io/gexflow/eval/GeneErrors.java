package io.gexflow.eval;

/**
 * The D-GEX paper's metrics (spec dgex.md, "Metrics"): mean absolute error per target gene over the
 * test samples, summarised as mean +- sd over genes, and comparisons between two models.
 */
public final class GeneErrors {
    private GeneErrors() {}

    /**
     * MAE of gene t = (1/N) * sum_n |yhat[n,t] - y[n,t]|, for row-major N x T matrices.
     */
    public static double[] perGeneMae(float[] predicted, float[] truth, int rows, int genes) {
        if (predicted.length != truth.length || truth.length != rows * genes) {
            throw new IllegalArgumentException("shape mismatch: " + predicted.length + " vs " + truth.length
                    + " for " + rows + " x " + genes);
        }
        double[] sum = new double[genes];
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < genes; t++) {
                sum[t] += Math.abs(predicted[i * genes + t] - truth[i * genes + t]);
            }
        }
        for (int t = 0; t < genes; t++) {
            sum[t] /= rows;
        }
        return sum;
    }

    /** Mean over genes. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population standard deviation over genes (numpy's default, as the reference code reports). */
    public static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** Relative improvement of A over B: (MAE_B - MAE_A) / MAE_B. */
    public static double relativeImprovement(double maeA, double maeB) {
        return (maeB - maeA) / maeB;
    }

    /** Fraction of genes where A has strictly lower MAE than B. */
    public static double fractionImproved(double[] maeA, double[] maeB) {
        if (maeA.length != maeB.length) {
            throw new IllegalArgumentException("gene counts differ: " + maeA.length + " vs " + maeB.length);
        }
        int better = 0;
        for (int t = 0; t < maeA.length; t++) {
            if (maeA[t] < maeB[t]) {
                better++;
            }
        }
        return (double) better / maeA.length;
    }
}
