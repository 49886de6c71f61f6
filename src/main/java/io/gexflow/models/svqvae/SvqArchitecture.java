package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;
import java.util.Locale;

/**
 * The two networks of the spec (specs/svqvae.md), chosen by the data set a file declares in
 * {@code gexflow.dataset}.
 *
 * <ul>
 *   <li>{@link #MNIST}: inputs 784 pixels in [-1, 1] (28 x 28, row-major). Encoder Conv2d(1->20, k5, s2) ReLU,
 *       Conv2d(20->50, k5, s1) ReLU, flatten to 3,200 (50 x 8 x 8), tanh. Decoder: reshape (50, 8, 8),
 *       ConvTranspose2d(50->20, k3, s3) ReLU (8 -> 24), ConvTranspose2d(20->1, k5, s1) tanh (24 -> 28); the
 *       convolutions by {@link GemmConv2d} and the transposed ones by {@link TransposedConv2d}, matrix
 *       products both, not the engine's convolution kernels (see {@link GemmConv2d}).
 *       D = 3,200.</li>
 *   <li>{@link #LINCS}: inputs the landmark z-scores clipped to [-10, 10]. Encoder: one hidden layer of
 *       1,000 tanh units, which is z_e (D = 1,000); decoder the mirror, Linear(1,000 -> genes) with tanh
 *       output, rescaled x10 from [-1, 1] to [-10, 10] before the reconstruction error.</li>
 * </ul>
 *
 * <p>Every layer starts as PyTorch's default does (the reference code never re-initialises them):
 * weights and biases ~ U(+-1/sqrt(fan_in)), fan_in being in_channels*k*k for Conv2d, out_channels*k*k
 * for ConvTranspose2d (PyTorch takes weight dim 1) and in_features for Linear.
 */
public enum SvqArchitecture {
    MNIST("mnist", 1f),
    LINCS("lincs", 10f);

    /** MNIST image side. */
    public static final int SIDE = 28;
    /** MNIST latent layout: 50 channels of 8 x 8. */
    public static final int CHANNELS = 50;
    public static final int GRID = 8;
    /** LINCS hidden (= latent) units. */
    public static final int LINCS_HIDDEN = 1000;

    private final String dataset;
    private final float outputScale;

    SvqArchitecture(String dataset, float outputScale) {
        this.dataset = dataset;
        this.outputScale = outputScale;
    }

    /** The {@code gexflow.dataset} value this architecture is for. */
    public String dataset() {
        return dataset;
    }

    /** Factor from the decoder's tanh range [-1, 1] to the data scale. */
    public float outputScale() {
        return outputScale;
    }

    public static SvqArchitecture forDataset(String name) {
        for (SvqArchitecture a : values()) {
            if (a.dataset.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "' (expected mnist or lincs)");
    }

    /** Length D of z_e and of each code. */
    public int latentDim() {
        return this == MNIST ? CHANNELS * GRID * GRID : LINCS_HIDDEN;
    }

    /** Checks that the input width fits the architecture. */
    public void checkInputs(int nInputs) {
        if (this == MNIST && nInputs != SIDE * SIDE) {
            throw new IllegalArgumentException("the MNIST network takes 784 pixels, the file has " + nInputs + " features");
        }
        if (nInputs < 1) {
            throw new IllegalArgumentException("no input features");
        }
    }

    /** Encoder: (N, inputs) -> z_e (N, D), tanh output. */
    public SequentialBlock encoder(int nInputs) {
        checkInputs(nInputs);
        SequentialBlock b = new SequentialBlock();
        if (this == MNIST) {
            b.add(l -> new NDList(l.singletonOrThrow().reshape(-1, 1, SIDE, SIDE)));
            b.add(init(new GemmConv2d(1, 20, 5, 2), 1 * 5 * 5));
            b.add(Activation.reluBlock());
            b.add(init(new GemmConv2d(20, CHANNELS, 5, 1), 20 * 5 * 5));
            b.add(Activation.reluBlock());
            b.add(l -> new NDList(l.singletonOrThrow().reshape(-1, CHANNELS * GRID * GRID)));
            b.add(Activation.tanhBlock());
        } else {
            b.add(init(Linear.builder().setUnits(LINCS_HIDDEN).build(), nInputs));
            b.add(Activation.tanhBlock());
        }
        return b;
    }

    /** Decoder: z_q (N, D) -> reconstruction (N, inputs) in [-1, 1] (before {@link #outputScale()}). */
    public SequentialBlock decoder(int nInputs) {
        checkInputs(nInputs);
        SequentialBlock b = new SequentialBlock();
        if (this == MNIST) {
            b.add(l -> new NDList(l.singletonOrThrow().reshape(-1, CHANNELS, GRID, GRID)));
            // (8 - 1) * 3 + 3 = 24
            b.add(init(new TransposedConv2d(CHANNELS, 20, 3, 3), 20 * 3 * 3));
            b.add(Activation.reluBlock());
            // 24 + 5 - 1 = 28
            b.add(init(new TransposedConv2d(20, 1, 5, 1), 1 * 5 * 5));
            b.add(Activation.tanhBlock());
            b.add(l -> new NDList(l.singletonOrThrow().reshape(-1, SIDE * SIDE)));
        } else {
            b.add(init(Linear.builder().setUnits(nInputs).build(), LINCS_HIDDEN));
            b.add(Activation.tanhBlock());
        }
        return b;
    }

    /** PyTorch's default initialisation: weight and bias ~ U(+-1/sqrt(fan_in)). */
    static Block init(Block layer, int fanIn) {
        float bound = torchDefaultBound(fanIn);
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        return layer;
    }

    static float torchDefaultBound(int fanIn) {
        return (float) (1.0 / Math.sqrt(fanIn));
    }

    public String label() {
        return this == MNIST ? "MNIST conv (Conv 1-20-50, 3,200-d codes)" : String.format(Locale.ROOT,
                "LINCS MLP (genes - %d tanh, %d-d codes, output x%.0f)", LINCS_HIDDEN, LINCS_HIDDEN, outputScale);
    }
}
