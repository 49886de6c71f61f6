package io.gexflow.models.dgex;

import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;

/**
 * The learning rate DJL's SGD asks for each parameter: a base rate that the schedule changes between
 * epochs, times the parameter's fixed multiplier ({@link DgexNetwork#learningRateScales}).
 */
public final class ScaledLearningRate implements ParameterTracker {
    private final Map<String, Float> scales;
    private volatile float base;

    public ScaledLearningRate(float base, Map<String, Float> scales) {
        this.base = base;
        this.scales = Map.copyOf(scales);
    }

    public float base() {
        return base;
    }

    public void setBase(float base) {
        this.base = base;
    }

    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        return base * scales.getOrDefault(parameterId, 1f);
    }
}
