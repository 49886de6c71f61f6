package io.gexflow.eval.interpret;

import java.util.Arrays;

/**
 * The "major weights" of one weight matrix of a trained D-GEX network (spec dgex.md, "Interpretation
 * extras": weights beyond 4 sd / 5 sd).
 *
 * <p>Reading of the paper's description, as implemented here: the weights of one matrix (one layer's
 * connections, e.g. input -&gt; hidden 1, or last hidden -&gt; output) are treated as one sample; with its
 * mean {@code m} and population standard deviation {@code s}, a weight is <em>major</em> at {@code k} sd
 * when {@code (w - m) / s > k} (a positive major weight) or {@code (w - m) / s < -k} (a negative one).
 * Biases are not weights and are left out. Because trained weights are centred near 0, this is in
 * practice {@code |w| > k s}; taking the deviation from the mean keeps the count invariant to a
 * common shift. The counts are kept per matrix and per unit on either side of it (outgoing major weights
 * of each "from" unit, incoming of each "to" unit), which says which inputs and which hidden units carry
 * the major weights.
 *
 * <p>The matrix is given as DJL stores a {@code Linear} layer's weight: {@code to x from} (units x
 * inputs), row-major, so that the layer computes {@code x W^T + b}.
 */
public final class MajorWeights {
    private final int fromUnits;
    private final int toUnits;
    private final double mean;
    private final double sd;
    private final double[] thresholds;
    private final long[] positive;
    private final long[] negative;
    private final int[][] fromPositive;
    private final int[][] fromNegative;
    private final int[][] toPositive;
    private final int[][] toNegative;

    private MajorWeights(int fromUnits, int toUnits, double mean, double sd, double[] thresholds) {
        this.fromUnits = fromUnits;
        this.toUnits = toUnits;
        this.mean = mean;
        this.sd = sd;
        this.thresholds = thresholds.clone();
        int k = thresholds.length;
        this.positive = new long[k];
        this.negative = new long[k];
        this.fromPositive = new int[k][fromUnits];
        this.fromNegative = new int[k][fromUnits];
        this.toPositive = new int[k][toUnits];
        this.toNegative = new int[k][toUnits];
    }

    /**
     * Counts the major weights of a {@code toUnits x fromUnits} matrix (row-major) at each threshold (in
     * sd, e.g. {4, 5}; strictly increasing and positive).
     */
    public static MajorWeights count(float[] w, int toUnits, int fromUnits, double... thresholds) {
        if (toUnits < 1 || fromUnits < 1 || (long) toUnits * fromUnits != w.length) {
            throw new IllegalArgumentException("weight array of " + w.length + " values is not " + toUnits + " x " + fromUnits);
        }
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("need at least one threshold");
        }
        for (int i = 0; i < thresholds.length; i++) {
            if (!(thresholds[i] > 0) || (i > 0 && !(thresholds[i] > thresholds[i - 1]))) {
                throw new IllegalArgumentException("thresholds must be positive and increasing: " + Arrays.toString(thresholds));
            }
        }
        double[] ms = meanSd(w);
        MajorWeights mw = new MajorWeights(fromUnits, toUnits, ms[0], ms[1], thresholds);
        if (!(ms[1] > 0)) {
            return mw; // all weights equal: nothing stands out
        }
        for (int j = 0; j < toUnits; j++) {
            int row = j * fromUnits;
            for (int i = 0; i < fromUnits; i++) {
                double z = (w[row + i] - ms[0]) / ms[1];
                for (int k = 0; k < thresholds.length; k++) {
                    if (z > thresholds[k]) {
                        mw.positive[k]++;
                        mw.fromPositive[k][i]++;
                        mw.toPositive[k][j]++;
                    } else if (z < -thresholds[k]) {
                        mw.negative[k]++;
                        mw.fromNegative[k][i]++;
                        mw.toNegative[k][j]++;
                    } else {
                        break; // thresholds increase: not beyond this one, so not beyond the next
                    }
                }
            }
        }
        return mw;
    }

    /** Mean and population sd of the values, in double. */
    static double[] meanSd(float[] w) {
        double s = 0;
        for (float v : w) {
            s += v;
        }
        double mean = s / w.length;
        double ss = 0;
        for (float v : w) {
            double d = v - mean;
            ss += d * d;
        }
        return new double[] {mean, Math.sqrt(ss / w.length)};
    }

    public int fromUnits() {
        return fromUnits;
    }

    public int toUnits() {
        return toUnits;
    }

    public long weights() {
        return (long) fromUnits * toUnits;
    }

    public double mean() {
        return mean;
    }

    public double sd() {
        return sd;
    }

    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Weights with {@code (w - mean) / sd > thresholds[k]}. */
    public long positive(int k) {
        return positive[k];
    }

    /** Weights with {@code (w - mean) / sd < -thresholds[k]}. */
    public long negative(int k) {
        return negative[k];
    }

    public long total(int k) {
        return positive[k] + negative[k];
    }

    /** Positive major weights at threshold k leaving "from" unit i. */
    public int fromPositive(int k, int i) {
        return fromPositive[k][i];
    }

    public int fromNegative(int k, int i) {
        return fromNegative[k][i];
    }

    /** Positive major weights at threshold k entering "to" unit j. */
    public int toPositive(int k, int j) {
        return toPositive[k][j];
    }

    public int toNegative(int k, int j) {
        return toNegative[k][j];
    }

    /** How many "from" units have at least one major weight at threshold k. */
    public int fromUnitsWithMajor(int k) {
        int n = 0;
        for (int i = 0; i < fromUnits; i++) {
            if (fromPositive[k][i] + fromNegative[k][i] > 0) {
                n++;
            }
        }
        return n;
    }

    /** How many "to" units have at least one major weight at threshold k. */
    public int toUnitsWithMajor(int k) {
        int n = 0;
        for (int j = 0; j < toUnits; j++) {
            if (toPositive[k][j] + toNegative[k][j] > 0) {
                n++;
            }
        }
        return n;
    }
}
