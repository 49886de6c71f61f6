package io.gexflow.models.svae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The prior mean of a condition under the hard mask, by hand. */
class SvaeEffectsTest {
    @Test
    void priorMeanSumsTheMaskedMeansOfTheConditionsInterventions() {
        double[][] mu = {{1, -2, 3}, {10, 20, 30}};
        double[][] p = {{0.9, 0.2, 0.51}, {0.5, 0.6, 0.1}};
        // intervention 0 alone: latents 0 and 2 on (p > 0.5)
        assertArrayEquals(new float[] {1, 0, 3}, SvaeEffects.priorMean(mu, p, new int[] {0}));
        // intervention 1 alone: only latent 1 (0.5 is not above the threshold)
        assertArrayEquals(new float[] {0, 20, 0}, SvaeEffects.priorMean(mu, p, new int[] {1}));
        // a combination adds them; a control (no intervention) is 0
        assertArrayEquals(new float[] {1, 20, 3}, SvaeEffects.priorMean(mu, p, new int[] {0, 1}));
        assertArrayEquals(new float[] {0, 0, 0}, SvaeEffects.priorMean(mu, p, new int[] {}));
    }
}
