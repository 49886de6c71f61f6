package io.gexflow.report;

import java.util.Arrays;

/**
 * One-dimensional Gaussian kernel density estimate.
 *
 * <p>{@code f(x) = 1/(n h) * sum_i phi((x - x_i) / h)} with the standard normal density {@code phi}.
 * The default bandwidth is Silverman's rule of thumb (Silverman 1986, eq. 3.31; R's {@code bw.nrd0}):
 * {@code h = 0.9 * min(sd, IQR / 1.34) * n^(-1/5)}, with the sample sd (n - 1 denominator) and the
 * IQR from linearly interpolated quantiles (R type 7 / numpy default).
 */
public final class Kde {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final double[] data;
    private final double bandwidth;

    /** A KDE over {@code data} with an explicit bandwidth (> 0). */
    public Kde(double[] data, double bandwidth) {
        if (data.length == 0) {
            throw new IllegalArgumentException("KDE needs at least one point");
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be finite and > 0, got " + bandwidth);
        }
        for (double v : data) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("KDE data must be finite, got " + v);
            }
        }
        this.data = data.clone();
        this.bandwidth = bandwidth;
    }

    /** A KDE over {@code data} with Silverman's bandwidth. */
    public static Kde silverman(double[] data) {
        return new Kde(data, silvermanBandwidth(data));
    }

    public double bandwidth() {
        return bandwidth;
    }

    /** Number of points the estimate is built from. */
    public int size() {
        return data.length;
    }

    /** Estimated density at {@code x}. */
    public double density(double x) {
        double sum = 0.0;
        for (double xi : data) {
            double u = (x - xi) / bandwidth;
            sum += Math.exp(-0.5 * u * u);
        }
        return sum * INV_SQRT_2PI / (data.length * bandwidth);
    }

    /** Densities at every point of {@code grid}. */
    public double[] evaluate(double[] grid) {
        double[] out = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            out[i] = density(grid[i]);
        }
        return out;
    }

    /**
     * An evenly spaced grid of {@code points} values from {@code min(data) - 3h} to {@code max(data) + 3h},
     * which holds essentially all the estimated mass.
     */
    public double[] grid(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("grid needs at least 2 points");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        lo -= 3 * bandwidth;
        hi += 3 * bandwidth;
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = lo + (hi - lo) * i / (points - 1);
        }
        return g;
    }

    /**
     * Silverman's rule of thumb {@code 0.9 * min(sd, IQR/1.34) * n^(-1/5)}. Degenerate samples fall
     * back as R's {@code bw.nrd0} does: to the sd when the IQR is 0, then to {@code |x_1|}, then to 1.
     */
    public static double silvermanBandwidth(double[] x) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("bandwidth needs at least one point");
        }
        double sd = n > 1 ? sampleSd(x) : 0.0;
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double lo = Math.min(sd, iqr / 1.34);
        if (!(lo > 0)) {
            lo = sd;
            if (!(lo > 0)) {
                lo = Math.abs(x[0]);
                if (!(lo > 0)) {
                    lo = 1.0;
                }
            }
        }
        return 0.9 * lo * Math.pow(n, -0.2);
    }

    /** Sample standard deviation (n - 1 denominator). */
    static double sampleSd(double[] x) {
        double mean = 0.0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0.0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Quantile of sorted data by linear interpolation between order statistics (R type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
