package io.gexflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gexflow.io.Json;
import io.gexflow.provenance.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records write the metrics.json that {@code evaluate-svqvae} wrote from hand-built maps before
 * them, byte for byte: the maps below are built the way the evaluator and the command built them, for an
 * S-VQ-VAE with a history and a VQ-VAE without one, and both go through {@link Json#write}.
 */
class SvqVaeMetricsTest {
    private static final Provenance PROV = new Provenance("gexflow", "dev", null, "evaluate-svqvae",
            List.of("--train", "train.arrow"), 7L, Map.of("train.arrow", "ab12", "test.arrow", "cd34"), null);
    private static final List<String> CODES = List.of("HDAC inhibitor", "EGFR inhibitor", "PI3K inhibitor");

    @Test
    void recordsWriteTheBytesTheMapsWrote() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = Json.MAPPER.readValue("{\"architecture\": \"lincs_mlp\", \"beta\": 0.25, \"codes\": 3,"
                + " \"learning_rate\": 1.0E-4}", Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = Json.MAPPER.readValue("{\"label\": \"S-VQ-VAE\", \"train_mse\": 14.853}", Map.class);
        for (boolean supervised : new boolean[] {true, false}) {
            for (int[] shape : new int[][] {{28, 28}, null}) {
                Map<String, Object> modelMap = modelMap(supervised, settings, summary);
                Map<String, Object> metricsMap = new LinkedHashMap<>();
                metricsMap.put("track", "svqvae");
                metricsMap.put("dataset", shape == null ? "lincs" : "mnist");
                metricsMap.put("classes", CODES);
                metricsMap.put("n_train", 240);
                metricsMap.put("n_test", 60);
                metricsMap.put("n_features", 978);
                if (shape != null) {
                    metricsMap.put("image_shape", shape);
                }
                metricsMap.put("scale", "MSE on the pixel scale");
                metricsMap.put("definitions", new LinkedHashMap<>(SvqVaeMetrics.DEFINITIONS));
                metricsMap.put("models", Map.of("m", modelMap));
                metricsMap.put("provenance", PROV);

                SvqVaeMetrics record = new SvqVaeMetrics("svqvae", shape == null ? "lincs" : "mnist", CODES, 240, 60, 978,
                        shape, "MSE on the pixel scale", SvqVaeMetrics.DEFINITIONS,
                        Map.of("m", modelRecord(supervised, settings, summary)), PROV);
                assertEquals(Json.write(metricsMap), Json.write(record));
            }
        }
    }

    /** As SvqVaeEvaluator built it (the history's values put into the maps last). */
    private static Map<String, Object> modelMap(boolean supervised, Map<String, Object> settings, Map<String, Object> summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", supervised ? "svqvae" : "vqvae");
        out.put("label", supervised ? "S-VQ-VAE" : "VQ-VAE");
        out.put("architecture", "LINCS MLP");
        out.put("codes", 3);
        out.put("code_names", CODES);
        out.put("latent_dim", 1000);
        out.put("settings", settings);
        out.put("summary", summary);
        Map<String, Object> mse = new LinkedHashMap<>();
        if (supervised) {
            mse.put("train_label_code", 14.853312);
        }
        mse.put("train_nearest_code", 0.1 + 0.2);
        if (supervised) {
            mse.put("test_label_code", 15.0);
        }
        mse.put("test_nearest_code", 1e-9);
        mse.put("train", mse.get(supervised ? "train_label_code" : "train_nearest_code"));
        out.put("mse", mse);
        Map<String, Object> ppl = new LinkedHashMap<>();
        ppl.put("train_label_assignment", 2.8099);
        ppl.put("train_nearest_code", 2.646);
        ppl.put("test_label_assignment", 2.9);
        ppl.put("test_nearest_code", Double.NaN);
        ppl.put("train_as_reference", ppl.get(supervised ? "train_label_assignment" : "train_nearest_code"));
        out.put("perplexity", ppl);
        Map<String, Object> acc = new LinkedHashMap<>();
        if (supervised) {
            acc.put("train_nearest_code", 0.5416666666666666);
            acc.put("test_nearest_code", 1.0);
        }
        acc.put("train_majority_code", 0.25);
        acc.put("test_majority_code", 0.0);
        acc.put("chance", 1.0 / 3);
        out.put("accuracy", acc);
        List<Map<String, Object>> pairs = new ArrayList<>();
        pairs.add(Map.of("a", CODES.get(0), "b", CODES.get(2), "distance", 3.25));
        pairs.add(Map.of("a", CODES.get(1), "b", CODES.get(2), "distance", 4.5e-3));
        out.put("closest_pairs", pairs);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("communities", List.of(List.of(CODES.get(0), CODES.get(2)), List.of(CODES.get(1))));
        g.put("modularity", -0.0625);
        g.put("edges", 2);
        g.put("method", "arc from every code to its nearest other code");
        out.put("graph", g);
        List<Map<String, Object>> genInfo = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("code", CODES.get(c));
            info.put("training_rows", c == 1 ? 1 : 80);
            if (c == 1) {
                info.put("generated", 0);
                genInfo.add(info);
                continue;
            }
            info.put("generated", 10);
            info.put("covariance_trace", 123.456 * (c + 1));
            genInfo.add(info);
        }
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("per_code", genInfo);
        gen.put("sampler", "z = e + Zc^T w / sqrt(n - 1)");
        gen.put("groups", supervised ? "classes (label)" : "codes (nearest-code assignment of training rows)");
        out.put("generation", gen);
        Map<String, Object> f = new LinkedHashMap<>(Map.of("decoded_codes", "decoded_codes_m.arrow", "code_frequency",
                "code_frequency_m.tsv", "code_distances", "code_distances_m.tsv", "code_graph", "code_graph_m.tsv",
                "generated", "generated_m.arrow")); // Json writes map keys sorted: insertion order does not matter
        if (supervised) { // a history
            f.put("history", "history_m.json");
            mse.put("train_last_epoch", 15.38);
            ppl.put("train_last_epoch", 2.81);
            out.put("epochs", 20);
        }
        out.put("files", f);
        return out;
    }

    private static SvqVaeMetrics.Model modelRecord(boolean supervised, Map<String, Object> settings, Map<String, Object> summary) {
        Double trainLabel = supervised ? 14.853312 : null;
        var mse = new SvqVaeMetrics.Mse(trainLabel, 0.1 + 0.2, supervised ? 15.0 : null, 1e-9,
                supervised ? trainLabel : 0.1 + 0.2, supervised ? 15.38 : null);
        var ppl = new SvqVaeMetrics.Perplexity(2.8099, 2.646, 2.9, Double.NaN, supervised ? 2.8099 : 2.646,
                supervised ? 2.81 : null);
        var acc = new SvqVaeMetrics.Accuracy(supervised ? 0.5416666666666666 : null, supervised ? 1.0 : null, 0.25, 0.0, 1.0 / 3);
        var pairs = List.of(new SvqVaeMetrics.Pair(CODES.get(0), CODES.get(2), 3.25),
                new SvqVaeMetrics.Pair(CODES.get(1), CODES.get(2), 4.5e-3));
        var graph = new SvqVaeMetrics.Graph(List.of(List.of(CODES.get(0), CODES.get(2)), List.of(CODES.get(1))), -0.0625, 2,
                "arc from every code to its nearest other code");
        var gen = new SvqVaeMetrics.Generation(List.of(
                new SvqVaeMetrics.CodeSamples(CODES.get(0), 80, 10, 123.456),
                new SvqVaeMetrics.CodeSamples(CODES.get(1), 1, 0, null),
                new SvqVaeMetrics.CodeSamples(CODES.get(2), 80, 10, 123.456 * 3)),
                "z = e + Zc^T w / sqrt(n - 1)",
                supervised ? "classes (label)" : "codes (nearest-code assignment of training rows)");
        var files = new SvqVaeMetrics.Files("decoded_codes_m.arrow", "code_frequency_m.tsv", "code_distances_m.tsv",
                "code_graph_m.tsv", "generated_m.arrow", supervised ? "history_m.json" : null);
        return new SvqVaeMetrics.Model(supervised ? "svqvae" : "vqvae", supervised ? "S-VQ-VAE" : "VQ-VAE", "LINCS MLP", 3,
                CODES, 1000, settings, summary, mse, ppl, acc, pairs, graph, gen, supervised ? 20 : null, files);
    }
}
