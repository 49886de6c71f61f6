package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.GeneStandardizer;
import io.gexflow.data.RegressionData;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D-GEX verbs chained by hand on a small simulated data set, as the pipeline chains them. */
class DgexStepsTest {
    @TempDir Path dir;

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void simulateConvertSplitNormalizeTrainEvaluate() throws Exception {
        ok(CliRunner.run("simulate", "--out-dir", dir.toString(), "--samples", "400", "--landmarks", "20",
                "--targets", "30", "--seed", "3"));
        Path geo = dir.resolve("geo.arrow");
        ok(CliRunner.run("convert", "--input", dir.resolve("geo_sim.gctx").toString(), "--landmarks",
                dir.resolve("map_lm.txt").toString(), "--targets", dir.resolve("map_tg.txt").toString(),
                "--chunk-samples", "64", "--out", geo.toString()));
        ok(CliRunner.run("split", "--input", geo.toString(), "--seed", "3", "--out", dir.resolve("split.tsv").toString()));
        Path norm = dir.resolve("norm");
        ok(CliRunner.run("normalize", "--input", geo.toString(), "--split", dir.resolve("split.tsv").toString(),
                "--out-dir", norm.toString()));

        DenseMatrix train = ArrowMatrixReader.readAll(norm.resolve("train.arrow"));
        DenseMatrix test = ArrowMatrixReader.readAll(norm.resolve("test.arrow"));
        assertEquals(320, train.rows());
        assertEquals(40, test.rows());
        // training genes are standardised with their own statistics: mean 0, population sd ~ 1
        GeneStandardizer check = new GeneStandardizer(train.cols());
        for (int i = 0; i < train.rows(); i++) {
            check.accumulate(train.x(), i * train.cols());
        }
        for (int j = 0; j < train.cols(); j++) {
            assertEquals(0, check.means()[j], 1e-4);
            assertEquals(1, check.stds()[j] + GeneStandardizer.EPSILON, 2e-3);
        }
        JsonNode stats = Json.MAPPER.readTree(norm.resolve("normalization.json").toFile());
        assertEquals("train", stats.get("statistics_from").asText());
        assertEquals(320, stats.get("training_samples").asInt());
        // the split file decides membership: every test id is a test row
        Map<String, String> split = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("split.tsv")).subList(1, 401)) {
            split.put(line.split("\t")[0], line.split("\t")[1]);
        }
        test.ids().forEach(id -> assertEquals("test", split.get(id)));

        ok(CliRunner.run("train-lr", "--train", norm.resolve("train.arrow").toString(), "--out-dir", dir.resolve("lr").toString()));
        ok(CliRunner.run("train-dgex", "--train", norm.resolve("train.arrow").toString(), "--valid",
                norm.resolve("valid.arrow").toString(), "--hidden-units", "32", "--epochs", "3", "--batch-size", "50",
                "--monitor-samples", "100", "--target-partitions", "2", "--out-dir", dir.resolve("dgex").toString()));
        assertTrue(Files.isRegularFile(dir.resolve("dgex/dgex.p1.params")), "one network per target partition");
        Path eval = dir.resolve("eval");
        ok(CliRunner.run("evaluate", "--test", norm.resolve("test.arrow").toString(), "--model",
                "lr=" + dir.resolve("lr"), "--model", "dgex=" + dir.resolve("dgex"), "--out-dir", eval.toString()));
        JsonNode m = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile());
        assertEquals(30, m.get("n_targets").asInt());
        assertEquals(java.util.Set.of("lr", "dgex"), java.util.Set.copyOf(iter(m.get("models").fieldNames())));
        // LR's reported overall MAE is recomputable from its per-gene file
        List<String> lines = Files.readAllLines(eval.resolve("per_gene_mae_lr.tsv"));
        assertEquals("gene\tsymbol\tensembl\tmae", lines.get(0));
        String[] first = lines.get(1).split("\t");
        assertTrue(first[0].startsWith("tg:") && first[0].equals("tg:" + first[2]) && !first[1].isEmpty(),
                "feature id, symbol, Ensembl id: " + lines.get(1));
        double mean = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split("\t")[3])).average().orElseThrow();
        assertEquals(mean, m.get("models").get("lr").get("overall_mae").asDouble(), 1e-6);
        assertEquals(3, Json.MAPPER.readTree(eval.resolve("history_dgex.json").toFile()).get("epochs").size());
        assertTrue(m.get("comparisons").get(0).has("fraction_genes_improved"));

        ok(CliRunner.run("report", "--metrics", eval.resolve("metrics.json").toString(), "--out",
                dir.resolve("report.html").toString()));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("data:image/png;base64,"));

        // LR predictions on the training split equal those of a direct OLS refit (model files round-trip)
        RegressionData tr = RegressionData.read(norm.resolve("train.arrow"));
        try (var model = io.gexflow.models.ModelStore.load(dir.resolve("lr"))) {
            var fit = new io.gexflow.models.baselines.OlsFit(tr.inputs().size(), tr.outputs().size());
            fit.accumulate(tr.x(), tr.y(), tr.rows());
            float[] direct = new io.gexflow.models.baselines.LinearRegressionModel(tr.inputs(), tr.outputs(), fit.solve(0))
                    .predict(tr.x(), 5);
            assertArrayEquals(direct, model.predict(tr.x(), 5), 1e-4f);
        }
    }

    private static <T> List<T> iter(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
