package io.gexflow.models.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The log-densities against closed forms computed here in double precision, independently of the engine. */
public class LogDensitiesTest {
    /** log Gamma by the Stirling series after shifting the argument above 10 (the test's own, not the product's). */
    public static double lgamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift += Math.log(x);
            x += 1;
        }
        double x2 = x * x;
        double series = 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2) - 1 / (1680 * x * x2 * x2 * x2);
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }

    static double nb(double x, double mu, double theta) {
        return lgamma(x + theta) - lgamma(theta) - lgamma(x + 1) + theta * Math.log(theta / (theta + mu))
                + x * Math.log(mu / (theta + mu));
    }

    @Test
    void stirlingOfTheTestMatchesFactorials() {
        assertEquals(0, lgamma(1), 1e-12);
        assertEquals(Math.log(24), lgamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), lgamma(0.5), 1e-12);
    }

    @Test
    void negativeBinomialMatchesTheClosedForm() {
        double[] xs = {0, 1, 3, 10, 50, 0, 7, 200};
        double[] mus = {0.5, 2, 30, 4, 45, 1e-3, 7, 150};
        double[] thetas = {0.3, 1, 5, 0.05, 2, 1, 100, 12};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = LogDensities.negativeBinomial(m.create(toFloat(xs)), m.create(toFloat(mus)), m.create(toFloat(thetas)))
                    .toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double want = nb(xs[i], mus[i], thetas[i]);
                assertEquals(want, got[i], 2e-4 * Math.max(1, Math.abs(want)), "x " + xs[i] + " mu " + mus[i] + " theta " + thetas[i]);
            }
        }
    }

    /** theta = 1 is the geometric distribution: p(x) = (1 / (1 + mu)) (mu / (1 + mu))^x. */
    @Test
    void negativeBinomialWithThetaOneIsGeometric() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int x : new int[] {0, 1, 4}) {
                double mu = 3;
                double want = Math.log(1 / (1 + mu)) + x * Math.log(mu / (1 + mu));
                float got = LogDensities.negativeBinomial(m.create((float) x), m.create((float) mu), m.create(1f)).getFloat();
                assertEquals(want, got, 1e-5);
            }
        }
    }

    @Test
    void normalMatchesTheClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = LogDensities.normal(m.create(new float[] {0f, 1.5f, -2f}), m.create(new float[] {0f, 0.5f, 1f}),
                    m.create(new float[] {1f, 2f, 0.1f})).toFloatArray();
            double c = 0.5 * Math.log(2 * Math.PI);
            assertEquals(-c, got[0], 1e-6);
            assertEquals(-0.125 - Math.log(2) - c, got[1], 1e-6);
            assertEquals(-450 - Math.log(0.1) - c, got[2], 1e-3);
            assertEquals(-2 - c, LogDensities.standardNormal(m.create(2f)).getFloat(), 1e-6);
        }
    }

    @Test
    void bernoulliFromLogitsIsStableAndExact() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got = LogDensities.bernoulliLogits(m.create(new float[] {1f, 0f, 1f, 0f, 1f}),
                    m.create(new float[] {2f, 2f, -40f, 40f, 0f})).toFloatArray();
            assertEquals(-Math.log1p(Math.exp(-2)), got[0], 1e-6);
            assertEquals(-2 - Math.log1p(Math.exp(-2)), got[1], 1e-6);
            assertEquals(-40, got[2], 1e-4);
            assertEquals(-40, got[3], 1e-4);
            assertEquals(Math.log(0.5), got[4], 1e-6);
            float[] fixed = LogDensities.bernoulli(m.create(new float[] {1f, 0f}), 0.1).toFloatArray();
            assertEquals(Math.log(0.1), fixed[0], 1e-6);
            assertEquals(Math.log(0.9), fixed[1], 1e-6);
        }
    }

    /** The forward value is the hard 0/1 sample; the gradient is the relaxed sample's, s (1 - s) / temperature. */
    @Test
    void relaxedBernoulliIsHardForwardAndRelaxedBackward() {
        float[] logits = {0f, 1.2f, -0.7f, 3f};
        float[] us = {0.3f, 0.4f, 0.9f, 0.01f};
        float[] weights = {1f, 2f, -1f, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(logits);
            l.setRequiresGradient(true);
            NDArray out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = LogDensities.relaxedBernoulliStraightThrough(l, m.create(us), 1f);
                gc.backward(out.mul(m.create(weights)).sum());
            }
            float[] value = out.toFloatArray();
            float[] grad = l.getGradient().toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                double noise = Math.log(us[i]) - Math.log(1 - us[i]);
                double s = 1 / (1 + Math.exp(-(logits[i] + noise)));
                assertEquals(s > 0.5 ? 1f : 0f, value[i], 0f, "hard value " + i);
                assertEquals(weights[i] * s * (1 - s), grad[i], 1e-5, "relaxed gradient " + i);
            }
        }
    }

    @Test
    void logSumExpByHandAndForLargeValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0f, (float) Math.log(2), (float) Math.log(3), 1000f, 1000f, -1000f}, new Shape(2, 3));
            float[] got = LogDensities.logSumExp(x, 1).toFloatArray();
            assertEquals(Math.log(6), got[0], 1e-6);
            assertEquals(1000 + Math.log(2), got[1], 1e-3);
        }
    }

    @Test
    void gammalnHasAGradient() {
        // d/dx log Gamma(x) = digamma(x); digamma(1) = -0.5772156649 (Euler-Mascheroni)
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(x.gammaln().sum());
            }
            assertEquals(-0.5772156649, x.getGradient().getFloat(0), 1e-5);
        }
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
