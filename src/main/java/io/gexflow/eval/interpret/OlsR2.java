package io.gexflow.eval.interpret;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with intercept of every target on one set of predictors, from the centred
 * sufficient statistics of {@link CrossMoments}, and its (adjusted) coefficient of determination.
 *
 * <p>With centred predictors {@code Zc} and a target {@code yc}, the OLS slopes solve
 * {@code G b = c} ({@code G = Zc^T Zc}, {@code c = Zc^T yc}) and {@code R^2 = c^T b / |yc|^2}; the
 * adjusted {@code R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1)} with p the number of predictors (the intercept
 * not counted). The system is solved by Cholesky (EJML) on the predictors scaled to unit variance.
 * Predictors that are constant over the samples (variance below {@value #CONSTANT_VARIANCE} a sample:
 * e.g. a saturated or dead hidden unit) carry no information, are dropped and not counted in p. Should
 * the remaining Gram matrix still be numerically singular (collinear predictors), a jitter
 * {@code delta I} is added to the scaled Gram matrix, the smallest of 1e-12, 1e-10, ... 1e-4 that works, and
 * {@code R^2} is then the exact one of those (ridge) coefficients:
 * {@code 1 - SSE / |yc|^2} with {@code SSE = |yc|^2 - c^T b - delta |b|^2}. {@link Fit#jitter()} records it.
 */
public final class OlsR2 {
    /** Per-sample variance below which a predictor is taken as constant. */
    public static final double CONSTANT_VARIANCE = 1e-12;
    private static final double[] JITTERS = {0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4};

    private OlsR2() {}

    /**
     * The fit of every target.
     *
     * @param predictors p, as given
     * @param used predictors that entered the fit (the non-constant ones): the p of the adjustment
     * @param jitter delta added to the unit-variance Gram matrix (0 for plain OLS)
     * @param r2 per target, on the fitting samples; NaN for a target constant over them
     * @param adjustedR2 per target
     * @param coef slopes on the original scale, p x T row-major (0 for dropped predictors)
     * @param intercept per target
     */
    public record Fit(long rows, int predictors, int used, double jitter, double[] r2, double[] adjustedR2,
            double[] coef, double[] intercept) {}

    /** Adjusted R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1); needs n &gt; p + 1. */
    public static double adjusted(double r2, long n, int p) {
        if (n - p - 1 <= 0) {
            throw new IllegalArgumentException("adjusted R^2 needs more samples (" + n + ") than predictors + 1 (" + (p + 1) + ")");
        }
        return 1 - (1 - r2) * (n - 1) / (double) (n - p - 1);
    }

    /** The predictors that would enter the fit: those not constant over the samples. */
    public static int usedPredictors(CrossMoments.Centered c) {
        int q = 0;
        for (int j = 0; j < c.p(); j++) {
            if (c.gram()[j * c.p() + j] > CONSTANT_VARIANCE * c.rows()) {
                q++;
            }
        }
        return q;
    }

    /**
     * Why {@link #fit} cannot give an adjusted R^2 for these moments, or empty when it can: the adjustment
     * needs n &gt; p + 1 samples for the p predictors used (with fewer, OLS interpolates the samples and
     * R^2 = 1 says nothing). {@code what} names the predictors in the sentence.
     */
    public static java.util.Optional<String> whyNot(CrossMoments.Centered c, String what) {
        int q = usedPredictors(c);
        if (c.rows() - q - 1 > 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                "not computed: OLS on %s (p = %,d predictors used) needs more than p + 1 = %,d training samples for an "
                        + "adjusted R^2, and there are %,d", what, q, q + 1, c.rows()));
    }

    public static Fit fit(CrossMoments.Centered c) {
        int p = c.p();
        int t = c.t();
        long n = c.rows();
        int[] keep = new int[p];
        int q = 0;
        for (int j = 0; j < p; j++) {
            if (c.gram()[j * p + j] > CONSTANT_VARIANCE * n) {
                keep[q++] = j;
            }
        }
        if (n - q - 1 <= 0) {
            throw new IllegalArgumentException("OLS on " + q + " predictors needs more than " + (q + 1) + " samples, got " + n);
        }
        double[] scale = new double[q];
        for (int a = 0; a < q; a++) {
            scale[a] = Math.sqrt(c.gram()[keep[a] * p + keep[a]]);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(q, t);
        for (int a = 0; a < q; a++) {
            for (int k = 0; k < t; k++) {
                rhs.data[a * t + k] = c.cross()[keep[a] * t + k] / scale[a];
            }
        }
        for (double delta : JITTERS) {
            double[] r2 = q == 0 ? new double[t] : null;
            DMatrixRMaj b = new DMatrixRMaj(q, t);
            if (q > 0) {
                DMatrixRMaj g = new DMatrixRMaj(q, q);
                for (int a = 0; a < q; a++) {
                    for (int d = 0; d < q; d++) {
                        g.data[a * q + d] = c.gram()[keep[a] * p + keep[d]] / (scale[a] * scale[d]);
                    }
                    g.data[a * q + a] += delta;
                }
                LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(q);
                if (!solver.setA(g)) {
                    continue;
                }
                solver.solve(rhs.copy(), b);
                r2 = new double[t];
                for (int k = 0; k < t; k++) {
                    double bc = 0;
                    double bb = 0;
                    for (int a = 0; a < q; a++) {
                        double v = b.data[a * t + k];
                        bc += v * rhs.data[a * t + k];
                        bb += v * v;
                    }
                    r2[k] = (bc + delta * bb) / c.syy()[k];
                }
            }
            if (!plausible(r2, c.syy())) {
                continue;
            }
            double[] adj = new double[t];
            double[] coef = new double[p * t];
            double[] intercept = new double[t];
            for (int k = 0; k < t; k++) {
                if (!(c.syy()[k] > 0)) {
                    r2[k] = Double.NaN;
                }
                adj[k] = adjusted(r2[k], n, q);
                double b0 = c.meanY()[k];
                for (int a = 0; a < q; a++) {
                    double v = b.data[a * t + k] / scale[a];
                    coef[keep[a] * t + k] = v;
                    b0 -= c.meanZ()[keep[a]] * v;
                }
                intercept[k] = b0;
            }
            return new Fit(n, p, q, delta, r2, adj, coef, intercept);
        }
        throw new IllegalStateException("least squares on " + q + " predictors failed even with a jitter of "
                + JITTERS[JITTERS.length - 1] + " (Gram matrix not positive definite)");
    }

    /** Every R^2 of a non-constant target is finite and in [0, 1] up to rounding. */
    private static boolean plausible(double[] r2, double[] syy) {
        for (int k = 0; k < r2.length; k++) {
            if (syy[k] > 0 && !(r2[k] >= -1e-9 && r2[k] <= 1 + 1e-9)) {
                return false;
            }
        }
        return true;
    }
}
