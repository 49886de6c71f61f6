package io.gexflow.models.dgex;

/**
 * The paper's training protocol (spec dgex.md, "Model"): minibatch SGD with momentum, per-layer
 * learning-rate scale, decay when the training-monitor MAE rises, best epoch by validation MAE.
 */
public record DgexTrainingSettings(
        DgexArchitecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        double momentum,
        float learningRateScale,
        LearningRateSchedule schedule,
        int monitorSamples,
        long seed) {}
