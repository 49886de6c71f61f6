package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history.json}: the one training-history format every model family writes (through
 * {@code io.gexflow.family.TrainingLoop}) and every report reads. It lives in {@code eval} because it is
 * a measured record, like metrics: reports read it without knowing any model class.
 *
 * <pre>
 * {"family": "dgex", "model": "dgex", "label": ..., "dataset": ..., "train_samples": 320,
 *  "loss_terms": ["train_loss"], "selection": "min valid_mae", "best_epoch": 7, "best_value": 0.41,
 *  "epochs": [{"epoch": 1, "train_loss": ..., "train_mae": ..., "valid_mae": ..., "learning_rate": ...}, ...]}
 * </pre>
 *
 * Every epoch is a flat object of named values: the epoch means of the loss terms (columns listed in
 * {@code loss_terms}), then whatever the family measures per batch or per epoch. {@code selection} is
 * {@code "last"} (the parameters after the last epoch are kept) or {@code "min <column>"} (the epoch
 * with the lowest value is kept; {@code best_value} is that value). Deliberately no wall-clock times:
 * a history is byte-reproducible for a seed (times go to the progress lines only). Older files (with
 * per-epoch {@code seconds}, {@code best_valid_mae}, {@code total_seconds}) read as well.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"family", "model", "label", "dataset", "train_samples", "loss_terms", "selection", "best_epoch",
    "best_value", "stopped_early", "epochs"})
public record History(
        String family,
        String model,
        String label,
        String dataset,
        @JsonProperty("train_samples") Integer trainSamples,
        @JsonProperty("loss_terms") List<String> lossTerms,
        String selection,
        @JsonProperty("best_epoch") Integer bestEpoch,
        @JsonProperty("best_value") Double bestValue,
        @JsonProperty("stopped_early") Boolean stoppedEarly,
        List<Epoch> epochs) {
    public static final String FILE = "history.json";
    /** {@link #selection} of a run that keeps the parameters after its last epoch. */
    public static final String LAST = "last";

    /** One epoch: its number and its named values, in the order they were recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Epoch {
        private int epoch;
        private final Map<String, Double> values = new LinkedHashMap<>();

        public Epoch() {}

        public Epoch(int epoch, Map<String, Double> values) {
            this.epoch = epoch;
            this.values.putAll(values);
        }

        @JsonProperty("epoch")
        public int epoch() {
            return epoch;
        }

        @JsonProperty("epoch")
        void setEpoch(int epoch) {
            this.epoch = epoch;
        }

        /** The named values (written flat beside {@code epoch}). */
        @JsonAnyGetter
        public Map<String, Double> values() {
            return values;
        }

        @JsonAnySetter
        void put(String name, Object value) {
            values.put(name, value instanceof Number n ? n.doubleValue() : null);
        }

        /** The value of a column, NaN when this epoch has none. */
        public double get(String column) {
            Double v = values.get(column);
            return v == null ? Double.NaN : v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Epoch e && e.epoch == epoch && e.values.equals(values);
        }

        @Override
        public int hashCode() {
            return 31 * epoch + values.hashCode();
        }

        @Override
        public String toString() {
            return "Epoch" + epoch + values;
        }
    }

    /** The selection of a run that keeps the epoch with the lowest {@code column}. */
    public static String minimum(String column) {
        return "min " + column;
    }

    /** The last epoch. */
    @JsonIgnore
    public Epoch last() {
        return epochs.get(epochs.size() - 1);
    }

    /** One column over the epochs (NaN where an epoch has none). */
    public double[] column(String name) {
        double[] out = new double[epochs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = epochs.get(i).get(name);
        }
        return out;
    }

    /** The same history under other model names (a family's variant, a label, the data set). */
    public History describedAs(String model, String label, String dataset, Integer trainSamples) {
        return new History(family, model, label, dataset, trainSamples, lossTerms, selection, bestEpoch, bestValue,
                stoppedEarly, epochs);
    }

    /**
     * Reads a history file for a report: every epoch must have an integer {@code epoch} and a finite number
     * in each of {@code required}; problems are {@link InputException}s naming the file and the field.
     */
    public static History read(Path file, String... required) {
        JsonNode root = Json.readObject(file, "no such file");
        JsonNode eps = root.get("epochs");
        if (eps == null || !eps.isArray() || eps.isEmpty()) {
            throw new InputException(file, "'epochs' must be a non-empty array");
        }
        for (int i = 0; i < eps.size(); i++) {
            JsonNode e = eps.get(i);
            String where = "epochs[" + i + "]";
            JsonNode ep = e.get("epoch");
            if (ep == null || !ep.isIntegralNumber()) {
                throw new InputException(file, where + ".epoch must be an integer");
            }
            var fields = e.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                JsonNode v = f.getValue();
                if (!v.isNull() && !v.isNumber()) {
                    throw new InputException(file, "field '" + where + "." + f.getKey() + "' must be a number");
                }
            }
            for (String field : required) {
                JsonNode v = e.get(field);
                if (v == null || v.isNull()) {
                    throw new InputException(file, "missing field '" + where + "." + field + "'");
                }
                if (!Double.isFinite(v.doubleValue())) {
                    throw new InputException(file, "field '" + where + "." + field + "' must be a finite number");
                }
            }
        }
        JsonNode best = root.get("best_epoch");
        if (best != null && !best.isNull() && !best.isIntegralNumber()) {
            throw new InputException(file, "best_epoch must be an integer");
        }
        try {
            return Json.MAPPER.treeToValue(root, History.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InputException(file, "not a training history (" + e.getMessage() + ")", e);
        }
    }

    /** A history of the given epochs, everything else copied from this one. */
    public History withEpochs(List<Epoch> newEpochs, Integer newBestEpoch, Double newBestValue) {
        return new History(family, model, label, dataset, trainSamples, lossTerms, selection, newBestEpoch, newBestValue,
                stoppedEarly, new ArrayList<>(newEpochs));
    }
}
