package io.gexflow.models.samsvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.History;
import io.gexflow.eval.perturb.AteAgreement;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.Iwelbo;
import io.gexflow.eval.perturb.TreatmentEffects;
import io.gexflow.models.FamilyRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAMS-VAE and CPA-VAE on a tiny simulation: training raises the ELBO, is seeded, saves, loads and evaluates. */
class SamsVaeTest {
    @TempDir Path dir;

    static final PerturbationData DATA = TinySimulation.make(24, 3, 4, 60, true, 3.0, 11);
    static final PerturbationData TRAIN = TinySimulation.every(DATA, 5, 0, false);
    static final PerturbationData VALID = TinySimulation.every(DATA, 5, 0, true);

    static SamsVaeHyperParameters hp(String type, String guide, int epochs) {
        return new SamsVaeHyperParameters(type, guide, 4, 32, 2, 0.2, 3, 1e-2, 1e-6, 32, epochs, 100, 7L, 0);
    }

    @Test
    void trainingRaisesTheElboKeepsTheBestEpochAndIsSeeded() throws Exception {
        List<String> lines = new ArrayList<>();
        History h = SamsVaeTrainer.train(TRAIN, VALID, hp("samsvae", "meanfield", 4), dir.resolve("a"), null, lines::add);
        lines.forEach(System.out::println);
        assertEquals(List.of("train_loss", "train_nll", "train_kl_basal", "train_kl_effect", "train_kl_mask"), h.lossTerms());
        double[] loss = h.column("train_loss");
        double[] valid = h.column(SamsVaeTrainer.VALID_LOSS);
        assertTrue(loss[loss.length - 1] < loss[0], "negative ELBO falls: " + loss[0] + " -> " + loss[loss.length - 1]);
        assertTrue(valid[valid.length - 1] < valid[0], "validation loss falls");
        double min = Double.POSITIVE_INFINITY;
        for (double v : valid) {
            min = Math.min(min, v);
        }
        assertEquals(min, h.bestValue(), 0);
        // the terms add up to the loss
        History.Epoch e = h.last();
        assertEquals(e.get("train_loss"), e.get("train_nll") + e.get("train_kl_basal") + e.get("train_kl_effect")
                + e.get("train_kl_mask"), 1e-3 * Math.abs(e.get("train_loss")));

        try (AutoCloseable loaded = FamilyRegistry.load(dir.resolve("a"))) {
            SamsVaeModel m = assertInstanceOf(SamsVaeModel.class, loaded);
            Iwelbo w = m.iwelbo(VALID, 20, 3L, 16);
            assertEquals(w.mean(), m.iwelbo(VALID, 20, 3L, 16).mean(), 0, "same seed, same IWELBO");
            // other cell batches consume the local noise in another order: a Monte-Carlo difference only
            assertEquals(w.mean(), m.iwelbo(VALID, 20, 3L, 50).mean(), 1.5);
            assertTrue(Double.isFinite(w.mean()));
            double[][] z = m.latentMeans(VALID, 16);
            double[][] z2 = m.latentMeans(VALID, 50);
            assertEquals(VALID.cells().size(), z.length);
            assertEquals(4, z[0].length);
            for (int i = 0; i < z.length; i++) {
                assertArrayEquals(z[i], z2[i], 1e-5, "latent means do not depend on the cell batch");
            }
            assertEquals(3, m.estimatedTargets().length);
            Iwelbo one = m.iwelbo(VALID, 1, 3L, 50);
            assertTrue(w.mean() > one.mean() - 1, "IWELBO(K=20) " + w.mean() + " vs single-sample ELBO " + one.mean());
            Conditions c = Conditions.of(DATA);
            double[][] data = TreatmentEffects.dataAte(DATA, c);
            double[][] model = m.ate(c, 200, 1e4, 10, 5L);
            AteAgreement a = AteAgreement.of(data, model);
            System.out.println("SAMS-VAE tiny: IWELBO " + w.mean() + " ATE " + a);
            assertEquals(4, a.conditions());
            assertTrue(Double.isFinite(a.pearson()));
        }
    }

    @Test
    void cpaVaeHasNoMaskTerm() throws Exception {
        History h = SamsVaeTrainer.train(TRAIN, VALID, hp("cpavae", null, 2), dir.resolve("c"), null, s -> {});
        History again = SamsVaeTrainer.train(TRAIN, VALID, hp("cpavae", null, 2), dir.resolve("d"), null, s -> {});
        assertEquals(h.column("valid_loss")[1], again.column("valid_loss")[1], 0, "same seed, same run");
        assertEquals(h.column("train_loss")[1], again.column("train_loss")[1], 0, "same seed, same run");
        assertEquals(0, h.last().get("train_kl_mask"), 0);
        assertEquals(1.0, h.last().get(SamsVaeTrainer.MASK_DENSITY), 0);
        try (AutoCloseable loaded = FamilyRegistry.load(dir.resolve("c"))) {
            assertEquals("cpavae", ((SamsVaeModel) loaded).network().hyperParameters().type());
        }
    }

    @Test
    void correlatedGuideTrainsSavesAndLoads() throws Exception {
        History h = SamsVaeTrainer.train(TRAIN, VALID, hp("samsvae", "correlated", 2), dir.resolve("e"), null, s -> {});
        assertTrue(h.column("train_loss")[1] < h.column("train_loss")[0]);
        try (SamsVaeModel m = (SamsVaeModel) FamilyRegistry.load(dir.resolve("e"))) {
            assertTrue(m.network().hyperParameters().correlated());
            assertTrue(Double.isFinite(m.latentMeans(VALID, 64)[0][0]));
            assertTrue(Double.isFinite(m.iwelbo(VALID, 4, 1L, 64).mean()));
        }
        assertThrows(IllegalArgumentException.class, () -> hp("cpavae", "correlated", 1));
    }

    @Test
    void conditionalVaeHasNoGlobalTermsAndPredictsEffectsThroughTheDecoder() throws Exception {
        History h = SamsVaeTrainer.train(TRAIN, VALID, hp("cvae", null, 2), dir.resolve("f"), null, s -> {});
        assertTrue(h.column("train_loss")[1] < h.column("train_loss")[0]);
        assertEquals(0, h.last().get("train_kl_effect"), 0);
        assertEquals(0, h.last().get("train_kl_mask"), 0);
        try (SamsVaeModel m = (SamsVaeModel) FamilyRegistry.load(dir.resolve("f"))) {
            assertTrue(Double.isFinite(m.iwelbo(VALID, 4, 1L, 64).mean()));
            assertTrue(Double.isFinite(m.latentMeans(VALID, 64)[0][0]));
            Conditions c = Conditions.of(DATA);
            double[][] ate = m.ate(c, 40, 1e4, 4, 2L);
            assertEquals(c.size(), ate.length);
            double spread = 0;
            for (double[] row : ate) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v));
                    spread += Math.abs(v);
                }
            }
            assertTrue(spread > 0, "the dosage reaches the decoder");
        }
    }
}
