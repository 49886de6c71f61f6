package io.gexflow.models.svqvae;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** history.json of a training run: every epoch, and the wall time of the whole run. */
public record SvqHistory(
        String model,
        String label,
        String dataset,
        @JsonProperty("train_samples") int trainSamples,
        @JsonProperty("total_seconds") double totalSeconds,
        List<SvqEpoch> epochs) {
    public static final String FILE = "history.json";

    public SvqEpoch last() {
        return epochs.get(epochs.size() - 1);
    }
}
