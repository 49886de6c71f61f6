package io.gexflow.eval.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gexflow.models.baselines.OlsFit;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class OlsR2Test {

    /** Moments of x (n x p) and y (n x t), added in batches of {@code batch} rows. */
    private static CrossMoments.Centered moments(NDManager m, float[] x, float[] y, int n, int p, int t, int batch) {
        try (CrossMoments cm = new CrossMoments(m, p, t)) {
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(batch, n - from);
                try (NDManager b = m.newSubManager()) {
                    float[] xb = java.util.Arrays.copyOfRange(x, from * p, (from + rows) * p);
                    float[] yb = java.util.Arrays.copyOfRange(y, from * t, (from + rows) * t);
                    cm.add(b.create(xb, new Shape(rows, p)), b.create(yb, new Shape(rows, t)));
                }
            }
            return cm.centered();
        }
    }

    @Test
    void handComputedSimpleRegression() {
        // x = 1..5, y = 2,4,5,4,5: slope 0.6, intercept 2.2, fitted 2.8,3.4,4.0,4.6,5.2
        // SSE = 0.64+0.36+1+0.36+0.04 = 2.4, SST = 6 (mean 4), R^2 = 0.6,
        // adjusted R^2 = 1 - 0.4 * (5 - 1) / (5 - 1 - 1) = 1 - 1.6/3 = 0.466667
        try (NDManager m = NDManager.newBaseManager()) {
            CrossMoments.Centered c = moments(m, new float[] {1, 2, 3, 4, 5}, new float[] {2, 4, 5, 4, 5}, 5, 1, 1, 2);
            OlsR2.Fit f = OlsR2.fit(c);
            assertEquals(5, f.rows());
            assertEquals(1, f.used());
            assertEquals(0.0, f.jitter());
            assertEquals(0.6, f.r2()[0], 1e-12);
            assertEquals(1 - 1.6 / 3, f.adjustedR2()[0], 1e-12);
            assertEquals(0.6, f.coef()[0], 1e-12);
            assertEquals(2.2, f.intercept()[0], 1e-12);
        }
        assertEquals(1 - 1.6 / 3, OlsR2.adjusted(0.6, 5, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> OlsR2.adjusted(0.6, 3, 2));
    }

    /** n must exceed p + 1 (p = non-constant predictors): whyNot says so with the counts, fit refuses. */
    @Test
    void whyNotGivesTheCountsWhenSamplesDoNotExceedPredictorsPlusOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 3 samples, 2 predictors (n = p + 1): no adjusted R^2
            CrossMoments.Centered c = moments(m, new float[] {0, 1, 1, 0, 1, 1}, new float[] {1, 2, 4}, 3, 2, 1, 3);
            assertEquals(2, OlsR2.usedPredictors(c));
            String why = OlsR2.whyNot(c, "the 2 landmark genes").orElseThrow();
            assertEquals("not computed: OLS on the 2 landmark genes (p = 2 predictors used) needs more than p + 1 = 3 training "
                    + "samples for an adjusted R^2, and there are 3", why);
            assertThrows(IllegalArgumentException.class, () -> OlsR2.fit(c));
            // a constant predictor does not count: 3 samples, 2 predictors of which one constant -> computable
            CrossMoments.Centered d = moments(m, new float[] {0, 5, 1, 5, 2, 5}, new float[] {1, 2, 4}, 3, 2, 1, 3);
            assertEquals(1, OlsR2.usedPredictors(d));
            assertTrue(OlsR2.whyNot(d, "x").isEmpty());
            OlsR2.fit(d);
        }
    }

    @Test
    void handComputedTwoPredictors() {
        // y = 1 + x1 + 2 x2 exactly on 4 samples, plus a second target y2 = x1 - x2 + e with e = (1,-1,-1,1)/2:
        // x1 = 0,1,0,1 and x2 = 0,0,1,1 are orthogonal after centring and e is orthogonal to both, so
        // y2's fit is x1 - x2 (SSE = |e|^2 = 1) and SST = |x1c - x2c|^2 + |e|^2 = 2 + 1 = 3: R^2 = 2/3,
        // adjusted = 1 - (1/3) (3 / 1) = 0.
        float[] x = {0, 0, 1, 0, 0, 1, 1, 1};
        float[] y = {1, 0.5f, 2, 0.5f, 3, -1.5f, 4, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            OlsR2.Fit f = OlsR2.fit(moments(m, x, y, 4, 2, 2, 3));
            assertEquals(1.0, f.r2()[0], 1e-12);
            assertEquals(1.0, f.adjustedR2()[0], 1e-12);
            assertEquals(2.0 / 3, f.r2()[1], 1e-12);
            assertEquals(0.0, f.adjustedR2()[1], 1e-12);
            // slopes p x t: x1 -> (1, 1), x2 -> (2, -1); intercepts 1 and 0
            assertEquals(1.0, f.coef()[0], 1e-12);
            assertEquals(1.0, f.coef()[1], 1e-12);
            assertEquals(2.0, f.coef()[2], 1e-12);
            assertEquals(-1.0, f.coef()[3], 1e-12);
            assertEquals(1.0, f.intercept()[0], 1e-12);
            assertEquals(0.0, f.intercept()[1], 1e-12);
        }
    }

    @Test
    void agreesWithTheBaselinesOlsFitAndDropsConstantPredictors() {
        int n = 300;
        int p = 6;
        int t = 4;
        Random rnd = new Random(5);
        float[] x = new float[n * (p + 1)];
        float[] xNoConst = new float[n * p];
        float[] y = new float[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                float v = (float) rnd.nextGaussian();
                x[i * (p + 1) + j] = v;
                xNoConst[i * p + j] = v;
            }
            x[i * (p + 1) + p] = 0.75f; // a constant column, like a saturated hidden unit
            for (int k = 0; k < t; k++) {
                y[i * t + k] = (float) (0.5 * k + xNoConst[i * p] * (k - 1) + Math.sin(xNoConst[i * p + 1]) + 0.7 * rnd.nextGaussian());
            }
        }
        // reference: OlsFit's coefficients, R^2 from the residuals
        OlsFit ols = new OlsFit(p, t);
        ols.accumulate(xNoConst, y, n);
        DMatrixRMaj b = ols.solve(0);
        double[] r2 = new double[t];
        for (int k = 0; k < t; k++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * t + k];
            }
            mean /= n;
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < n; i++) {
                double pred = b.get(0, k);
                for (int j = 0; j < p; j++) {
                    pred += b.get(j + 1, k) * xNoConst[i * p + j];
                }
                sse += (y[i * t + k] - pred) * (y[i * t + k] - pred);
                sst += (y[i * t + k] - mean) * (y[i * t + k] - mean);
            }
            r2[k] = 1 - sse / sst;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            OlsR2.Fit f = OlsR2.fit(moments(m, x, y, n, p + 1, t, 64));
            assertEquals(p + 1, f.predictors());
            assertEquals(p, f.used(), "the constant column is dropped");
            for (int k = 0; k < t; k++) {
                assertEquals(r2[k], f.r2()[k], 1e-9);
                assertEquals(1 - (1 - r2[k]) * (n - 1) / (n - p - 1.0), f.adjustedR2()[k], 1e-9);
                assertEquals(b.get(0, k), f.intercept()[k], 1e-6);
                assertEquals(0.0, f.coef()[p * t + k], "no slope for the dropped column");
            }
        }
    }

    @Test
    void collinearPredictorsStillGiveTheOlsR2() {
        // x2 = 2 x1: rank 1; whether Cholesky needs a jitter or not, R^2 must equal the one-predictor fit's
        int n = 50;
        Random rnd = new Random(1);
        float[] x = new float[n * 2];
        float[] x1 = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x1[i] = (float) rnd.nextGaussian();
            x[2 * i] = x1[i];
            x[2 * i + 1] = 2 * x1[i];
            y[i] = (float) (x1[i] + rnd.nextGaussian());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            OlsR2.Fit one = OlsR2.fit(moments(m, x1, y, n, 1, 1, 50));
            OlsR2.Fit two = OlsR2.fit(moments(m, x, y, n, 2, 1, 50));
            assertEquals(one.r2()[0], two.r2()[0], 1e-6);
        }
    }

    @Test
    void heldOutR2OfPredictions() {
        // y = 1,2,3,4 (mean 2.5, SST 5); yhat = 1,2,3,5: SSE 1, R^2 = 0.8; second target constant -> NaN
        try (NDManager m = NDManager.newBaseManager(); R2Accumulator acc = new R2Accumulator(m, 2)) {
            try (NDManager b = m.newSubManager()) {
                acc.add(b.create(new float[] {1, 7, 2, 7}, new Shape(2, 2)), b.create(new float[] {1, 7, 2, 6}, new Shape(2, 2)));
            }
            try (NDManager b = m.newSubManager()) {
                acc.add(b.create(new float[] {3, 7, 4, 7}, new Shape(2, 2)), b.create(new float[] {3, 7, 5, 7}, new Shape(2, 2)));
            }
            double[] r2 = acc.r2();
            assertEquals(0.8, r2[0], 1e-12);
            assertTrue(Double.isNaN(r2[1]));
        }
    }
}
