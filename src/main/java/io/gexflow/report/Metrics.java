package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EVALUATE step's {@code metrics.json} for the D-GEX track, validated. Relative file names in it
 * (per-gene MAE tables, training histories) are resolved against the directory of the metrics file.
 *
 * @param file the metrics.json read
 * @param models in file order, keyed by model id ({@code lr}, {@code lr_l1}, {@code knn}, {@code dgex}, ...)
 * @param convert what CONVERT recorded for the test data (schema metadata {@code gexflow.convert}, copied by
 *     EVALUATE): gene-map matches and probes absent, the missing-value policy and what it dropped
 */
public record Metrics(
        Path file,
        String track,
        String dataset,
        String testSet,
        String scale,
        long nTestSamples,
        long nLandmarks,
        long nTargets,
        Map<String, Model> models,
        List<Comparison> comparisons,
        Optional<JsonNode> convert) {

    /** D-GEX architecture: hidden layers x hidden units, dropout rate. */
    public record Architecture(int hiddenLayers, int hiddenUnits, double dropout) {}

    /**
     * One evaluated model.
     *
     * @param kind {@code baseline} or {@code dgex} (other kinds are shown as they are)
     * @param perGeneMae resolved path of the per-gene MAE TSV
     * @param architecture D-GEX only
     * @param history resolved path of the training history JSON, D-GEX only and optional
     */
    public record Model(
            String key,
            String label,
            String kind,
            double overallMae,
            double sdMae,
            Path perGeneMae,
            Optional<Architecture> architecture,
            Optional<Integer> bestEpoch,
            Optional<Path> history) {

        public boolean isDgex() {
            return "dgex".equals(kind);
        }
    }

    /** A comparison of {@code model} with {@code baseline} (both model keys). */
    public record Comparison(String model, String baseline, double relativeImprovement, Optional<Double> fractionGenesImproved) {}

    /** Reads and validates a metrics.json; any problem is an {@link InputException} naming the file. */
    public static Metrics read(Path file) {
        JsonNode root = Json.readObject(file, "no such file");
        Fields r = new Fields(file);
        Path dir = file.toAbsolutePath().getParent();

        JsonNode modelsNode = root.get("models");
        if (modelsNode == null || !modelsNode.isObject() || modelsNode.isEmpty()) {
            throw new InputException(file, "'models' must be a non-empty object");
        }
        Map<String, Model> models = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = modelsNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            models.put(e.getKey(), readModel(r, dir, e.getKey(), e.getValue()));
        }

        List<Comparison> comparisons = new ArrayList<>();
        JsonNode comps = root.get("comparisons");
        if (comps != null && !comps.isNull()) {
            if (!comps.isArray()) {
                throw new InputException(file, "'comparisons' must be an array");
            }
            for (int i = 0; i < comps.size(); i++) {
                String where = "comparisons[" + i + "]";
                JsonNode c = comps.get(i);
                String model = r.text(c, where, "model");
                String baseline = r.text(c, where, "baseline");
                for (String k : List.of(model, baseline)) {
                    if (!models.containsKey(k)) {
                        throw new InputException(file, where + " refers to model '" + k + "', which is not in 'models'");
                    }
                }
                double rel = r.number(c, where, "relative_improvement");
                Optional<Double> frac = r.optionalNumber(c, where, "fraction_genes_improved");
                comparisons.add(new Comparison(model, baseline, rel, frac));
            }
        }

        return new Metrics(
                file,
                r.optionalText(root, "", "track").orElse("dgex"),
                r.text(root, "", "dataset"),
                r.text(root, "", "test_set"),
                r.text(root, "", "scale"),
                r.count(root, "n_test_samples"),
                r.count(root, "n_landmarks"),
                r.count(root, "n_targets"),
                Collections.unmodifiableMap(models),
                List.copyOf(comparisons),
                convert(file, root.get("convert")));
    }

    private static Optional<JsonNode> convert(Path file, JsonNode c) {
        if (c == null || c.isNull()) {
            return Optional.empty();
        }
        if (!c.isObject()) {
            throw new InputException(file, "'convert' must be an object");
        }
        return Optional.of(c);
    }

    private static Model readModel(Fields r, Path dir, String key, JsonNode m) {
        String where = "models." + key;
        if (m == null || !m.isObject()) {
            throw new InputException(r.file, "'" + where + "' must be an object");
        }
        String label = r.optionalText(m, where, "label").orElse(key);
        String kind = r.text(m, where, "kind");
        double overall = r.number(m, where, "overall_mae");
        double sd = r.number(m, where, "sd_mae");
        Path perGene = dir.resolve(r.text(m, where, "per_gene_mae"));
        Optional<Architecture> arch = Optional.empty();
        JsonNode a = m.get("architecture");
        if (a != null && !a.isNull()) {
            String aw = where + ".architecture";
            arch = Optional.of(new Architecture(
                    (int) r.count(a, aw, "hidden_layers"),
                    (int) r.count(a, aw, "hidden_units"),
                    r.optionalNumber(a, aw, "dropout").orElse(Double.NaN)));
        }
        Optional<Integer> best = r.optionalNumber(m, where, "best_epoch").map(Double::intValue);
        Optional<Path> history = r.optionalText(m, where, "history").map(dir::resolve);
        return new Model(key, label, kind, overall, sd, perGene, arch, best, history);
    }

    /** Field access with errors that say where in the file the problem is. */
    private record Fields(Path file) {
        private static String at(String where, String field) {
            return where.isEmpty() ? field : where + "." + field;
        }

        String text(JsonNode n, String where, String field) {
            return optionalText(n, where, field)
                    .orElseThrow(() -> new InputException(file, "missing field '" + at(where, field) + "'"));
        }

        Optional<String> optionalText(JsonNode n, String where, String field) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw new InputException(file, "field '" + at(where, field) + "' must be a string");
            }
            return Optional.of(v.asText());
        }

        double number(JsonNode n, String where, String field) {
            return optionalNumber(n, where, field)
                    .orElseThrow(() -> new InputException(file, "missing field '" + at(where, field) + "'"));
        }

        Optional<Double> optionalNumber(JsonNode n, String where, String field) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new InputException(file, "field '" + at(where, field) + "' must be a finite number");
            }
            return Optional.of(v.doubleValue());
        }

        long count(JsonNode n, String field) {
            return count(n, "", field);
        }

        long count(JsonNode n, String where, String field) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || v.isNull()) {
                throw new InputException(file, "missing field '" + at(where, field) + "'");
            }
            if (!v.isIntegralNumber() || v.longValue() < 0) {
                throw new InputException(file, "field '" + at(where, field) + "' must be a non-negative integer");
            }
            return v.longValue();
        }
    }
}
