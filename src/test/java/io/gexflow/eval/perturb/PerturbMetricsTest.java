package io.gexflow.eval.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** IWELBO's logsumexp assembly and the ATE agreement values, by hand. */
class PerturbMetricsTest {
    @Test
    void iwelboIsLogMeanExpOverParticlesThenMeanOverCells() {
        // cell 0: weights e^0, e^{log 3} -> log((1 + 3) / 2) = log 2; cell 1: equal log-weights -5 -> -5
        double[][] lw = {{0, -5}, {Math.log(3), -5}};
        Iwelbo w = Iwelbo.of(lw);
        assertArrayEquals(new double[] {Math.log(2), -5}, w.perCell(), 1e-12);
        assertEquals((Math.log(2) - 5) / 2, w.mean(), 1e-12);
        assertEquals(2, w.particles());
        // stable for large magnitudes: -2000 and -2000 + log 3 -> -2000 + log 2
        assertEquals(-2000 + Math.log(2), Iwelbo.of(new double[][] {{-2000}, {-2000 + Math.log(3)}}).mean(), 1e-9);
        // one particle: the ELBO itself
        assertEquals(-7.5, Iwelbo.of(new double[][] {{-7.5}}).mean(), 0);
    }

    @Test
    void ateAgreementByHand() {
        double[][] data = {{1, 0, -1}, {2, 0, 0}};
        assertEquals(1, AteAgreement.of(data, data).pearson(), 1e-12);
        assertEquals(1, AteAgreement.of(data, data).r2(), 1e-12);
        double[][] zero = {{0, 0, 0}, {0, 0, 0}};
        // flattened data (1, 0, -1, 2, 0, 0): mean 1/3, SS_tot = 6 - 6/9*... computed directly
        double m = 1.0 / 3;
        double tot = Math.pow(1 - m, 2) + 3 * m * m + Math.pow(-1 - m, 2) + Math.pow(2 - m, 2);
        assertEquals(1 - 6 / tot, AteAgreement.of(data, zero).r2(), 1e-12);
        // top-1 per condition by |data|: condition 0 -> gene 0 (|1| ties |-1|, lower index first), condition 1 -> gene 0
        double[][] model = {{2, 5, 5}, {4, 5, 5}};
        AteAgreement a = AteAgreement.of(data, model, 1);
        assertEquals(1, a.pearsonTop(), 1e-12); // (1, 2) vs (2, 4)
        assertEquals(1 - (1 + 4) / 0.5, a.r2Top(), 1e-12); // truth (1, 2): mean 1.5, SS_tot 0.5; residuals 1, 4
    }
}
