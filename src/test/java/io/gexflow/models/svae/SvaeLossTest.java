package io.gexflow.models.svae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sVAE family's loss pieces against hand values, and the composition of each variant's loss. */
class SvaeLossTest {
    @Test
    void klBetweenDiagonalGaussiansMatchesTheClosedFormByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // q = N((1, 0), diag(0.5, 2)), p = N((0, 1), I):
            // 0.5 [(0.5 + 1 - 1 - ln 0.5) + (2 + 1 - 1 - ln 2)] = 0.5 [0.5 + 2] = 1.25 (the logs cancel)
            NDArray kl = SvaeLoss.klToUnitVariance(m.create(new float[] {1, 0}, new Shape(1, 2)),
                    m.create(new float[] {0.5f, 2}, new Shape(1, 2)), m.create(new float[] {0, 1}, new Shape(1, 2)));
            assertEquals(new Shape(1), kl.getShape());
            assertEquals(1.25, kl.getFloat(0), 1e-6);
            // q = p: 0; a second row q = N(3, 1) vs N(0, 1): 9 / 2
            NDArray two = SvaeLoss.klToUnitVariance(m.create(new float[] {0.3f, 3}, new Shape(2, 1)),
                    m.create(new float[] {1, 1}, new Shape(2, 1)), m.create(new float[] {0.3f, 0}, new Shape(2, 1)));
            assertEquals(0, two.getFloat(0), 1e-6);
            assertEquals(4.5, two.getFloat(1), 1e-6);
        }
    }

    @Test
    void logBetaOneBIsLogBPlusBMinusOneLogOneMinusP() {
        try (NDManager m = NDManager.newBaseManager()) {
            // p = sigmoid(0) = 0.5, b = 10: ln 10 + 9 ln 0.5; p = sigmoid(ln 3) = 0.75, b = 2: ln 2 + ln 0.25
            double expected = Math.log(10) + 9 * Math.log(0.5);
            assertEquals(expected, SvaeLoss.logBetaOneB(m.create(new float[] {0f}), 10).getFloat(), 1e-5);
            assertEquals(Math.log(2) + Math.log(0.25), SvaeLoss.logBetaOneB(m.create(new float[] {(float) Math.log(3)}), 2)
                    .getFloat(), 1e-5);
            // summed over entries
            assertEquals(2 * expected, SvaeLoss.logBetaOneB(m.create(new float[] {0f, 0f}), 10).getFloat(), 1e-5);
        }
    }

    /** One cell, one gene, one latent: every loss is its equation on hand-known pieces. */
    @Test
    void eachVariantsLossIsItsEquation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {2, 0}, new Shape(2, 1));
            NDArray qMean = m.create(new float[] {1, -1}, new Shape(2, 1));
            NDArray qVar = m.create(new float[] {1, 1}, new Shape(2, 1));
            NDArray nb = m.create(new float[] {2, 1}, new Shape(2, 1));
            NDArray theta = m.create(new float[] {1});
            NDArray prior = m.create(new float[] {1, 0}, new Shape(2, 1));
            NDArray logits = m.create(new float[] {0, 0}, new Shape(2, 1));
            SvaeNetwork.Pass p = new SvaeNetwork.Pass(qMean, qVar, qMean, nb, theta, prior, logits);
            // NB(x; mu, theta = 1) is geometric: p(x) = (1 / (1 + mu)) (mu / (1 + mu))^x
            double recon0 = -(Math.log(1.0 / 3) + 2 * Math.log(2.0 / 3));
            double recon1 = -Math.log(0.5);
            double recon = (recon0 + recon1) / 2;
            double kl = (0 + 0.5) / 2; // cell 0 at its prior mean; cell 1 one unit away
            double klw = 0.5;
            double nObs = 100;
            double logBeta = 2 * (Math.log(10) + 9 * Math.log(0.5));
            Map<String, NDArray> plus = SvaeLoss.svaePlus(p, x, nObs, 1, klw, 10);
            assertEquals(List.of("loss", "recon", "kl", "sparsity"), List.copyOf(plus.keySet()));
            assertEquals(recon, plus.get("recon").getFloat(), 1e-4);
            assertEquals(kl, plus.get("kl").getFloat(), 1e-5);
            assertEquals(nObs * (recon + klw * kl) - klw * logBeta, plus.get("loss").getFloat(), 1e-2);
            Map<String, NDArray> svae = SvaeLoss.svae(p, x, 2, klw, 3);
            assertEquals(recon + 2 * klw * kl + 3 * 0.5, svae.get("loss").getFloat(), 1e-4);
            SvaeNetwork.Pass vaePass = new SvaeNetwork.Pass(qMean, qVar, qMean, nb, theta, qMean.zerosLike(), null);
            Map<String, NDArray> vae = SvaeLoss.vae(vaePass, x, 1, klw);
            assertEquals(List.of("loss", "recon", "kl"), List.copyOf(vae.keySet()));
            assertEquals(recon + klw * 0.5, vae.get("loss").getFloat(), 1e-4); // KL of N(+-1, 1) to N(0, 1) = 1/2 each, mean 1/2
        }
    }

    @Test
    void hyperParametersFollowTheSpecAndRefuseContradictions() {
        SvaeHyperParameters d = SvaeHyperParameters.defaults(SvaeVariant.SVAE_PLUS, 100, 1);
        assertEquals(15, d.latentDim());
        assertEquals(128, d.hiddenUnits());
        assertEquals(2, d.hiddenLayers());
        assertEquals(128, d.batchSize());
        assertEquals(1e-3, d.learningRate());
        assertEquals(1e-6, d.weightDecay());
        assertEquals(50, d.klWarmupEpochs());
        assertEquals(0, d.klWeight(1));
        assertEquals(0.5, d.klWeight(26));
        assertEquals(1, d.klWeight(60));
        assertEquals(0, SvaeHyperParameters.defaults(SvaeVariant.IVAE, 10, 1).sparsePenalty());
        assertThrows(IllegalArgumentException.class, () -> new SvaeHyperParameters("svae+", 15, 128, 2, true, 0.1, 10, 128,
                1e-3, 1e-6, 1, 0, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SvaeHyperParameters("ivae", 15, 128, 2, true, 0.1, 10, 128,
                1e-3, 1e-6, 1, 1, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SvaeVariant.of("cvae"));
        assertEquals(SvaeVariant.SVAE_PLUS, SvaeVariant.of("SVAE+"));
    }

    @Test
    void splitIsSeededDisjointAndAvoidsABatchOfOne() {
        int[][] s = SvaeTrainer.split(101, 0.1, 10, 4);
        assertEquals(101, s[0].length + s[1].length);
        assertEquals(true, s[0].length % 10 != 1);
        int[][] again = SvaeTrainer.split(101, 0.1, 10, 4);
        org.junit.jupiter.api.Assertions.assertArrayEquals(s[1], again[1]);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int[] part : s) {
            for (int i : part) {
                assertEquals(true, seen.add(i));
            }
        }
    }
}
