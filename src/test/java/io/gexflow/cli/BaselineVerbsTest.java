package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import io.gexflow.models.ExpressionModel;
import io.gexflow.models.ModelStore;
import io.gexflow.models.baselines.KnnGeModel;
import io.gexflow.testutil.RegressionSplits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-lr (none, l1, l2) and train-knn on small splits, then evaluate: grids, choices and labels. */
class BaselineVerbsTest {
    private static final int L = 8;
    private static final int T = 12;
    @TempDir Path dir;
    Path train;
    Path valid;
    Path test;

    /** Runs a verb; train-knn is added here until Main lists it. */
    private static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private void split(Path file, Random r, int n) {
        RegressionSplits.write(file, r, n, L, T);
    }

    @BeforeEach
    void data() {
        Random r = new Random(17);
        train = dir.resolve("train.arrow");
        valid = dir.resolve("valid.arrow");
        test = dir.resolve("test.arrow");
        split(train, r, 120);
        split(valid, r, 60);
        split(test, r, 60);
    }

    @Test
    void trainEveryBaselineAndEvaluate() throws Exception {
        ok(run("train-lr", "--train", train.toString(), "--out-dir", dir.resolve("lr").toString()));
        ok(run("train-lr", "--train", train.toString(), "--valid", valid.toString(), "--penalty", "l1",
                "--lambdas", "0.001,0.3,0.03", "--out-dir", dir.resolve("lr_l1").toString()));
        CliRunner.Result l2 = run("train-lr", "--train", train.toString(), "--valid", valid.toString(), "--penalty", "l2",
                "--out-dir", dir.resolve("lr_l2").toString());
        ok(l2);
        assertTrue(l2.err().contains("LR-L2 lambda"), l2.err());
        ok(run("train-knn", "--train", train.toString(), "--valid", valid.toString(), "--ks", "1,2,4",
                "--out-dir", dir.resolve("knn").toString()));

        JsonNode l1 = Json.MAPPER.readTree(dir.resolve("lr_l1/model.json").toFile());
        assertEquals("lr", l1.get("type").asText());
        assertEquals("l1", l1.get("settings").get("penalty").asText());
        assertEquals(List.of(0.3, 0.03, 0.001), doubles(l1.get("settings").get("lambdas")));
        List<Double> mae = doubles(l1.get("summary").get("validation_mae"));
        assertEquals(3, mae.size());
        double chosen = l1.get("settings").get("lambda").asDouble();
        assertEquals(mae.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                mae.get(doubles(l1.get("settings").get("lambdas")).indexOf(chosen)));
        assertEquals(3, l1.get("summary").get("nonzero_coefficients").size());
        JsonNode ridge = Json.MAPPER.readTree(dir.resolve("lr_l2/model.json").toFile());
        assertEquals(7, ridge.get("settings").get("lambdas").size());
        assertEquals(7, ridge.get("summary").get("validation_mae").size());
        JsonNode knn = Json.MAPPER.readTree(dir.resolve("knn/model.json").toFile());
        assertEquals("knn", knn.get("type").asText());
        assertEquals(List.of(1.0, 2.0, 4.0), doubles(knn.get("settings").get("ks")));
        assertEquals(3, knn.get("summary").get("validation_mae").size());
        try (ExpressionModel m = ModelStore.load(dir.resolve("knn"))) {
            assertEquals(knn.get("settings").get("k").asInt(), ((KnnGeModel) m).k());
            assertEquals(T, m.outputs().size());
        }

        Path eval = dir.resolve("eval");
        ok(run("evaluate", "--test", test.toString(), "--model", "knn=" + dir.resolve("knn"), "--model",
                "lr=" + dir.resolve("lr"), "--model", "lr_l1=" + dir.resolve("lr_l1"), "--model",
                "lr_l2=" + dir.resolve("lr_l2"), "--out-dir", eval.toString()));
        JsonNode models = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile()).get("models");
        Map<String, String> labels = Map.of("lr", "LR", "lr_l1", "LR-L1", "lr_l2", "LR-L2", "knn", "KNN-GE");
        for (var e : labels.entrySet()) {
            assertEquals(e.getValue(), models.get(e.getKey()).get("label").asText());
            assertEquals("baseline", models.get(e.getKey()).get("kind").asText());
        }
        // the data is linear: every linear baseline beats averaging neighbours
        double knnMae = models.get("knn").get("overall_mae").asDouble();
        for (String k : List.of("lr", "lr_l1", "lr_l2")) {
            assertTrue(models.get(k).get("overall_mae").asDouble() < knnMae, k);
        }
    }

    @Test
    void badCombinationsAreRefused() {
        assertEquals(2, run("train-lr", "--train", train.toString(), "--penalty", "l1", "--out-dir",
                dir.resolve("a").toString()).exit(), "l1 needs --valid");
        assertEquals(2, run("train-lr", "--train", train.toString(), "--lambdas", "1", "--out-dir",
                dir.resolve("b").toString()).exit(), "no grid for plain LR");
        CliRunner.Result bad = run("train-lr", "--train", train.toString(), "--valid", valid.toString(), "--penalty", "l3",
                "--out-dir", dir.resolve("c").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("none, l1 or l2"), bad.err());
        assertEquals(2, run("train-knn", "--train", train.toString(), "--valid", valid.toString(), "--ks", "0,2",
                "--out-dir", dir.resolve("d").toString()).exit());
        assertEquals(2, run("train-knn", "--train", train.toString(), "--valid", valid.toString(), "--ks", "9",
                "--out-dir", dir.resolve("e").toString()).exit(), "k above the number of landmarks");
    }

    /** A NaN or an infinite value in a split, or a split without samples, is refused naming it; no model is written. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"train-lr, NaN", "train-lr, Infinity", "train-knn, NaN", "train-dgex, NaN",
        "train-lr, empty"})
    void nonFiniteOrEmptySplitsAreRefused(String verb, String what) {
        Path bad = dir.resolve("bad.arrow");
        if (what.equals("empty")) {
            split(bad, new Random(3), 0);
        } else {
            Path tmp = dir.resolve("tmp.arrow");
            split(tmp, new Random(3), 20);
            RegressionSplits.withValue(tmp, bad, 7, L + 2, Float.parseFloat(what));
        }
        List<String> args = new ArrayList<>(List.of(verb, "--train", bad.toString(), "--valid", valid.toString(),
                "--out-dir", dir.resolve("m").toString()));
        if (verb.equals("train-knn")) {
            args.addAll(List.of("--ks", "2"));
        }
        if (verb.equals("train-dgex")) {
            args.addAll(List.of("--epochs", "1"));
        }
        CliRunner.Result r = run(args.toArray(String[]::new));
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        String expect = what.equals("empty") ? "bad.arrow: has no samples"
                : "bad.arrow: sample s7, feature tg2: value " + (what.equals("NaN") ? "NaN" : "Infinity");
        assertTrue(r.err().contains(expect), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("m")) || dir.resolve("m").toFile().list().length == 0,
                "no model written");
    }

    /** Options out of range (NaN included) are usage errors before any work; a diverging run is a numerical failure. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"--epochs, 0", "--batch-size, 0", "--batch-size, -10", "--learning-rate, -1",
        "--learning-rate, NaN", "--dropout, NaN", "--momentum, 1", "--monitor-samples, 0", "--target-partitions, 0"})
    void trainDgexRefusesOptionsOutOfRange(String option, String value) {
        CliRunner.Result r = run("train-dgex", "--train", train.toString(), "--valid", valid.toString(), option, value,
                "--out-dir", dir.resolve("m").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("gexflow train-dgex: usage error: "), r.err());
        assertTrue(r.err().contains(option.substring(2).replace('-', ' ')) || r.err().contains(option), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("m")), "nothing written");
    }

    @Test
    void aDivergingTrainDgexRunIsANumericalFailureNamingEpochAndBatch() {
        CliRunner.Result r = run("train-dgex", "--train", train.toString(), "--valid", valid.toString(), "--learning-rate",
                "1e12", "--hidden-units", "8", "--epochs", "3", "--batch-size", "20", "--out-dir", dir.resolve("m").toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().matches("(?s).*gexflow train-dgex: error: non-finite value in epoch \\d+, batch \\d+: the loss.*"), r.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("m/model.json")), "no model.json of a failed run");
    }

    /** A re-run that fails leaves the previous complete model directory as it was (no mix of two runs). */
    @Test
    void aFailedRerunLeavesThePreviousModelDirectory() throws Exception {
        Path out = dir.resolve("lr");
        ok(run("train-lr", "--train", train.toString(), "--out-dir", out.toString()));
        String before = java.nio.file.Files.readString(out.resolve("model.json"));
        List<String> files;
        try (var s = java.nio.file.Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Path empty = dir.resolve("empty.arrow");
        split(empty, new Random(1), 0);
        assertEquals(Main.EXIT_BAD_INPUT, run("train-lr", "--train", empty.toString(), "--out-dir", out.toString()).exit());
        assertEquals(before, java.nio.file.Files.readString(out.resolve("model.json")));
        try (var s = java.nio.file.Files.list(out)) {
            assertEquals(files, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var s = java.nio.file.Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".lr.")), "no staging directory left");
        }
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> v = new ArrayList<>();
        array.forEach(n -> v.add(n.asDouble()));
        return v;
    }
}
