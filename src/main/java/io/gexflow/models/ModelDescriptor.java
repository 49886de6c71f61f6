package io.gexflow.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json} of a trained model directory: enough to rebuild the model in another step.
 *
 * @param type "lr" (settings: penalty none|l1|l2, lambda), "knn" (settings: k) or "dgex"
 * @param settings type-specific hyperparameters (architecture, chosen lambda, ...)
 * @param summary training facts (best epoch, validation MAE, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(
        String type,
        List<String> inputs,
        List<String> outputs,
        Map<String, Object> settings,
        Map<String, Object> summary,
        Object provenance) {
    public static final String FILE = "model.json";
}
