package io.gexflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import io.gexflow.provenance.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records write the metrics.json that {@code evaluate} wrote from hand-built maps before them, byte
 * for byte: the maps below are built the way the command built them (same keys, same value types as
 * read from model.json), and both go through {@link Json#write}.
 */
class RegressionMetricsTest {
    private static final Provenance PROV = new Provenance("gexflow", "dev", null, "evaluate",
            List.of("--test", "test.arrow", "--model", "dgex=m", "--out-dir", "e"), null, Map.of("test.arrow", "ab12"), null);

    @Test
    void recordsWriteTheBytesTheMapsWrote() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = Json.MAPPER.readValue("{\"hidden_layers\": 3, \"hidden_units\": 9000, \"dropout\": 0.1}",
                Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = Json.MAPPER.readValue("{\"label\": \"D-GEX 3x9000, 10% dropout\", \"best_epoch\": 17}",
                Map.class);
        JsonNode convert = Json.MAPPER.readTree("{\"matched\": 943, \"lost\": [\"A\", \"B\"], \"dropped_samples\": 0}");
        double dgexMae = 0.1 + 0.2;
        double dgexSd = 1e-7;
        double lrMae = 0.3217654321987654;
        double knnMae = 12345678.9;

        // the maps, as EvaluateCommand built them
        Map<String, Object> dgexMap = new LinkedHashMap<>();
        dgexMap.put("label", String.valueOf(summary.get("label")));
        dgexMap.put("kind", "dgex");
        dgexMap.put("type", "dgex");
        dgexMap.put("overall_mae", dgexMae);
        dgexMap.put("sd_mae", dgexSd);
        dgexMap.put("per_gene_mae", "per_gene_mae_dgex.tsv");
        dgexMap.put("architecture", Map.of("hidden_layers", settings.get("hidden_layers"),
                "hidden_units", settings.get("hidden_units"), "dropout", settings.get("dropout")));
        dgexMap.put("best_epoch", summary.get("best_epoch"));
        dgexMap.put("history", "history_dgex.json");
        Map<String, Object> dgexNoHistory = new LinkedHashMap<>(dgexMap);
        dgexNoHistory.remove("history");
        dgexNoHistory.put("per_gene_mae", "per_gene_mae_b.tsv");
        Map<String, Object> lrMap = baselineMap("LR-L1", "lr", lrMae, 0.05, "per_gene_mae_lr.tsv");
        Map<String, Object> knnMap = baselineMap("KNN-GE", "knn", knnMae, Double.NaN, "per_gene_mae_knn.tsv");
        Map<String, Object> modelsMap = new LinkedHashMap<>();
        modelsMap.put("lr", lrMap);
        modelsMap.put("dgex", dgexMap);
        modelsMap.put("b", dgexNoHistory);
        modelsMap.put("knn", knnMap);
        List<Map<String, Object>> comparisonMaps = new ArrayList<>();
        for (String name : List.of("dgex", "knn")) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", name);
            c.put("baseline", "lr");
            c.put("relative_improvement", GeneErrors.relativeImprovement(name.equals("dgex") ? dgexMae : knnMae, lrMae));
            c.put("fraction_genes_improved", name.equals("dgex") ? 2.0 / 3 : 0.0);
            comparisonMaps.add(c);
        }

        // the records
        var arch = new RegressionMetrics.Architecture(3, 9000, 0.1);
        Map<String, RegressionMetrics.Model> models = new LinkedHashMap<>();
        models.put("lr", RegressionMetrics.Model.baseline("LR-L1", "lr", lrMae, 0.05, "per_gene_mae_lr.tsv"));
        models.put("dgex", new RegressionMetrics.Model("D-GEX 3x9000, 10% dropout", "dgex", "dgex", dgexMae, dgexSd,
                "per_gene_mae_dgex.tsv", arch, 17, "history_dgex.json"));
        models.put("b", new RegressionMetrics.Model("D-GEX 3x9000, 10% dropout", "dgex", "dgex", dgexMae, dgexSd,
                "per_gene_mae_b.tsv", arch, 17, null));
        models.put("knn", RegressionMetrics.Model.baseline("KNN-GE", "knn", knnMae, Double.NaN, "per_gene_mae_knn.tsv"));
        List<RegressionMetrics.Comparison> comparisons = List.of(
                new RegressionMetrics.Comparison("dgex", "lr", GeneErrors.relativeImprovement(dgexMae, lrMae), 2.0 / 3),
                new RegressionMetrics.Comparison("knn", "lr", GeneErrors.relativeImprovement(knnMae, lrMae), 0.0));

        for (JsonNode conv : new JsonNode[] {convert, null}) {
            for (String dataset : new String[] {"GEO", null}) {
                for (boolean baseline : new boolean[] {true, false}) {
                    Map<String, Object> metrics = new LinkedHashMap<>();
                    metrics.put("track", "dgex");
                    metrics.put("dataset", dataset);
                    metrics.put("test_set", "GEO test");
                    metrics.put("scale", "standardised expression");
                    metrics.put("n_test_samples", 12031);
                    metrics.put("n_landmarks", 943);
                    metrics.put("n_targets", 9520);
                    if (conv != null) {
                        metrics.put("convert", conv);
                    }
                    metrics.put("models", modelsMap);
                    metrics.put("comparisons", baseline ? comparisonMaps : List.of());
                    metrics.put("provenance", PROV);
                    RegressionMetrics record = new RegressionMetrics(RegressionMetrics.TRACK, dataset, "GEO test",
                            "standardised expression", 12031, 943, 9520, conv, models, baseline ? comparisons : List.of(), PROV);
                    assertEquals(Json.write(metrics), Json.write(record));
                }
            }
        }
    }

    private static Map<String, Object> baselineMap(String label, String type, double mae, double sd, String tsv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("kind", "baseline");
        m.put("type", type);
        m.put("overall_mae", mae);
        m.put("sd_mae", sd);
        m.put("per_gene_mae", tsv);
        return m;
    }
}
