package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Random;

/**
 * The MLP of the perturbation models (spec "SAMS-VAE" likelihood): L Linear + LeakyReLU(0.01) layers of
 * width H, residual after the first, then a linear output layer:
 *
 * <pre>
 * h_1 = lrelu(x W_1 + b_1);   h_l = h_{l-1} + lrelu(h_{l-1} W_l + b_l)  (l = 2..L);   y = h_L W_o + b_o
 * </pre>
 *
 * Weights and biases start as PyTorch's {@code nn.Linear}: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Inputs may
 * carry leading particle dimensions ([..., in] x [in, out]).
 */
public final class Mlp {
    public static final float SLOPE = 0.01f;
    private final ParameterBlock block;
    private final String prefix;
    private final int layers;

    private Mlp(ParameterBlock block, String prefix, int layers) {
        this.block = block;
        this.prefix = prefix;
        this.layers = layers;
    }

    /** Registers the MLP's parameters in {@code block} with initial values from {@code random}. */
    public static Mlp register(ParameterBlock block, String prefix, int in, int width, int layers, int out, Random random) {
        if (layers < 1) {
            throw new IllegalArgumentException(prefix + ": at least one hidden layer");
        }
        int fanIn = in;
        for (int l = 0; l < layers; l++) {
            linear(block, prefix + "_" + l, fanIn, width, random);
            fanIn = width;
        }
        linear(block, prefix + "_out", width, out, random);
        return new Mlp(block, prefix, layers);
    }

    /** The same MLP over an existing block (after loading). */
    public static Mlp of(ParameterBlock block, String prefix, int layers) {
        return new Mlp(block, prefix, layers);
    }

    private static void linear(ParameterBlock block, String name, int in, int out, Random random) {
        double bound = 1 / Math.sqrt(in);
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        float[] b = new float[out];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        block.add(name + "_w", new Shape(in, out), w, true);
        block.add(name + "_b", new Shape(out), b, true);
    }

    public NDArray forward(NDArray x) {
        NDArray h = Activation.leakyRelu(affine(x, prefix + "_0"), SLOPE);
        for (int l = 1; l < layers; l++) {
            h = h.add(Activation.leakyRelu(affine(h, prefix + "_" + l), SLOPE));
        }
        return affine(h, prefix + "_out");
    }

    private NDArray affine(NDArray x, String name) {
        return x.matMul(block.get(name + "_w")).add(block.get(name + "_b"));
    }
}
