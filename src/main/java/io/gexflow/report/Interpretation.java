package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code gexflow interpret-dgex} wrote: {@code interpretation.json} of a directory, validated, with
 * the PNG and TSV names in it resolved against that directory. Only what the report shows is read.
 */
public record Interpretation(
        Path file,
        String modelLabel,
        long nTargets,
        List<Double> thresholds,
        String majorWeightDefinition,
        List<Matrix> matrices,
        R2 r2) {
    public static final String FILE = "interpretation.json";

    /** Counts of one weight matrix at one threshold. */
    public record Count(double sd, long positive, long negative, double fraction, long fromUnitsWithMajor,
            long toUnitsWithMajor) {}

    /** One weight matrix of one partition's network. */
    public record Matrix(int partition, int matrix, String name, long fromUnits, long toUnits, long weights, double sd,
            List<Count> counts, Path mapPng) {}

    /**
     * Summary statistics of one predictor set (or the network): NaN where absent; {@code notComputed} the
     * reason interpret-dgex gave when it could not fit that set (e.g. too few training samples).
     */
    public record Stats(long predictors, String predictorsUsed, double adjMean, double adjSd, double adjMedian,
            double r2Mean, double testMean, double testSd, double testMedian, Optional<String> notComputed) {}

    /** The adjusted R^2 comparison. */
    public record R2(long trainingSamples, long testSamples, int hiddenLayer, long hiddenUnits, long genes,
            Stats landmarks, Stats hidden, Stats network, Optional<Double> fractionHigherAdjusted,
            Optional<Double> fractionHigherTest, Optional<Path> trainPng, Optional<Path> testPng, Path tsv,
            Optional<String> figuresNotDrawn) {}

    /** Reads {@code dir/interpretation.json}; any problem is an {@link InputException} naming the file. */
    public static Interpretation read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode root = Json.readObject(file, "no such file (the --interpretation directory must hold what interpret-dgex wrote)");
        Path base = file.toAbsolutePath().getParent();
        R r = new R(file, base);
        String label = r.text(root.path("model"), "model", "label");
        long nTargets = r.count(root, "", "n_targets");
        JsonNode mw = r.object(root, "", "major_weights");
        List<Double> thresholds = new ArrayList<>();
        JsonNode th = mw.get("thresholds_sd");
        if (th == null || !th.isArray() || th.isEmpty()) {
            throw new InputException(file, "major_weights.thresholds_sd must be a non-empty array");
        }
        th.forEach(n -> thresholds.add(n.asDouble()));
        List<Matrix> matrices = new ArrayList<>();
        JsonNode ms = mw.get("matrices");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw new InputException(file, "major_weights.matrices must be a non-empty array");
        }
        for (int i = 0; i < ms.size(); i++) {
            JsonNode m = ms.get(i);
            String w = "major_weights.matrices[" + i + "]";
            List<Count> counts = new ArrayList<>();
            JsonNode cs = m.get("counts");
            if (cs == null || !cs.isArray() || cs.size() != thresholds.size()) {
                throw new InputException(file, w + ".counts must hold one entry per threshold");
            }
            for (int k = 0; k < cs.size(); k++) {
                JsonNode c = cs.get(k);
                String cw = w + ".counts[" + k + "]";
                counts.add(new Count(r.number(c, cw, "sd"), r.count(c, cw, "positive"), r.count(c, cw, "negative"),
                        r.number(c, cw, "fraction"), r.count(c, cw, "from_units_with_major"), r.count(c, cw, "to_units_with_major")));
            }
            matrices.add(new Matrix((int) r.count(m, w, "partition"), (int) r.count(m, w, "matrix"), r.text(m, w, "name"),
                    r.count(m, w, "from_units"), r.count(m, w, "to_units"), r.count(m, w, "weights"), r.number(m, w, "sd"),
                    List.copyOf(counts), r.file(m, w, "map_png")));
        }
        JsonNode a = r.object(root, "", "adjusted_r2");
        R2 r2 = new R2(r.count(a, "adjusted_r2", "training_samples"), r.count(a, "adjusted_r2", "test_samples"),
                (int) r.count(a, "adjusted_r2", "hidden_layer"), r.count(a, "adjusted_r2", "hidden_units"),
                r.count(a, "adjusted_r2", "genes"),
                stats(r, r.object(a, "adjusted_r2", "landmarks"), "adjusted_r2.landmarks"),
                stats(r, r.object(a, "adjusted_r2", "hidden"), "adjusted_r2.hidden"),
                stats(r, r.object(a, "adjusted_r2", "network"), "adjusted_r2.network"),
                r.optionalNumber(a, "fraction_hidden_higher_adjusted_r2"), r.optionalNumber(a, "fraction_hidden_higher_test_r2"),
                r.optionalFile(a, "adjusted_r2", "train_png", "figures_not_drawn"),
                r.optionalFile(a, "adjusted_r2", "test_png", "figures_not_drawn"), r.file(a, "adjusted_r2", "tsv"),
                r.optionalText(a, "figures_not_drawn"));
        return new Interpretation(file, label, nTargets, List.copyOf(thresholds),
                mw.path("definition").asText(""), List.copyOf(matrices), r2);
    }

    private static Stats stats(R r, JsonNode s, String where) {
        JsonNode used = s.get("predictors_used");
        String usedText = used == null || used.isNull() ? "" : used.isArray() ? joined(used) : used.asText();
        return new Stats(s.path("predictors").asLong(0), usedText,
                r.optionalNumber(s, "adjusted_r2_mean").orElse(Double.NaN),
                r.optionalNumber(s, "adjusted_r2_sd").orElse(Double.NaN),
                r.optionalNumber(s, "adjusted_r2_median").orElse(Double.NaN),
                r.optionalNumber(s, "r2_mean").orElse(Double.NaN),
                r.optionalNumber(s, "test_r2_mean").orElse(Double.NaN),
                r.optionalNumber(s, "test_r2_sd").orElse(Double.NaN),
                r.optionalNumber(s, "test_r2_median").orElse(Double.NaN),
                r.optionalText(s, "not_computed"));
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(", ", parts);
    }

    /** Field access with errors that say where in the file the problem is. */
    private record R(Path file, Path base) {
        private static String at(String where, String field) {
            return where.isEmpty() ? field : where + "." + field;
        }

        JsonNode object(JsonNode n, String where, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isObject()) {
                throw new InputException(file, "'" + at(where, field) + "' must be an object");
            }
            return v;
        }

        String text(JsonNode n, String where, String field) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || !v.isTextual()) {
                throw new InputException(file, "missing string field '" + at(where, field) + "'");
            }
            return v.asText();
        }

        double number(JsonNode n, String where, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new InputException(file, "field '" + at(where, field) + "' must be a finite number");
            }
            return v.doubleValue();
        }

        Optional<String> optionalText(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
        }

        /**
         * A file named by {@code field}, or empty when the field is null and {@code reasonField} says why
         * it was not written; a missing name with no reason is an error (nothing goes silently).
         */
        Optional<Path> optionalFile(JsonNode n, String where, String field, String reasonField) {
            JsonNode v = n.get(field);
            if ((v == null || v.isNull()) && optionalText(n, reasonField).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(file(n, where, field));
        }

        Optional<Double> optionalNumber(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v != null && v.isNumber() && Double.isFinite(v.doubleValue()) ? Optional.of(v.doubleValue()) : Optional.empty();
        }

        long count(JsonNode n, String where, String field) {
            JsonNode v = n.get(field);
            if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
                throw new InputException(file, "field '" + at(where, field) + "' must be a non-negative integer");
            }
            return v.longValue();
        }

        /** A file named by a field: a plain name inside the directory, which must exist. */
        Path file(JsonNode n, String where, String field) {
            String name = text(n, where, field);
            Path p = base.resolve(name).normalize();
            if (!p.startsWith(base) || name.contains("/") || name.contains("\\")) {
                throw new InputException(this.file, "'" + at(where, field) + "' must name a file in the same directory, got '" + name + "'");
            }
            if (!Files.isRegularFile(p)) {
                throw new InputException(p, "file not found (named by " + at(where, field) + " in " + this.file.getFileName() + ")");
            }
            return p;
        }
    }
}
