package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The named parameters of a perturbation model in one DJL block, so that {@code family.ParameterFiles} saves
 * and loads them; the model's arithmetic is written by the family over {@link #get} (no child blocks).
 * Initial values are drawn when a parameter is added, from the family's seeded generator, so a seed gives
 * the same initial model on every engine.
 */
public final class ParameterBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final List<Parameter> trainable = new ArrayList<>();

    public ParameterBlock() {
        super(VERSION);
    }

    /** Adds a parameter of this shape with these initial values (row-major); {@code trained} false: a fixed statistic. */
    public void add(String name, Shape shape, float[] initial, boolean trained) {
        if (initial.length != shape.size()) {
            throw new IllegalArgumentException(name + ": " + initial.length + " initial values for shape " + shape);
        }
        float[] values = initial.clone();
        Parameter p = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape)
                .optRequiresGrad(trained).optInitializer((m, s, t) -> m.create(values, s)).build());
        if (trained) {
            trainable.add(p);
        }
    }

    /** The value of a parameter (the array gradients attach to). */
    public NDArray get(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return p.getArray();
    }

    /** The parameters the optimiser updates, in the order they were added. */
    public List<Parameter> trainable() {
        return trainable;
    }

    /** The trained parameters as the loop's checked list. */
    public PairList<String, Parameter> checked() {
        PairList<String, Parameter> out = new PairList<>();
        for (Parameter p : trainable) {
            out.add(p.getName(), p);
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("a ParameterBlock holds parameters; the family computes with them");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
