package io.gexflow.models.dgex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * D-GEX's hyper-parameters as {@code model.json} records them (the {@code settings} keys of every D-GEX
 * model written so far; the trained model's {@code partitions} are a fact beside them, not bound here).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DgexHyperParameters(
        @JsonProperty("hidden_layers") int hiddenLayers,
        @JsonProperty("hidden_units") int hiddenUnits,
        double dropout,
        int epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("learning_rate") double learningRate,
        double momentum,
        @JsonProperty("lr_scale") float lrScale,
        @JsonProperty("lr_decay") double lrDecay,
        @JsonProperty("lr_min") double lrMin,
        @JsonProperty("monitor_samples") int monitorSamples,
        long seed,
        @JsonProperty("target_partitions") int targetPartitions) {

    public static DgexHyperParameters of(DgexTrainingSettings s, int targetPartitions) {
        DgexArchitecture a = s.architecture();
        return new DgexHyperParameters(a.hiddenLayers(), a.hiddenUnits(), a.dropout(), s.epochs(), s.batchSize(),
                s.learningRate(), s.momentum(), s.learningRateScale(), s.schedule().decay(), s.schedule().floor(),
                s.monitorSamples(), s.seed(), targetPartitions);
    }

    public DgexArchitecture architecture() {
        return new DgexArchitecture(hiddenLayers, hiddenUnits, dropout);
    }

    /** The training protocol of partition network {@code p} (seeded {@code seed + p}). */
    public DgexTrainingSettings training(int partition) {
        return new DgexTrainingSettings(architecture(), epochs, batchSize, learningRate, momentum, lrScale,
                new LearningRateSchedule(lrDecay, lrMin), monitorSamples, seed + partition);
    }
}
