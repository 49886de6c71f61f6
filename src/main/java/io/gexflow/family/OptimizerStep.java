package io.gexflow.family;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * One optimiser step over a block's parameters, straight from each weight's gradient. DJL's
 * {@code Trainer.step()} goes through a parameter server that copies every gradient before the update
 * (to sum gradients across devices); with one device that copy is pure cost: 17.5% of a D-GEX 3x3000
 * training step in a JFR profile. Families train on one device, so they step here.
 */
public final class OptimizerStep {
    private OptimizerStep() {}

    /** Updates every parameter that has a gradient with {@code optimizer}, in the block's parameter order. */
    public static void apply(PairList<String, Parameter> parameters, Optimizer optimizer) {
        for (Pair<String, Parameter> p : parameters) {
            Parameter param = p.getValue();
            if (!param.requiresGradient()) {
                continue;
            }
            NDArray w = param.getArray();
            try (NDArray g = w.getGradient()) {
                optimizer.update(param.getId(), w, g);
            }
        }
    }
}
