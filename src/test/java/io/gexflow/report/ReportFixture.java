package io.gexflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Writes a small, internally consistent metrics.json with per-gene TSVs and a history into a directory. */
final class ReportFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;
    final int nGenes;
    final List<String> genes = new ArrayList<>();
    final Map<String, double[]> mae = new LinkedHashMap<>();
    final ObjectNode root = JSON.createObjectNode();
    final ObjectNode models;
    final ArrayNode comparisons;

    ReportFixture(Path dir, int nGenes, long seed) {
        this.dir = dir;
        this.nGenes = nGenes;
        for (int i = 0; i < nGenes; i++) {
            genes.add(String.format(Locale.ROOT, "GENE%04d", i));
        }
        Random rnd = new Random(seed);
        double[] lr = new double[nGenes];
        double[] dgex = new double[nGenes];
        double[] dgexSmall = new double[nGenes];
        double[] knn = new double[nGenes];
        for (int i = 0; i < nGenes; i++) {
            lr[i] = 0.41 + 0.08 * rnd.nextGaussian();
            dgex[i] = lr[i] * 0.73 + 0.01 * rnd.nextGaussian();
            dgexSmall[i] = lr[i] * 0.85 + 0.03 * rnd.nextGaussian();
            knn[i] = 0.59 + 0.07 * rnd.nextGaussian();
        }
        root.put("track", "dgex");
        root.put("dataset", "test-data: simulated GEO-format matrix (gexflow simulate, seed 7)");
        root.put("test_set", "GEO-te");
        root.put("scale", "standardised expression (per-gene z-score with training-split statistics), as in the reference code");
        root.put("n_test_samples", 300);
        root.put("n_landmarks", 100);
        root.put("n_targets", nGenes);
        models = root.putObject("models");
        comparisons = root.putArray("comparisons");
        addModel("lr", "LR", "baseline", lr, null, null);
        addModel("dgex", "D-GEX 1x256, 10% dropout", "dgex", dgex, new int[] {1, 256}, 0.1);
        addModel("dgex_1x3000", "D-GEX 1x3000, 10% dropout", "dgex", dgexSmall, new int[] {1, 3000}, 0.1);
        addModel("knn", "KNN-GE", "baseline", knn, null, null);
        compare("dgex", "lr");
        compare("dgex", "knn");
        compare("knn", "lr");
        history("dgex", 25, 17);
    }

    void addModel(String key, String label, String kind, double[] values, int[] arch, Double dropout) {
        mae.put(key, values);
        ObjectNode m = models.putObject(key);
        m.put("label", label);
        m.put("kind", kind);
        m.put("overall_mae", mean(values));
        m.put("sd_mae", sd(values));
        m.put("per_gene_mae", "per_gene_mae_" + key + ".tsv");
        if (arch != null) {
            ObjectNode a = m.putObject("architecture");
            a.put("hidden_layers", arch[0]);
            a.put("hidden_units", arch[1]);
            a.put("dropout", dropout);
        }
    }

    void compare(String model, String baseline) {
        double a = mean(mae.get(model));
        double b = mean(mae.get(baseline));
        ObjectNode c = comparisons.addObject();
        c.put("model", model);
        c.put("baseline", baseline);
        c.put("relative_improvement", (b - a) / b);
        c.put("fraction_genes_improved", fractionLower(mae.get(model), mae.get(baseline)));
    }

    void history(String key, int epochs, int best) {
        ObjectNode h = JSON.createObjectNode();
        h.put("model", key);
        h.put("best_epoch", best);
        ArrayNode eps = h.putArray("epochs");
        for (int e = 1; e <= epochs; e++) {
            ObjectNode o = eps.addObject();
            o.put("epoch", e);
            o.put("train_mae", 0.30 + 0.25 * Math.exp(-e / 4.0));
            o.put("valid_mae", 0.31 + 0.25 * Math.exp(-e / 4.0) + 0.0004 * Math.max(0, e - best));
            o.put("learning_rate", 5e-4);
            o.put("seconds", 1.2);
        }
        ObjectNode m = (ObjectNode) models.get(key);
        m.put("best_epoch", best);
        m.put("history", "history_" + key + ".json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("history_" + key + ".json").toFile(), h);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Writes metrics.json and every per-gene TSV; returns the metrics path. */
    Path write() throws IOException {
        for (Map.Entry<String, double[]> e : mae.entrySet()) {
            writeTsv(dir.resolve("per_gene_mae_" + e.getKey() + ".tsv"), genes, e.getValue());
        }
        Path metrics = dir.resolve("metrics.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), root);
        return metrics;
    }

    static void writeTsv(Path file, List<String> genes, double[] values) throws IOException {
        StringBuilder b = new StringBuilder("gene\tmae\n");
        for (int i = 0; i < genes.size(); i++) {
            b.append(genes.get(i)).append('\t').append(values[i]).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static double fractionLower(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                n++;
            }
        }
        return (double) n / a.length;
    }
}
