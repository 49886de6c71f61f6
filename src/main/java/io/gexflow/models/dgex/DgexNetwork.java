package io.gexflow.models.dgex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the D-GEX multilayer perceptron as a DJL block, with the reference code's initialisation:
 * hidden weights ~ U(+-sqrt(6 / (fan_in + fan_out))), output weights ~ U(+-1e-4), biases 0.
 */
public final class DgexNetwork {
    /** Output-layer weight range of the reference code. */
    public static final float OUTPUT_INIT_RANGE = 1e-4f;

    private final SequentialBlock block;
    private final List<Linear> linears;

    private DgexNetwork(SequentialBlock block, List<Linear> linears) {
        this.block = block;
        this.linears = linears;
    }

    /** Glorot-uniform bound of a hidden layer: sqrt(6 / (fan_in + fan_out)). */
    public static float hiddenInitRange(int fanIn, int fanOut) {
        return (float) Math.sqrt(6.0 / (fanIn + fanOut));
    }

    public static DgexNetwork build(int nInputs, int nOutputs, DgexArchitecture arch) {
        SequentialBlock net = new SequentialBlock();
        List<Linear> linears = new ArrayList<>();
        int fanIn = nInputs;
        for (int i = 0; i < arch.hiddenLayers(); i++) {
            Linear hidden = Linear.builder().setUnits(arch.hiddenUnits()).build();
            hidden.setInitializer(new UniformInitializer(hiddenInitRange(fanIn, arch.hiddenUnits())),
                    Parameter.Type.WEIGHT);
            hidden.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
            net.add(hidden).add(Activation.tanhBlock());
            if (arch.dropout() > 0) {
                net.add(Dropout.builder().optRate((float) arch.dropout()).build());
            }
            linears.add(hidden);
            fanIn = arch.hiddenUnits();
        }
        Linear output = Linear.builder().setUnits(nOutputs).build();
        output.setInitializer(new UniformInitializer(OUTPUT_INIT_RANGE), Parameter.Type.WEIGHT);
        output.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        net.add(output);
        linears.add(output);
        return new DgexNetwork(net, linears);
    }

    public Block block() {
        return block;
    }

    /**
     * Activations of the last hidden layer for a batch {@code x} (rows x inputs), in evaluation mode:
     * every child of the sequential block but the output layer (per hidden layer: Linear, tanh and,
     * when the rate is above 0, Dropout, which is the identity at inference since dropout is inverted)
     * is run with {@code training = false}. Returns rows x hidden units.
     */
    public NDArray lastHidden(ParameterStore ps, NDArray x) {
        List<Block> children = block.getChildren().values();
        NDList cur = new NDList(x);
        for (int i = 0; i < children.size() - 1; i++) {
            cur = children.get(i).forward(ps, cur, false);
        }
        return cur.singletonOrThrow();
    }

    /** The output layer applied to last-hidden-layer activations: {@code h W^T + b}, the network's prediction. */
    public NDArray output(ParameterStore ps, NDArray lastHidden) {
        List<Block> children = block.getChildren().values();
        return children.get(children.size() - 1).forward(ps, new NDList(lastHidden), false).singletonOrThrow();
    }

    /** The dense layers in order: hidden layers then the output layer. */
    public List<Linear> linears() {
        return linears;
    }

    /**
     * Per-parameter learning-rate multipliers of the reference code: weights of the 2nd and 3rd
     * hidden layers and of the output layer learn {@code scale} times faster; the first hidden layer
     * and all biases use the base rate. Keys are DJL parameter ids (valid once the block is built).
     */
    public Map<String, Float> learningRateScales(float scale) {
        Map<String, Float> scales = new HashMap<>();
        for (int i = 0; i < linears.size(); i++) {
            for (var p : linears.get(i).getParameters()) {
                boolean weight = p.getValue().getType() == Parameter.Type.WEIGHT;
                scales.put(p.getValue().getId(), weight && i > 0 ? scale : 1f);
            }
        }
        return scales;
    }
}
