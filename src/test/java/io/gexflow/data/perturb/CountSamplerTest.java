package io.gexflow.data.perturb;


import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gexflow.models.perturb.LogDensitiesTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java count samplers: lgamma against the test's Stirling series; moments of Poisson and NB draws. */
class CountSamplerTest {
    @Test
    void lgammaMatchesAnIndependentSeries() {
        for (double x : new double[] {0.1, 0.5, 1, 2.5, 7, 30, 1234.5}) {
            assertEquals(LogDensitiesTest.lgamma(x), CountSampler.lgamma(x), 1e-9 * Math.max(1, Math.abs(LogDensitiesTest.lgamma(x))),
                    "x = " + x);
        }
    }

    @Test
    void poissonAndNegativeBinomialMoments() {
        Random r = new Random(3);
        int n = 40_000;
        for (double lambda : new double[] {0.3, 4, 55, 2000}) {
            double[] m = moments(n, () -> CountSampler.poisson(lambda, r));
            assertEquals(lambda, m[0], 5 * Math.sqrt(lambda / n), "Poisson mean " + lambda);
            assertEquals(lambda, m[1], 0.05 * lambda + 0.02, "Poisson variance " + lambda);
        }
        double[][] cases = {{5, 0.5}, {40, 2}, {300, 10}};
        for (double[] c : cases) {
            double mu = c[0], theta = c[1];
            double var = mu + mu * mu / theta;
            double[] m = moments(n, () -> CountSampler.negativeBinomial(mu, theta, r));
            assertEquals(mu, m[0], 5 * Math.sqrt(var / n), "NB mean " + mu + " " + theta);
            assertEquals(var, m[1], 0.1 * var, "NB variance " + mu + " " + theta);
        }
    }

    private static double[] moments(int n, java.util.function.LongSupplier draw) {
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double x = draw.getAsLong();
            s += x;
            s2 += x * x;
        }
        double mean = s / n;
        return new double[] {mean, s2 / n - mean * mean};
    }
}
