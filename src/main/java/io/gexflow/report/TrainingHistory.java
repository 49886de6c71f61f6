package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A D-GEX training history: {@code {"model", "best_epoch", "epochs": [{"epoch", "train_mae",
 * "valid_mae", "learning_rate", "seconds"}, ...]}}. {@code train_mae} is the MAE on the fixed training
 * subset the learning-rate schedule watches.
 */
public record TrainingHistory(Path file, String model, Optional<Integer> bestEpoch, List<Epoch> epochs) {

    /** One epoch; learning rate and seconds may be absent (NaN). */
    public record Epoch(int epoch, double trainMae, double validMae, double learningRate, double seconds) {}

    /** Reads and validates a history file; problems are {@link InputException}s naming the file. */
    public static TrainingHistory read(Path file) {
        JsonNode root = Json.readObject(file, "no such file");
        JsonNode eps = root.get("epochs");
        if (eps == null || !eps.isArray() || eps.isEmpty()) {
            throw new InputException(file, "'epochs' must be a non-empty array");
        }
        List<Epoch> epochs = new ArrayList<>();
        for (int i = 0; i < eps.size(); i++) {
            JsonNode e = eps.get(i);
            String where = "epochs[" + i + "]";
            JsonNode ep = e.get("epoch");
            if (ep == null || !ep.isIntegralNumber()) {
                throw new InputException(file, where + ".epoch must be an integer");
            }
            epochs.add(new Epoch(
                    ep.intValue(),
                    number(file, e, where, "train_mae", true),
                    number(file, e, where, "valid_mae", true),
                    number(file, e, where, "learning_rate", false),
                    number(file, e, where, "seconds", false)));
        }
        JsonNode best = root.get("best_epoch");
        Optional<Integer> bestEpoch = Optional.empty();
        if (best != null && !best.isNull()) {
            if (!best.isIntegralNumber()) {
                throw new InputException(file, "best_epoch must be an integer");
            }
            bestEpoch = Optional.of(best.intValue());
        }
        JsonNode model = root.get("model");
        return new TrainingHistory(file, model != null && model.isTextual() ? model.asText() : "", bestEpoch, List.copyOf(epochs));
    }

    private static double number(Path file, JsonNode e, String where, String field, boolean required) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InputException(file, "missing field '" + where + "." + field + "'");
            }
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new InputException(file, "field '" + where + "." + field + "' must be a finite number");
        }
        return v.doubleValue();
    }
}
