package io.gexflow.models.dgex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** D-GEX's momentum SGD: hand values, and bit-equality with DJL's own SGD that it replaces. */
class MomentumSgdTest {
    /**
     * w = [1, 2], lr 0.1 (scale 1), momentum 0.9. Step 1, g = [0.5, -1]: v = [0.05, -0.1], w = [0.95, 2.1].
     * Step 2, g = [1, 1]: v = 0.9 v + 0.1 g = [0.145, 0.01], w = [0.805, 2.09].
     */
    @Test
    void twoStepsByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            MomentumSgd sgd = new MomentumSgd(new ScaledLearningRate(0.1f, Map.of()), 0.9f);
            NDArray w = m.create(new float[] {1, 2});
            sgd.update("w", w, m.create(new float[] {0.5f, -1}));
            assertArrayEquals(new float[] {0.95f, 2.1f}, w.toFloatArray(), 1e-6f);
            sgd.update("w", w, m.create(new float[] {1, 1}));
            assertArrayEquals(new float[] {0.805f, 2.09f}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void theGradientIsZeroedAfterTheStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            MomentumSgd sgd = new MomentumSgd(new ScaledLearningRate(0.1f, Map.of()), 0.9f);
            NDArray g = m.create(new float[] {0.5f, -1});
            sgd.update("w", m.create(new float[] {1, 2}), g);
            assertArrayEquals(new float[] {0, 0}, g.toFloatArray());
        }
    }

    /** The same float32 operations as DJL's SGD (no decay, clipping or rescaling): equal weights bit for bit. */
    @Test
    void equalsDjlSgdBitForBitWithPerParameterScales() {
        Random r = new Random(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Float> scales = Map.of("a", 1f, "b", 0.1f);
            ScaledLearningRate rateA = new ScaledLearningRate(0.0003f, scales);
            ScaledLearningRate rateB = new ScaledLearningRate(0.0003f, scales);
            MomentumSgd ours = new MomentumSgd(rateA, 0.9f);
            Optimizer djl = Optimizer.sgd().setLearningRateTracker(rateB).optMomentum(0.9f).build();
            for (String id : new String[] {"a", "b"}) {
                float[] w0 = gaussian(r, 300);
                NDArray w1 = m.create(w0, new Shape(30, 10));
                NDArray w2 = m.create(w0, new Shape(30, 10));
                for (int step = 0; step < 5; step++) {
                    if (step == 3) {
                        rateA.setBase(0.00027f);
                        rateB.setBase(0.00027f);
                    }
                    float[] g = gaussian(r, 300);
                    ours.update(id, w1, m.create(g, new Shape(30, 10)));
                    djl.update(id, w2, m.create(g, new Shape(30, 10)));
                    assertArrayEquals(w2.toFloatArray(), w1.toFloatArray(), "parameter " + id + ", step " + step);
                }
            }
        }
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (100 * r.nextGaussian());
        }
        return a;
    }
}
