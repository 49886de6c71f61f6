package io.gexflow.data;

/**
 * Per-gene standardisation (spec dgex.md, preprocessing step 4): {@code z = (x - mean) / (std + 1e-3)}
 * with the population standard deviation. Statistics are accumulated one sample at a time with
 * Welford's update, so memory is O(features) and the result does not lose precision on large n.
 */
public final class GeneStandardizer {
    public static final double EPSILON = 1e-3;
    private final double[] mean;
    private final double[] m2;
    private long n;

    public GeneStandardizer(int features) {
        mean = new double[features];
        m2 = new double[features];
    }

    public void accumulate(float[] row, int offset) {
        n++;
        for (int j = 0; j < mean.length; j++) {
            double d = row[offset + j] - mean[j];
            mean[j] += d / n;
            m2[j] += d * (row[offset + j] - mean[j]);
        }
    }

    public long count() {
        return n;
    }

    public double[] means() {
        return mean.clone();
    }

    /** Population standard deviations. */
    public double[] stds() {
        double[] s = new double[mean.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(m2[j] / n);
        }
        return s;
    }

    /** Standardises a row in place with the given statistics. */
    public static void apply(double[] means, double[] stds, float[] row, int offset) {
        for (int j = 0; j < means.length; j++) {
            row[offset + j] = (float) ((row[offset + j] - means[j]) / (stds[j] + EPSILON));
        }
    }
}
