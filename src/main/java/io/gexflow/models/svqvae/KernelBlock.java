package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What {@link GemmConv2d} and {@link TransposedConv2d} share: channels in and out, a square kernel, a
 * stride, and a weight and a bias parameter in PyTorch's layouts. A subclass gives the weight's shape
 * and the operation.
 */
abstract class KernelBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    protected final int inChannels;
    protected final int outChannels;
    protected final int kernel;
    protected final int stride;
    private final Parameter weight;
    private final Parameter bias;

    KernelBlock(int inChannels, int outChannels, int kernel, int stride, Shape weightShape) {
        super(VERSION);
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("channels, kernel and stride must be >= 1");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(weightShape).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build());
    }

    /** The block's operation on x with its weight and bias. */
    protected abstract NDArray apply(NDArray x, NDArray w, NDArray b);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x, ps.getValue(weight, x.getDevice(), training), ps.getValue(bias, x.getDevice(), training)));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes[0].get(1) != inChannels) {
            throw new IllegalArgumentException("expected " + inChannels + " input channels, got " + inputShapes[0]);
        }
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
