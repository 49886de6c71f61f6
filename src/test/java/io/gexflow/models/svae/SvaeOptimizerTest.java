package io.gexflow.models.svae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

/** The sVAE optimiser: Adam with the reference's epsilon 0.01. */
class SvaeOptimizerTest {
    /**
     * A mask logit at its init 5 with no gradient but the weight decay (1e-6 x 5 = 5e-6): each Adam step is at most
     * lr x 5e-6 / 0.01 = 5e-7 at lr 1e-3 (the bias-corrected first moment is at most 5e-6, the denominator at
     * least epsilon), so 100 steps move it by at most 5e-5. With DJL's default epsilon 1e-8 the same steps move
     * it by about lr each, 0.1 in all.
     */
    @Test
    void weightDecayAloneBarelyMovesAParameter() {
        SvaeHyperParameters hp = SvaeHyperParameters.defaults(SvaeVariant.SVAE_PLUS, 10, 1);
        Optimizer adam = SvaeTrainer.optimizer(hp);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {5f});
            for (int step = 0; step < 100; step++) {
                adam.update("mask_logits", w, m.zeros(w.getShape()));
            }
            double moved = 5 - w.getFloat(0);
            assertTrue(moved >= 0 && moved <= 5e-5, "moved " + moved);
        }
    }
}
