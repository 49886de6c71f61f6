package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;

/**
 * What {@code gexflow infer --out-summary} wrote: how many profiles of which input got how many target
 * genes from which model, on which scale.
 */
public record InferenceSummary(Path file, String input, long profiles, long targets, long landmarks, String model,
        String modelType, String scale) {

    /** Reads and validates the summary; a problem is an {@link InputException} naming the file. */
    public static InferenceSummary read(Path file) {
        JsonNode root = Json.readObject(file, "no such file (the --inference file must be what infer --out-summary wrote)");
        return new InferenceSummary(file, text(file, root, "input"), count(file, root, "profiles"), count(file, root, "targets"),
                count(file, root, "landmarks"), text(file, root, "model"), text(file, root, "model_type"),
                text(file, root, "output_scale"));
    }

    private static String text(Path file, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new InputException(file, "missing string field '" + field + "'");
        }
        return v.asText();
    }

    private static long count(Path file, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
            throw new InputException(file, "field '" + field + "' must be a non-negative integer");
        }
        return v.longValue();
    }
}
