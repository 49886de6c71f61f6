package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.dgex.DgexModel;
import io.gexflow.eval.interpret.MajorWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** interpret-dgex on a small trained network (two hidden layers, two target partitions), then the report. */
class InterpretDgexCommandTest {
    @TempDir static Path dir;
    static Path norm;
    static Path interp;

    /** The tool's command line with the new verb registered here (Main's list is wired elsewhere). */
    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    @BeforeAll
    static void trainAndInterpret() {
        ok(CliRunner.run("simulate", "--out-dir", dir.toString(), "--samples", "400", "--landmarks", "20",
                "--targets", "30", "--seed", "4"));
        Path geo = dir.resolve("geo.arrow");
        ok(CliRunner.run("convert", "--input", dir.resolve("geo_sim.gctx").toString(), "--landmarks",
                dir.resolve("map_lm.txt").toString(), "--targets", dir.resolve("map_tg.txt").toString(), "--out", geo.toString()));
        ok(CliRunner.run("split", "--input", geo.toString(), "--seed", "4", "--out", dir.resolve("split.tsv").toString()));
        norm = dir.resolve("norm");
        ok(CliRunner.run("normalize", "--input", geo.toString(), "--split", dir.resolve("split.tsv").toString(),
                "--out-dir", norm.toString()));
        ok(CliRunner.run("train-lr", "--train", norm.resolve("train.arrow").toString(), "--out-dir", dir.resolve("lr").toString()));
        ok(CliRunner.run("train-dgex", "--train", norm.resolve("train.arrow").toString(), "--valid",
                norm.resolve("valid.arrow").toString(), "--hidden-layers", "2", "--hidden-units", "24", "--epochs", "4",
                "--batch-size", "40", "--monitor-samples", "100", "--target-partitions", "2", "--learning-rate", "0.01",
                "--out-dir", dir.resolve("dgex").toString()));
        interp = dir.resolve("interp");
        ok(run("interpret-dgex", "--model", dir.resolve("dgex").toString(), "--train", norm.resolve("train.arrow").toString(),
                "--test", norm.resolve("test.arrow").toString(), "--batch-size", "64", "--out-dir", interp.toString()));
    }

    @Test
    void writesJsonTsvsAndPngs() throws Exception {
        JsonNode j = Json.MAPPER.readTree(interp.resolve("interpretation.json").toFile());
        assertEquals(320, j.get("training_samples").asInt());
        assertEquals(40, j.get("test_samples").asInt());
        assertEquals(30, j.get("n_targets").asInt());
        assertEquals("interpret-dgex", j.get("provenance").get("verb").asText());
        JsonNode matrices = j.get("major_weights").get("matrices");
        assertEquals(6, matrices.size(), "2 partitions x (input->h1, h1->h2, h2->output)");
        assertEquals("input -> hidden 1", matrices.get(0).get("name").asText());
        assertEquals("hidden 2 -> output", matrices.get(5).get("name").asText());
        for (JsonNode m : matrices) {
            assertNotNull(ImageIO.read(interp.resolve(m.get("map_png").asText()).toFile()));
            List<String> units = Files.readAllLines(interp.resolve(m.get("units_tsv").asText()));
            assertEquals("side\tindex\tunit\tpositive_4sd\tnegative_4sd\tpositive_5sd\tnegative_5sd", units.get(0));
            assertEquals(1 + m.get("from_units").asInt() + m.get("to_units").asInt(), units.size());
        }
        assertEquals(20, matrices.get(0).get("from_units").asInt());
        assertEquals(24, matrices.get(0).get("to_units").asInt());
        assertEquals(15, matrices.get(2).get("to_units").asInt(), "half of the 30 targets");
        List<String> r2 = Files.readAllLines(interp.resolve("adjusted_r2.tsv"));
        assertEquals(31, r2.size());
        assertTrue(r2.get(0).startsWith("gene\tpartition\tadjusted_r2_landmarks\tadjusted_r2_hidden"));
        for (String png : List.of("adjusted_r2_train.png", "r2_test.png")) {
            assertNotNull(ImageIO.read(interp.resolve(png).toFile()), png);
        }
    }

    @Test
    void countsMatchTheSavedWeights() throws Exception {
        JsonNode j = Json.MAPPER.readTree(interp.resolve("interpretation.json").toFile());
        ModelDescriptor d = Json.readFile(dir.resolve("dgex/model.json"), ModelDescriptor.class);
        try (DgexModel m = DgexModel.load(dir.resolve("dgex"), d)) {
            int i = 0;
            for (var net : m.networks()) {
                for (var l : net.linears()) {
                    var w = l.getParameters().get("weight").getArray();
                    MajorWeights mw = MajorWeights.count(w.toFloatArray(), (int) w.getShape().get(0), (int) w.getShape().get(1), 4, 5);
                    JsonNode c = j.get("major_weights").get("matrices").get(i++).get("counts");
                    assertEquals(mw.positive(0), c.get(0).get("positive").asLong());
                    assertEquals(mw.negative(1), c.get(1).get("negative").asLong());
                }
            }
        }
    }

    @Test
    void adjustedR2IsConsistentAndTheHiddenFitBeatsTheNetworkOnTrainingData() throws Exception {
        JsonNode a = Json.MAPPER.readTree(interp.resolve("interpretation.json").toFile()).get("adjusted_r2");
        int n = a.get("training_samples").asInt();
        int pLand = a.get("landmarks").get("predictors_used").asInt();
        List<String> rows = Files.readAllLines(interp.resolve("adjusted_r2.tsv"));
        int higher = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            double adjLand = Double.parseDouble(f[2]);
            double adjHid = Double.parseDouble(f[3]);
            double r2Land = Double.parseDouble(f[4]);
            double r2Hid = Double.parseDouble(f[5]);
            double r2Net = Double.parseDouble(f[6]);
            int pHid = a.get("hidden").get("predictors_used").get(Integer.parseInt(f[1])).asInt();
            assertEquals(1 - (1 - r2Land) * (n - 1) / (n - pLand - 1.0), adjLand, 2e-6);
            assertEquals(1 - (1 - r2Hid) * (n - 1) / (n - pHid - 1.0), adjHid, 2e-6);
            // the network's output is a linear read-out of the same hidden layer: OLS cannot do worse
            assertTrue(r2Hid >= r2Net - 1e-5, "gene " + f[0] + ": OLS on the hidden layer " + r2Hid + " < network " + r2Net);
            if (adjHid > adjLand) {
                higher++;
            }
        }
        assertEquals((double) higher / (rows.size() - 1), a.get("fraction_hidden_higher_adjusted_r2").asDouble(), 1e-12);
    }

    @Test
    void reportShowsTheInterpretationDeterministically() throws Exception {
        Path eval = dir.resolve("eval");
        ok(CliRunner.run("evaluate", "--test", norm.resolve("test.arrow").toString(), "--model", "lr=" + dir.resolve("lr"),
                "--model", "dgex=" + dir.resolve("dgex"), "--out-dir", eval.toString()));
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("b.html");
        for (Path out : List.of(a, b)) {
            ok(CliRunner.run("report", "--metrics", eval.resolve("metrics.json").toString(), "--interpretation", interp.toString(),
                    "--out", out.toString()));
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        String html = Files.readString(a);
        assertTrue(html.contains("<h2>Interpretation of D-GEX 2x24, 10% dropout</h2>"));
        assertTrue(html.contains("<h3>Major weights</h3>"));
        assertTrue(html.contains("hidden 2 -&gt; output (partition 2)"));
        assertTrue(html.contains("Adjusted R&sup2; of the last hidden layer vs the landmarks"));
        assertTrue(html.contains("Major-weight map of input -&gt; hidden 1"));
        assertTrue(!html.contains(dir.toString()), "no absolute paths");
        // without --interpretation there is no such section
        ok(CliRunner.run("report", "--metrics", eval.resolve("metrics.json").toString(), "--out", a.toString()));
        assertTrue(!Files.readString(a).contains("Interpretation of"));
    }

    @Test
    void badArgumentsAndInputsFailWithOneLine() {
        CliRunner.Result r = run("interpret-dgex", "--model", dir.resolve("dgex").toString(), "--train",
                norm.resolve("train.arrow").toString(), "--test", norm.resolve("test.arrow").toString(), "--sd-thresholds", "5,4",
                "--out-dir", dir.resolve("bad1").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--sd-thresholds"), r.err());
        r = run("interpret-dgex", "--model", dir.resolve("lr").toString(), "--train", norm.resolve("train.arrow").toString(),
                "--test", norm.resolve("test.arrow").toString(), "--out-dir", dir.resolve("bad2").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("not a D-GEX network"), r.err());
        r = run("interpret-dgex", "--model", dir.resolve("nope").toString(), "--train", norm.resolve("train.arrow").toString(),
                "--test", norm.resolve("test.arrow").toString(), "--out-dir", dir.resolve("bad3").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("file not found"), r.err());
    }
}
