package io.gexflow.models.dgex;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** history.json of a D-GEX training run: every epoch and the one kept (best validation MAE). */
public record TrainingHistory(
        String model, @JsonProperty("best_epoch") int bestEpoch, @JsonProperty("best_valid_mae") double bestValidMae,
        List<EpochRecord> epochs) {
    public static final String FILE = "history.json";
}
