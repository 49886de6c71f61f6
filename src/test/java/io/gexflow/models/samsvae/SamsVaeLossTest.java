package io.gexflow.models.samsvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.models.perturb.Noise;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ELBO's assembly (spec "Loss") recomputed in double precision from the network's per-particle pieces:
 * -mean_{p,i} [log p(x_i|z) + log p(z_b) - log q(z_b) + sum_t 1[D_it != 0]/N_t (effect_t + mask_t)], and the
 * gradient reaching the mask logits through the straight-through samples.
 */
class SamsVaeLossTest {
    @Test
    void lossIsTheWeightedSumOfItsPieces() {
        PerturbationData d = TinySimulation.make(6, 2, 3, 4, true, 2.0, 5); // 4 groups x 4 cells
        SamsVaeHyperParameters hp = new SamsVaeHyperParameters("samsvae", "meanfield", 3, 8, 2, 0.1, 2, 1e-3, 0, 16, 1, 0, 3L, 0);
        double[] inverseN = SamsVaeTrainer.inverseCounts(d);
        assertEquals(1.0 / 8, inverseN[0], 0); // 4 cells of T0 alone + 4 of T0+T1
        int[] rows = SamsVaeModel.range(0, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] std = SamsVaeNetwork.standardisation(d.counts());
            SamsVaeNetwork net = SamsVaeNetwork.create(m, hp, 6, 2, std[0], std[1], new Random(1));
            SamsVaeTrainer.Batch b = SamsVaeTrainer.Batch.of(m, d, d.librarySizes(), inverseN, rows);
            NDArray logits = net.block().get(SamsVaeNetwork.MASK_LOGITS);
            Map<String, NDArray> terms;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                terms = net.loss(b.x(), b.dosage(), b.library(), b.weights(), new Noise(42), 2);
                gc.backward(terms.get(SamsVaeNetwork.LOSS));
            }
            // the same draws again, piece by piece
            Noise noise = new Noise(42);
            SamsVaeNetwork.Globals g = net.sampleGlobals(m, noise, 2);
            SamsVaeNetwork.Local l = net.local(b.x(), b.dosage(), b.library(), g, noise);
            float[] ll = l.logLikelihood().toFloatArray();
            float[] basal = l.basalTerm().toFloatArray();
            float[] eff = g.effectTerm().toFloatArray();
            float[] mask = g.maskTerm().toFloatArray();
            float[] w = b.weights().toFloatArray();
            double sum = 0, nll = 0, effSum = 0;
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < 16; i++) {
                    double global = 0;
                    for (int t = 0; t < 2; t++) {
                        global += w[i * 2 + t] * (eff[p * 2 + t] + mask[p * 2 + t]);
                        effSum += w[i * 2 + t] * eff[p * 2 + t];
                    }
                    sum += ll[p * 16 + i] + basal[p * 16 + i] + global;
                    nll -= ll[p * 16 + i];
                }
            }
            assertEquals(-sum / 32, terms.get(SamsVaeNetwork.LOSS).getFloat(), 1e-4 * Math.abs(sum / 32));
            assertEquals(nll / 32, terms.get(SamsVaeNetwork.NLL).getFloat(), 1e-4 * Math.abs(nll / 32));
            assertEquals(-effSum / 32, terms.get(SamsVaeNetwork.KL_EFFECT).getFloat(), 1e-5);
            // controls (rows 0..3) carry no global term
            for (int i = 0; i < 4; i++) {
                assertEquals(0, w[i * 2] + w[i * 2 + 1], 0);
            }
            float[] grad = logits.getGradient().toFloatArray();
            double norm = 0;
            for (float v : grad) {
                norm += Math.abs(v);
            }
            assertTrue(norm > 0, "the straight-through masks pass a gradient to the mask logits");
            assertEquals(new Shape(2, 3), logits.getShape());
        }
    }
}
