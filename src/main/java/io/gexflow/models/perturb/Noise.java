package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The random draws of the perturbation models, from one seeded {@code java.util.Random}: the same seed
 * gives the same draws on every engine and device (the engine's generator is used for nothing).
 */
public final class Noise {
    private final Random random;

    public Noise(Random random) {
        this.random = random;
    }

    public Noise(long seed) {
        this(new Random(seed));
    }

    public Random random() {
        return random;
    }

    /** Standard normal draws of this shape. */
    public NDArray normal(NDManager m, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, shape);
    }

    /** U(0, 1) draws of this shape. */
    public NDArray uniform(NDManager m, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        return m.create(v, shape);
    }
}
