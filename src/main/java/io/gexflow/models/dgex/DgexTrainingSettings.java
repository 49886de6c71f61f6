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
        long seed) {
    /** Every value in its range (NaN fails each check): a bad option is refused before any work. */
    public DgexTrainingSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--learning-rate must be finite and > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(learningRateScale > 0) || Float.isInfinite(learningRateScale)) {
            throw new IllegalArgumentException("--lr-scale must be finite and > 0, got " + learningRateScale);
        }
        if (!(schedule.decay() > 0 && schedule.decay() <= 1)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + schedule.decay());
        }
        if (!(schedule.floor() >= 0) || Double.isInfinite(schedule.floor())) {
            throw new IllegalArgumentException("--lr-min must be finite and >= 0, got " + schedule.floor());
        }
        if (monitorSamples < 1) {
            throw new IllegalArgumentException("--monitor-samples must be >= 1, got " + monitorSamples);
        }
    }
}
