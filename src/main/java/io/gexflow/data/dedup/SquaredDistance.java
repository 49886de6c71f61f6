package io.gexflow.data.dedup;

/**
 * Squared Euclidean distances in double precision, with an early exit: the sum is checked every
 * {@value #BLOCK} features and returned as soon as it reaches {@code stopAt}, so "is it below the
 * bound?" costs little for far-apart rows. Below the bound the full sum is returned, always added in
 * the same order, so results do not depend on the bound or on threads.
 */
final class SquaredDistance {
    static final int BLOCK = 64;

    private SquaredDistance() {}

    /** ||a - c||^2, or some value >= stopAt once the partial sum reaches stopAt. */
    static double between(float[] a, double[] c, double stopAt) {
        int n = a.length;
        double s = 0;
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + BLOCK);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (; i + 3 < end; i += 4) {
                double d0 = a[i] - c[i];
                double d1 = a[i + 1] - c[i + 1];
                double d2 = a[i + 2] - c[i + 2];
                double d3 = a[i + 3] - c[i + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < end; i++) {
                double d = a[i] - c[i];
                s0 += d * d;
            }
            s += (s0 + s1) + (s2 + s3);
            if (s >= stopAt) {
                return s;
            }
        }
        return s;
    }

    /** ||a - b||^2 (computed in double), or some value >= stopAt once the partial sum reaches stopAt. */
    static double between(float[] a, float[] b, double stopAt) {
        int n = a.length;
        double s = 0;
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + BLOCK);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (; i + 3 < end; i += 4) {
                double d0 = (double) a[i] - b[i];
                double d1 = (double) a[i + 1] - b[i + 1];
                double d2 = (double) a[i + 2] - b[i + 2];
                double d3 = (double) a[i + 3] - b[i + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < end; i++) {
                double d = (double) a[i] - b[i];
                s0 += d * d;
            }
            s += (s0 + s1) + (s2 + s3);
            if (s >= stopAt) {
                return s;
            }
        }
        return s;
    }

    /** Index of the nearest center (the lowest index among equals) and its squared distance. */
    static int nearest(float[] x, double[][] centers, double[] distanceOut, int at) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centers.length; c++) {
            double d = between(x, centers[c], bestD);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        distanceOut[at] = bestD;
        return best;
    }
}
