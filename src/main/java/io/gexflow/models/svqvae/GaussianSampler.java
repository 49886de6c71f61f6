package io.gexflow.models.svqvae;

import java.util.Random;

/**
 * Draws z ~ N(mu, Sigma) where Sigma is the sample covariance of n vectors (rows of Z, n x D):
 * Sigma = Zc^T Zc / (n - 1), Zc = Z minus its column means.
 *
 * <p>Instead of factorising the D x D matrix (D = 3,200 for MNIST, where Sigma is singular whenever a class
 * has fewer than D + 1 samples, so Cholesky needs a jitter that changes it), the sampler uses the factor
 * the data already give: z = mu + Zc^T w / sqrt(n - 1), w ~ N(0, I_n). Then Cov(z) = Zc^T Zc / (n - 1) =
 * Sigma exactly, whatever its rank, in O(nD) a draw, with no decomposition to fail.
 */
public final class GaussianSampler {
    private final int dim;
    private final int n;
    private final double[] centered;

    /**
     * @param z rows of the data, row-major with {@code dim} columns
     * @param rows indices of the rows to use (at least 2)
     */
    public GaussianSampler(float[] z, int dim, int[] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + rows.length);
        }
        this.dim = dim;
        this.n = rows.length;
        double[] mean = new double[dim];
        for (int r : rows) {
            for (int t = 0; t < dim; t++) {
                mean[t] += z[r * dim + t];
            }
        }
        for (int t = 0; t < dim; t++) {
            mean[t] /= n;
        }
        centered = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < dim; t++) {
                centered[i * dim + t] = z[rows[i] * dim + t] - mean[t];
            }
        }
    }

    public int samples() {
        return n;
    }

    /** Sigma[a][b], for checks. */
    public double covariance(int a, int b) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += centered[i * dim + a] * centered[i * dim + b];
        }
        return s / (n - 1);
    }

    /** Total variance, trace(Sigma). */
    public double totalVariance() {
        double s = 0;
        for (double v : centered) {
            s += v * v;
        }
        return s / (n - 1);
    }

    /** One draw of N(mu, Sigma) into {@code out} at {@code offset}. */
    public void sample(float[] mu, Random random, float[] out, int offset) {
        double[] acc = new double[dim];
        double scale = 1.0 / Math.sqrt(n - 1);
        for (int i = 0; i < n; i++) {
            double w = random.nextGaussian() * scale;
            int base = i * dim;
            for (int t = 0; t < dim; t++) {
                acc[t] += w * centered[base + t];
            }
        }
        for (int t = 0; t < dim; t++) {
            out[offset + t] = (float) (mu[t] + acc[t]);
        }
    }
}
