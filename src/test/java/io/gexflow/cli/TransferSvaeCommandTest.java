package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * transfer-svae on the bundled sVAE simulation (int3: 23 cells, all in the test split, none in train), with fast
 * settings; its one-line errors; evaluate-perturb's held-out IWELBO column from its result.
 */
class TransferSvaeCommandTest {
    static final Path DATA = Path.of("test-data/perturb/svae");
    @TempDir static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("svae_plus");
        CliRunner.Result r = CliRunner.run("train-svae", "--data", DATA.resolve("counts.arrow").toString(), "--split", "train",
                "--model", "svae+", "--latent-dim", "6", "--hidden-units", "16", "--epochs", "2", "--kl-warmup-epochs", "1",
                "--batch-size", "32", "--device", "cpu", "--out-dir", model.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void scoresTheHeldOutInterventionAndFeedsEvaluatePerturb() throws Exception {
        Path out = dir.resolve("transfer");
        CliRunner.Result r = CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(),
                "--split", "test", "--samples", "20", "--epochs", "3", "--batch-size", "16", "--seed", "3", "--out-dir",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode t = Json.MAPPER.readTree(out.resolve("transfer.json").toFile());
        assertEquals("svae+", t.get("type").asText());
        assertEquals(1, t.get("interventions").size());
        JsonNode int3 = t.get("interventions").get(0);
        assertEquals("int3", int3.get("name").asText());
        assertEquals(23, int3.get("cells").asInt());
        double elbo = int3.get("elbo").asDouble();
        double iwelbo = int3.get("iwelbo").asDouble();
        assertTrue(elbo < 0 && iwelbo >= elbo - 1e-3, t.toString()); // IWELBO >= ELBO on the same draws
        assertEquals(iwelbo, t.get("mean_iwelbo").asDouble(), 1e-12); // one intervention: its mean is the mean
        assertTrue(t.has("first_loss") && t.has("last_loss"), t.toString());
        assertEquals("transfer-svae", t.get("provenance").get("verb").asText());

        // the same seed (--split test is the default), the same numbers
        Path again = dir.resolve("again");
        CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(), "--samples", "20", "--epochs",
                "3", "--batch-size", "16", "--seed", "3", "--out-dir", again.toString());
        JsonNode t2 = Json.MAPPER.readTree(again.resolve("transfer.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) t2).remove("provenance");
        JsonNode t1 = t.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) t1).remove("provenance");
        assertEquals(t1, t2);

        Path ev = dir.resolve("eval");
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "svae_plus=" + model, "--transfer",
                "svae_plus=" + out, "--iwelbo-particles", "2", "--ate-samples", "10", "--out-dir", ev.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode m = Json.MAPPER.readTree(ev.resolve("metrics.json").toFile()).get("models").get("svae_plus");
        assertEquals(iwelbo, m.get("transfer").get("iwelbo").asDouble(), 1e-12);
        assertEquals(23, m.get("transfer").get("cells").asInt());
        assertEquals(20, m.get("transfer").get("samples").asInt());

        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "svae_plus=" + model, "--transfer",
                "other=" + out, "--out-dir", dir.resolve("ev2").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--transfer other: no --model of that name"), r.err());
    }

    @Test
    void withIfNoneSkipNoHeldOutInterventionWritesWhyAndEvaluatePerturbShowsIt() throws Exception {
        // the val split's interventions (int0, int1) all have training cells: nothing is held out
        Path out = dir.resolve("skip");
        CliRunner.Result r = CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(), "--split",
                "val", "--if-none", "skip", "--samples", "5", "--epochs", "1", "--out-dir", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode t = Json.MAPPER.readTree(out.resolve("transfer.json").toFile());
        assertEquals("svae+", t.get("type").asText());
        assertEquals("val", t.get("split").asText());
        assertEquals(0, t.get("interventions").size());
        assertFalse(t.has("mean_iwelbo") || t.has("mean_elbo"), "no number where nothing was scored: " + t);
        assertEquals("no held-out intervention of split 'val' has more than 10 cells and none in split 'train'",
                t.get("none").asText());
        assertEquals("transfer-svae", t.get("provenance").get("verb").asText());

        // a split the data lack is the same: nothing to transfer
        Path absent = dir.resolve("skip-absent");
        r = CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(), "--split", "heldout",
                "--if-none", "skip", "--out-dir", absent.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("the data has no cells in split 'heldout' (splits: train, val, test)",
                Json.MAPPER.readTree(absent.resolve("transfer.json").toFile()).get("none").asText());

        Path ev = dir.resolve("eval-skip");
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "svae_plus=" + model, "--transfer",
                "svae_plus=" + out, "--iwelbo-particles", "2", "--ate-samples", "10", "--out-dir", ev.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode metrics = Json.MAPPER.readTree(ev.resolve("metrics.json").toFile());
        JsonNode m = metrics.get("models").get("svae_plus").get("transfer");
        assertFalse(m.has("iwelbo") || m.has("elbo"), m.toString());
        assertEquals(0, m.get("interventions").asInt());
        assertTrue(m.get("none").asText().startsWith("no held-out intervention"), m.toString());
        assertFalse(metrics.get("summary").get("svae_plus").get("values").has("transfer_iwelbo"), metrics.toString());
        String html = io.gexflow.report.PerturbReport.render(ev.resolve("metrics.json"));
        assertEquals(2, html.lines().filter(l -> l.contains("<td>none held out</td>")).count(),
                "the model's row and the run's row say so, not a number");

        // a transfer.json with neither the bounds nor why: one line, bad input
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(out.resolve("transfer.json")).replaceAll("\"none\"\\s*:\\s*\"[^\"]*\",?", ""));
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "svae_plus=" + model, "--transfer",
                "svae_plus=" + broken, "--iwelbo-particles", "2", "--ate-samples", "10", "--out-dir", dir.resolve("ev3").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("broken.json: has no mean_elbo / mean_iwelbo and no 'none' saying why"), r.err());
    }

    @Test
    void anUnknownSplitOrNoHeldOutInterventionIsAOneLineBadInput() {
        Path out = dir.resolve("bad");
        CliRunner.Result r = CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(), "--split",
                "nosuch", "--samples", "5", "--epochs", "1", "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("counts.arrow: has no cells in split 'nosuch' (splits: train, val, test)"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("nosuch")).count(), r.err());
        // the val split's interventions (int0, int1) all have training cells: nothing is held out
        r = CliRunner.run("transfer-svae", "--model", model.toString(), "--data", DATA.toString(), "--split", "val",
                "--samples", "5", "--epochs", "1", "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("no held-out intervention of split 'val' has more than 10 cells and none in split 'train'"),
                r.err());
        // a model of another family
        r = CliRunner.run("transfer-svae", "--model", DATA.toString(), "--data", DATA.toString(), "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertFalse(Files.exists(out));
    }
}
