package io.gexflow.models.dgex;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of the training history (drawn as the paper's Fig 5). */
public record EpochRecord(
        int epoch,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("train_mae") double trainMae,
        @JsonProperty("valid_mae") double validMae,
        @JsonProperty("learning_rate") double learningRate,
        double seconds) {}
