package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * interpret-dgex when the training split has no more samples than landmarks + 1 (the rehearsal on the
 * published maps: 160 samples, 943 landmarks): the landmark adjusted R^2 cannot be computed, so it is
 * skipped with the reason and the counts in interpretation.json and in the report, and the rest runs.
 */
class InterpretDgexFewSamplesTest {
    @TempDir Path dir;

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void landmarkR2NeedsMoreSamplesIsRecordedNotFatal() throws Exception {
        // 60 samples -> 48 training; 50 landmarks: n = 48 <= p + 1 = 51. Hidden layer of 8 units: computable.
        ok(CliRunner.run("simulate", "--out-dir", dir.toString(), "--samples", "60", "--landmarks", "50", "--targets", "12",
                "--seed", "3"));
        Path geo = dir.resolve("geo.arrow");
        ok(CliRunner.run("convert", "--input", dir.resolve("geo_sim.gctx").toString(), "--landmarks",
                dir.resolve("map_lm.txt").toString(), "--targets", dir.resolve("map_tg.txt").toString(), "--out", geo.toString()));
        ok(CliRunner.run("split", "--input", geo.toString(), "--seed", "3", "--out", dir.resolve("split.tsv").toString()));
        Path norm = dir.resolve("norm");
        ok(CliRunner.run("normalize", "--input", geo.toString(), "--split", dir.resolve("split.tsv").toString(),
                "--out-dir", norm.toString()));
        String train = norm.resolve("train.arrow").toString();
        String test = norm.resolve("test.arrow").toString();
        ok(CliRunner.run("train-lr", "--train", train, "--out-dir", dir.resolve("lr").toString()));
        Path model = dir.resolve("dgex");
        ok(CliRunner.run("train-dgex", "--train", train, "--valid", norm.resolve("valid.arrow").toString(), "--hidden-units", "8",
                "--epochs", "2", "--batch-size", "16", "--monitor-samples", "20", "--out-dir", model.toString()));
        Path interp = dir.resolve("interp");
        CliRunner.Result r = CliRunner.run("interpret-dgex", "--model", model.toString(), "--train", train, "--test", test,
                "--out-dir", interp.toString());
        ok(r);

        JsonNode a = Json.MAPPER.readTree(interp.resolve("interpretation.json").toFile()).get("adjusted_r2");
        int n = a.get("training_samples").asInt();
        assertEquals(48, n);
        JsonNode land = a.get("landmarks");
        assertFalse(land.get("computed").asBoolean());
        int p = land.get("predictors_used").asInt();
        assertTrue(p > n - 2, "the case under test: p = " + p + ", n = " + n);
        assertEquals(p + 2, land.get("samples_needed").asInt());
        String why = land.get("not_computed").asText();
        assertTrue(why.contains("needs more than p + 1 = " + (p + 1) + " training samples") && why.contains("there are " + n), why);
        assertTrue(land.get("adjusted_r2_mean").isNull() && land.get("test_r2_mean").isNull());
        JsonNode hid = a.get("hidden");
        assertTrue(hid.get("computed").asBoolean());
        assertTrue(hid.get("adjusted_r2_mean").isNumber(), "the hidden layer (8 units) is still fitted");
        assertTrue(a.get("train_png").isNull() && a.get("test_png").isNull());
        assertTrue(a.get("figures_not_drawn").asText().contains(why));
        assertTrue(a.get("fraction_hidden_higher_adjusted_r2").isNull());
        assertFalse(Files.exists(interp.resolve("adjusted_r2_train.png")));
        List<String> rows = Files.readAllLines(interp.resolve("adjusted_r2.tsv"));
        assertEquals(13, rows.size(), "every target gene keeps its row");
        assertEquals("NaN", rows.get(1).split("\t")[2], "landmark columns are NaN, not 0");

        Path eval = dir.resolve("eval");
        ok(CliRunner.run("evaluate", "--test", test, "--model", "lr=" + dir.resolve("lr"), "--model", "dgex=" + model,
                "--out-dir", eval.toString()));
        Path html = dir.resolve("r.html");
        ok(CliRunner.run("report", "--metrics", eval.resolve("metrics.json").toString(), "--interpretation", interp.toString(),
                "--out", html.toString()));
        String h = Files.readString(html);
        String shown = "Not computed: OLS on the 50 landmark genes (p = " + p + " predictors used) needs more than p + 1 = " + (p + 1)
                + " training samples for an adjusted R^2, and there are " + n + ".";
        assertTrue(h.contains("<td colspan=\"3\" class=\"na\">" + shown + "</td>"), "the table row says why");
        assertTrue(h.contains("Landmark genes: not computed: OLS on the 50 landmark genes"), "the note says why");
        assertTrue(h.contains("Figures of the per-gene R&sup2; not drawn"));
        assertFalse(h.contains("Adjusted R2 per gene: last hidden layer vs landmarks"), "no scatter without the landmark fit");
    }
}
