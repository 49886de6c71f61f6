package io.gexflow.models.baselines;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Lasso for every target at once by cyclic coordinate descent in covariance (Gram) form, along a
 * decreasing path of penalties with warm starts (spec dgex.md, baseline LR-L1).
 *
 * <p>For each target t it minimises
 * <pre>  (1 / 2n) ||y_t - b0_t - X b_t||^2 + lambda ||b_t||_1</pre>
 * which is scikit-learn's {@code Lasso(alpha=lambda)} convention (and glmnet's with
 * {@code standardize=FALSE}). The intercept is not penalised: it is profiled out by centring on the
 * training means, {@code b0_t = mean(y_t) - mean(X) b_t}. The landmarks are not rescaled here:
 * the D-GEX splits are already z-scored per gene with training statistics, so every landmark has
 * training variance ~1 and one lambda penalises them alike.
 *
 * <p>Everything the descent needs is in {@code G = Xc^T Xc / n} (L x L, shared by all targets) and
 * {@code c_t = Xc^T yc_t / n}, precomputed once from {@link CrossProducts}; the samples are never
 * touched again. Per target the descent keeps {@code r_t = c_t - G b_t} (minus the gradient of the
 * smooth part), so proposing a coordinate update is O(1) and only an actual change costs O(L).
 * A pass over all coordinates is followed by passes over the non-zero ones until those settle,
 * then by another full pass, until a full pass changes nothing by more than the tolerance:
 * {@code max_j G_jj (delta b_j)^2 <= tol * var(y_t)} (the largest decrease of the objective any
 * single coordinate still achieves, relative to the target's variance). Targets are independent
 * and run in parallel.
 */
public final class LassoPath {
    public static final double DEFAULT_TOLERANCE = 1e-7;
    public static final int DEFAULT_MAX_SWEEPS = 10_000;
    private final int nIn;
    private final int nOut;
    private final double[] gram;
    private final double[] cov;
    private final double[] varY;
    private final double[] meanX;
    private final double[] meanY;
    private final double tolerance;
    private final int maxSweeps;
    /** b_t, target-major (T x L). */
    private final double[] coef;
    /** r_t = c_t - G b_t, target-major (T x L). */
    private final double[] resid;
    private double lastLambda = Double.POSITIVE_INFINITY;

    /** The outcome of one penalty on the path. */
    public record Step(double lambda, int maxSweeps, int notConverged, long nonZero) {}

    public LassoPath(CrossProducts.Centered stats, double tolerance, int maxSweeps) {
        if (!(tolerance > 0) || maxSweeps < 1) {
            throw new IllegalArgumentException("tolerance must be > 0 and max sweeps >= 1");
        }
        this.nIn = stats.inputs();
        this.nOut = stats.outputs();
        this.gram = stats.gram();
        this.cov = stats.cov();
        this.varY = stats.varY();
        this.meanX = stats.meanX();
        this.meanY = stats.meanY();
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
        this.coef = new double[nOut * nIn];
        this.resid = cov.clone();
    }

    public LassoPath(CrossProducts.Centered stats) {
        this(stats, DEFAULT_TOLERANCE, DEFAULT_MAX_SWEEPS);
    }

    /** The smallest lambda at which every coefficient of every target is zero: max |c_tj|. */
    public double lambdaMax() {
        double m = 0;
        for (double v : cov) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Solves for {@code lambda}, starting from the current coefficients (the previous, larger
     * lambda's solution). Lambdas must come in non-increasing order.
     */
    public Step fit(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (lambda > lastLambda) {
            throw new IllegalArgumentException("lambdas must decrease along the path: " + lambda + " after " + lastLambda);
        }
        lastLambda = lambda;
        int[] sweeps = new int[nOut];
        boolean[] converged = new boolean[nOut];
        IntStream.range(0, nOut).parallel().forEach(t -> {
            int[] active = new int[nIn];
            double threshold = tolerance * varY[t];
            int s = 0;
            boolean done = false;
            while (s < maxSweeps && !done) {
                s++;
                if (sweep(t, lambda, null, nIn) <= threshold) {
                    done = true;
                    break;
                }
                int na = 0;
                int base = t * nIn;
                for (int j = 0; j < nIn; j++) {
                    if (coef[base + j] != 0) {
                        active[na++] = j;
                    }
                }
                while (s < maxSweeps) {
                    s++;
                    if (sweep(t, lambda, active, na) <= threshold) {
                        break;
                    }
                }
            }
            sweeps[t] = s;
            converged[t] = done;
        });
        int worst = 0;
        int notConverged = 0;
        for (int t = 0; t < nOut; t++) {
            worst = Math.max(worst, sweeps[t]);
            if (!converged[t]) {
                notConverged++;
            }
        }
        long nonZero = 0;
        for (double b : coef) {
            if (b != 0) {
                nonZero++;
            }
        }
        return new Step(lambda, worst, notConverged, nonZero);
    }

    /** One pass over {@code count} coordinates (all when {@code order} is null); the largest G_jj * delta^2. */
    private double sweep(int t, double lambda, int[] order, int count) {
        int base = t * nIn;
        double largest = 0;
        for (int q = 0; q < count; q++) {
            int j = order == null ? q : order[q];
            double g = gram[j * nIn + j];
            if (g <= 0) {
                continue; // a constant landmark carries no information: its coefficient stays 0
            }
            double old = coef[base + j];
            double rho = resid[base + j] + g * old;
            double next = softThreshold(rho, lambda) / g;
            if (next == old) {
                continue;
            }
            double d = next - old;
            coef[base + j] = next;
            int row = j * nIn;
            for (int k = 0; k < nIn; k++) {
                resid[base + k] -= gram[row + k] * d;
            }
            largest = Math.max(largest, g * d * d);
        }
        return largest;
    }

    static double softThreshold(double z, double lambda) {
        if (z > lambda) {
            return z - lambda;
        }
        if (z < -lambda) {
            return z + lambda;
        }
        return 0;
    }

    /** Coefficients of target t (length L, a copy). */
    public double[] coefficients(int t) {
        return java.util.Arrays.copyOfRange(coef, t * nIn, (t + 1) * nIn);
    }

    /**
     * {@code c_t - G b_t} for target t (a copy): the KKT conditions of the solution are
     * {@code r_j = lambda sign(b_j)} where {@code b_j != 0} and {@code |r_j| <= lambda} elsewhere.
     */
    public double[] gradient(int t) {
        return java.util.Arrays.copyOfRange(resid, t * nIn, (t + 1) * nIn);
    }

    /** Current solution as B, (L+1) x T: row 0 the intercepts, row j+1 landmark j. */
    public DMatrixRMaj coefficientMatrix() {
        DMatrixRMaj b = new DMatrixRMaj(nIn + 1, nOut);
        for (int t = 0; t < nOut; t++) {
            double b0 = meanY[t];
            for (int j = 0; j < nIn; j++) {
                double v = coef[t * nIn + j];
                b.unsafe_set(j + 1, t, v);
                b0 -= meanX[j] * v;
            }
            b.unsafe_set(0, t, b0);
        }
        return b;
    }
}
