package io.gexflow.models.dgex;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * history.json of a D-GEX training run: every epoch and the one kept (best validation MAE). A model
 * of several target partitions has one history per partition and a combined one whose MAEs are the
 * target-weighted means (the MAE over all targets); its best epoch is absent when the partitions'
 * best epochs differ.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingHistory(
        String model, @JsonProperty("best_epoch") Integer bestEpoch, @JsonProperty("best_valid_mae") double bestValidMae,
        List<EpochRecord> epochs) {
    public static final String FILE = "history.json";

    /** Combines partition histories of equal length, weighting each by its number of targets. */
    public static TrainingHistory combine(String model, List<TrainingHistory> parts, int[] targets) {
        if (parts.size() == 1) {
            TrainingHistory h = parts.get(0);
            return new TrainingHistory(model, h.bestEpoch(), h.bestValidMae(), h.epochs());
        }
        double total = 0;
        for (int t : targets) {
            total += t;
        }
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 0; e < parts.get(0).epochs().size(); e++) {
            double loss = 0, tr = 0, va = 0, sec = 0;
            for (int p = 0; p < parts.size(); p++) {
                EpochRecord r = parts.get(p).epochs().get(e);
                double w = targets[p] / total;
                loss += r.trainLoss();
                tr += w * r.trainMae();
                va += w * r.validMae();
                sec += r.seconds();
            }
            epochs.add(new EpochRecord(e + 1, loss, tr, va, parts.get(0).epochs().get(e).learningRate(), sec));
        }
        double best = 0;
        Integer bestEpoch = parts.get(0).bestEpoch();
        for (int p = 0; p < parts.size(); p++) {
            best += targets[p] / total * parts.get(p).bestValidMae();
            if (!java.util.Objects.equals(bestEpoch, parts.get(p).bestEpoch())) {
                bestEpoch = null;
            }
        }
        return new TrainingHistory(model, bestEpoch, best, epochs);
    }
}
