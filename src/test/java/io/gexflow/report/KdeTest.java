package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KdeTest {
    private static final double PHI0 = 0.3989422804014327; // 1/sqrt(2 pi)
    private static final double PHI1 = 0.24197072451914337; // exp(-1/2)/sqrt(2 pi)
    private static final double PHI2 = 0.05399096651318806; // exp(-2)/sqrt(2 pi)

    @Test
    void twoPointsWithKnownBandwidthMatchHandComputedDensity() {
        Kde kde = new Kde(new double[] {0.0, 1.0}, 0.5);
        // f(x) = 1/(n h) * sum phi((x - xi)/h), n h = 1
        assertEquals(2 * PHI1, kde.density(0.5), 1e-15); // both points at u = 1
        assertEquals(PHI0 + PHI2, kde.density(0.0), 1e-15); // u = 0 and u = 2
        assertEquals(PHI0 + PHI2, kde.density(1.0), 1e-15);
        assertEquals(0.48394144903828673, kde.density(0.5), 1e-15);
    }

    @Test
    void singlePointIsTheNormalDensity() {
        Kde kde = new Kde(new double[] {3.0}, 2.0);
        assertEquals(PHI1 / 2.0, kde.density(5.0), 1e-15);
    }

    @Test
    void silvermanUsesIqrWhenSmallerThanSd() {
        double[] x = {1, 2, 3, 4, 5};
        // sd = sqrt(2.5) = 1.5811; IQR (type 7) = 4 - 2 = 2, /1.34 = 1.4925 (the smaller)
        double expected = 0.9 * (2.0 / 1.34) * Math.pow(5, -0.2);
        assertEquals(expected, Kde.silvermanBandwidth(x), 1e-15);
        assertEquals(0.9735846, Kde.silvermanBandwidth(x), 1e-7); // hand-computed: 0.9 * 1.492537 * 0.724780
    }

    @Test
    void silvermanUsesSdWhenSmallerThanIqr() {
        double[] x = {0, 0, 1, 1};
        // sd = sqrt(1/3) = 0.5774; IQR = 1 - 0 = 1, /1.34 = 0.746
        double expected = 0.9 * Math.sqrt(1.0 / 3.0) * Math.pow(4, -0.2);
        assertEquals(expected, Kde.silvermanBandwidth(x), 1e-15);
    }

    @Test
    void silvermanFallsBackToSdWhenIqrIsZero() {
        double[] x = {0, 0, 0, 0, 10};
        double expected = 0.9 * Math.sqrt(20.0) * Math.pow(5, -0.2);
        assertEquals(expected, Kde.silvermanBandwidth(x), 1e-12);
        assertEquals(0.9 * 1.0, Kde.silvermanBandwidth(new double[] {0}), 1e-15);
        assertEquals(0.9 * 2.0 * Math.pow(2, -0.2), Kde.silvermanBandwidth(new double[] {2, 2}), 1e-15);
    }

    @Test
    void densityIntegratesToOne() {
        double[] x = new double[200];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * 0.1 + 0.4;
        }
        Kde kde = Kde.silverman(x);
        double[] g = kde.grid(2001);
        double[] d = kde.evaluate(g);
        double integral = 0;
        for (int i = 1; i < g.length; i++) {
            integral += 0.5 * (d[i] + d[i - 1]) * (g[i] - g[i - 1]);
        }
        assertEquals(1.0, integral, 1e-3);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Kde(new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new Kde(new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new Kde(new double[] {Double.NaN}, 1));
    }
}
