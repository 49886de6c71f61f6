package io.gexflow.models.svqvae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * Encoder, codebook and decoder of a (S-)VQ-VAE as one DJL block, so that one
 * {@code saveParameters}/{@code loadParameters} call covers all three. The block's own forward is the
 * encoder; the trainer and the model combine {@link #encode}, {@link #codebook} and {@link #decode}
 * with the quantiser ({@link Quantizer}).
 *
 * <p>The codebook E is K x D and starts as U(-1/K, 1/K), as in the reference code.
 */
public final class SvqVaeNetwork extends AbstractBlock {
    private static final byte VERSION = 1;
    private final SvqArchitecture architecture;
    private final int nInputs;
    private final int codes;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final Parameter codebook;

    public SvqVaeNetwork(SvqArchitecture architecture, int nInputs, int codes) {
        super(VERSION);
        if (codes < 1) {
            throw new IllegalArgumentException("codes must be >= 1, got " + codes);
        }
        this.architecture = architecture;
        this.nInputs = nInputs;
        this.codes = codes;
        this.encoder = addChildBlock("encoder", architecture.encoder(nInputs));
        this.decoder = addChildBlock("decoder", architecture.decoder(nInputs));
        this.codebook = addParameter(Parameter.builder()
                .setName("codebook")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(codes, architecture.latentDim()))
                .optInitializer(new UniformInitializer(1f / codes))
                .build());
    }

    public SvqArchitecture architecture() {
        return architecture;
    }

    public int inputs() {
        return nInputs;
    }

    public int codes() {
        return codes;
    }

    public int latentDim() {
        return architecture.latentDim();
    }

    /** Creates all parameters (seed them first with {@code Engine.getInstance().setRandomSeed}). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, nInputs));
    }

    /** z_e(x): (N, inputs) -> (N, D). */
    public NDArray encode(ParameterStore ps, NDArray x, boolean training) {
        return encoder.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** d(z): (N, D) -> (N, inputs), on the data scale (LINCS: x10). */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        NDArray out = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
        if (architecture.outputScale() == 1f) {
            return out;
        }
        // the constant as an array of the batch's manager, not mul(Number): DJL closes mul(Number)'s temporary
        // constant right after the forward op, while autograd reads it in backward (d(c x)/dx = c), so after a
        // garbage collection the decoder's gradient could be garbage (models.perturb.Scalars measures it)
        return out.getManager().create(architecture.outputScale()).mul(out);
    }

    /** The codebook E, K x D. */
    public NDArray codebook(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(codebook, device, training);
    }

    /** The codebook parameter (its array after initialisation or loading). */
    public Parameter codebookParameter() {
        return codebook;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(encode(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), architecture.latentDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(n, nInputs));
        decoder.initialize(manager, dataType, new Shape(n, architecture.latentDim()));
    }
}
