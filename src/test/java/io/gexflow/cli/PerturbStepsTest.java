package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perturbation track's verbs on the bundled sVAE simulation (counts; int3 held out as the test split):
 * train-samsvae (also as train --family) and evaluate-perturb. The bundled SAMS-VAE simulation holds real values
 * (f(z) plus Gaussian noise), which the negative binomial likelihood refuses.
 */
class PerturbStepsTest {
    static final Path DATA = Path.of("test-data/perturb/svae");
    @TempDir Path dir;

    static String[] small(String... head) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of("--train", DATA.resolve("counts.arrow").toString(), "--latent", "6", "--width", "16",
                "--epochs", "2", "--batch-size", "64", "--particles", "2", "--learning-rate", "1e-3", "--mask-prior", "0.1",
                "--device", "cpu"));
        return a.toArray(String[]::new);
    }

    static String[] with(String[] a, String... more) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    @Test
    void trainsBothWaysThenEvaluatesEveryModelAndTheAdditiveBaseline() throws Exception {
        Path sams = dir.resolve("sams");
        Path cpa = dir.resolve("cpa");
        CliRunner.Result r = CliRunner.run(with(small("train", "--family", "samsvae"), "--out-dir", sams.toString()));
        assertEquals(0, r.exit(), r.err());
        r = CliRunner.run(with(small("train-samsvae", "--type", "cpavae"), "--out-dir", cpa.toString()));
        assertEquals(0, r.exit(), r.err());
        JsonNode model = Json.MAPPER.readTree(sams.resolve("model.json").toFile());
        assertEquals("samsvae", model.get("family").asText());
        assertEquals("samsvae", model.get("type").asText());
        assertEquals(6, model.get("settings").get("latent").asInt());
        // test-data/perturb/svae: 91 training and 6 validation cells (int3's 23 cells are the test split)
        assertEquals(91, model.get("summary").get("train_cells").asInt());
        assertEquals(6, model.get("summary").get("valid_cells").asInt());
        assertEquals("train-samsvae", model.get("provenance").get("verb").asText());
        assertTrue(Files.isRegularFile(sams.resolve("samsvae.params")));
        assertTrue(Files.isRegularFile(sams.resolve("history.json")));
        assertEquals("cpavae", Json.MAPPER.readTree(cpa.resolve("model.json").toFile()).get("type").asText());

        Path ev = dir.resolve("eval");
        r = CliRunner.run("evaluate", "--family", "samsvae", "--test", DATA.toString(), "--model", "sams=" + sams,
                "--model", "cpa=" + cpa, "--iwelbo-particles", "4", "--ate-samples", "50", "--ate-global-draws", "5",
                "--out-dir", ev.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode m = Json.MAPPER.readTree(ev.resolve("metrics.json").toFile());
        assertEquals("perturb", m.get("track").asText());
        assertEquals("svae", m.get("simulation").asText());
        assertEquals(23, m.get("n_test_cells").asInt());
        assertEquals(91, m.get("n_train_cells").asInt());
        assertEquals(List.of("int3"), iterate(m.get("test_conditions").elements()).stream().map(JsonNode::asText).toList());
        assertEquals(4, m.get("settings").get("iwelbo_particles").asInt());
        assertEquals(List.of("additive", "cpa", "sams"), iterate(m.get("models").fieldNames())); // keys sorted, as Json writes maps
        for (String name : List.of("sams", "cpa")) {
            JsonNode x = m.get("models").get(name);
            assertTrue(Double.isFinite(x.get("iwelbo").asDouble()) && x.get("iwelbo").asDouble() < 0, x.toString());
            assertTrue(Math.abs(x.get("ate").get("all").get("pearson").asDouble()) <= 1, x.toString());
            assertEquals(4, x.get("ate").get("all").get("conditions").asInt());
            assertEquals(1, x.get("ate").get("test").get("conditions").asInt());
            // int3 has test cells only; int0-int2 have training cells, and int0 (2) and int1 (1) the 3 treated val cells
            assertEquals(3, x.get("ate").get("train").get("conditions").asInt());
            assertEquals(2, x.get("ate").get("val").get("conditions").asInt());
            assertEquals(List.of("all", "test", "train", "val"), iterate(x.get("ate").fieldNames()));
            JsonNode rec = x.get("recovery");
            assertTrue(rec.get("mcc_pearson").asDouble() >= 0 && rec.get("mcc_pearson").asDouble() <= 1, rec.toString());
            assertTrue(rec.has("target_f1"), rec.toString());
        }
        // the oracle threshold on |mean effect|: only for the model without masks (TargetGraphOracleTest checks its values)
        JsonNode cpaRec = m.get("models").get("cpa").get("recovery");
        JsonNode samsRec = m.get("models").get("sams").get("recovery");
        assertFalse(samsRec.has("target_f1_oracle"), samsRec.toString());
        double oracle = cpaRec.get("target_f1_oracle").asDouble();
        assertTrue(oracle > 0 && oracle <= 1, cpaRec.toString());
        assertTrue(cpaRec.get("target_oracle_threshold").asDouble() > 0, cpaRec.toString());
        assertTrue(m.get("summary").get("cpa").get("values").has("target_f1_oracle"), m.get("summary").toString());
        JsonNode add = m.get("models").get("additive");
        assertEquals("baseline", add.get("kind").asText());
        assertFalse(add.has("iwelbo"));
        assertFalse(add.has("recovery"));
        // the additive shifts, fitted on the training cells, agree with the data ATEs of the seen treatments;
        // int3 was never seen: its predicted ATE is 0, a constant (r undefined, R^2 <= 0)
        assertTrue(add.get("ate").get("all").get("pearson").asDouble() > 0.5, add.toString());
        assertTrue(add.get("ate").get("test").get("r2").asDouble() <= 0, add.toString());
        assertEquals(List.of("figures.json", "metrics.json"), list(ev));
        JsonNode fig = Json.MAPPER.readTree(ev.resolve("figures.json").toFile());
        assertEquals("all", fig.get("ate_genes").asText()); // 4 conditions x 50 genes
        assertEquals(200, fig.get("runs").get("sams").get("ate_data").size());
        assertEquals(200, fig.get("runs").get("additive").get("ate_model").size());
        assertTrue(fig.get("runs").get("sams").has("history"), "learning curve data");
        // SAMS-VAE has masks: its matched probabilities beside the 4 x 6 true graph; CPA-VAE has none
        assertEquals(4, fig.get("runs").get("sams").get("graph").get("truth").size());
        assertFalse(fig.get("runs").get("cpa").has("graph"));
    }

    @Test
    void badOptionsAreUsageErrorsThatWriteNothing() {
        CliRunner.Result r = CliRunner.run(with(small("train-samsvae", "--type", "nosuch"), "--out-dir", dir.resolve("a").toString()));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("type is samsvae, cpavae or cvae"), r.err());
        r = CliRunner.run(with(small("train-samsvae", "--type", "cpavae", "--guide", "correlated"), "--out-dir",
                dir.resolve("a").toString()));
        assertEquals(2, r.exit(), r.err());
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "additive=" + dir, "--out-dir",
                dir.resolve("a").toString());
        assertEquals(2, r.exit(), r.err());
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--iwelbo-particles", "0", "--out-dir",
                dir.resolve("a").toString());
        assertEquals(2, r.exit(), r.err());
        assertFalse(Files.exists(dir.resolve("a")));
    }

    /** The SAMS-VAE simulation's real values are no counts: a bad input (exit 4), nothing written. */
    @Test
    void valuesThatAreNoCountsAreABadInput() {
        CliRunner.Result r = CliRunner.run("train-samsvae", "--train", "test-data/perturb/samsvae/counts.arrow", "--epochs", "1",
                "--latent", "2", "--width", "4", "--out-dir", dir.resolve("a").toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("needs counts"), r.err());
        assertFalse(Files.exists(dir.resolve("a")));
    }

    /**
     * An sVAE-family model (issue 12) beside the SAMS-VAE ones: the generic TRAIN's `train --family svae+ --train FILE`,
     * then evaluate-perturb scores its latent and target recovery on the simulation and the ATEs of its generative
     * model (no IWELBO: its held-out interventions need the transfer protocol, transfer-svae).
     */
    @Test
    void anSvaeModelIsScoredOnRecoveryAndAte() throws Exception {
        Path svae = dir.resolve("svae_plus");
        CliRunner.Result r = CliRunner.run("train", "--family", "svae+", "--train", DATA.resolve("counts.arrow").toString(),
                "--split", "train", "--latent-dim", "6", "--hidden-units", "16", "--epochs", "2", "--kl-warmup-epochs", "1",
                "--batch-size", "32", "--device", "cpu", "--out-dir", svae.toString());
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("eval");
        r = CliRunner.run("evaluate-perturb", "--data", DATA.toString(), "--model", "svae_plus=" + svae, "--iwelbo-particles",
                "2", "--ate-samples", "10", "--out-dir", out.toString());
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode m = io.gexflow.io.Json.MAPPER.readTree(out.resolve("metrics.json").toFile())
                .path("models").path("svae_plus");
        assertEquals("svae", m.path("kind").asText());
        assertEquals("svae+", m.path("type").asText());
        assertTrue(m.path("iwelbo").isMissingNode(), m.toString());
        assertEquals(4, m.path("ate").path("all").path("conditions").asInt(), m.toString());
        assertEquals(3, m.path("ate").path("train").path("conditions").asInt(), m.toString());
        assertTrue(Math.abs(m.path("ate").path("train").path("pearson").asDouble(9)) <= 1, m.toString());
        double mcc = m.path("recovery").path("mcc_pearson").asDouble(-1);
        double f1 = m.path("recovery").path("target_f1").asDouble(-1);
        assertTrue(mcc > 0 && mcc <= 1 && f1 >= 0 && f1 <= 1, m.toString());
    }

    /**
     * Two seeds of one model (runs NAME_seedN) give its mean and sd over seeds in metrics.json's summary; the train
     * verbs' --timing files go to a separate timing.json, so metrics.json does not depend on them.
     */
    @Test
    void seedsOfOneModelAreSummarisedAndTimingStaysOutOfMetrics() throws Exception {
        List<String> eval = new ArrayList<>(List.of("evaluate-perturb", "--data", DATA.toString(), "--iwelbo-particles", "2",
                "--ate-samples", "10", "--ate-global-draws", "2"));
        for (int s = 1; s <= 2; s++) {
            Path m = dir.resolve("cpa_seed" + s);
            Path t = dir.resolve("cpa_seed" + s + ".timing.json");
            CliRunner.Result r = CliRunner.run(with(small("train-samsvae", "--type", "cpavae"), "--seed", String.valueOf(s),
                    "--timing", t.toString(), "--out-dir", m.toString()));
            assertEquals(0, r.exit(), r.err());
            assertTrue(Json.MAPPER.readTree(t.toFile()).get("training_seconds").asDouble() > 0);
            assertFalse(Files.exists(m.resolve(t.getFileName())), "timing stays outside the model directory");
            eval.addAll(List.of("--model", "cpa_seed" + s + "=" + m, "--timing", "cpa_seed" + s + "=" + t));
        }
        Path ev = dir.resolve("eval");
        List<String> withTiming = new ArrayList<>(eval);
        withTiming.addAll(List.of("--out-dir", ev.toString()));
        CliRunner.Result r = CliRunner.run(withTiming.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        JsonNode m = Json.MAPPER.readTree(ev.resolve("metrics.json").toFile());
        JsonNode cpa = m.get("summary").get("cpa");
        assertEquals(List.of(1L, 2L), iterate(cpa.get("seeds").elements()).stream().map(JsonNode::asLong).toList());
        double a = m.get("models").get("cpa_seed1").get("iwelbo").asDouble();
        double b = m.get("models").get("cpa_seed2").get("iwelbo").asDouble();
        assertEquals((a + b) / 2, cpa.get("values").get("iwelbo").get("mean").asDouble(), 1e-9);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), cpa.get("values").get("iwelbo").get("sd").asDouble(), 1e-9);
        assertEquals(1, m.get("summary").get("additive").get("values").get("ate_r_all").get("n").asInt());
        JsonNode t = Json.MAPPER.readTree(ev.resolve("timing.json").toFile());
        assertEquals(2, t.get("summary").get("cpa").get("n").asInt());
        assertEquals(2, t.get("runs").size());

        // without the timing files: the same metrics.json (no wall-clock number in it), and no timing.json
        List<String> noTiming = new ArrayList<>();
        for (int i = 0; i < eval.size(); i++) {
            if (eval.get(i).equals("--timing")) {
                i++;
            } else {
                noTiming.add(eval.get(i));
            }
        }
        Path ev2 = dir.resolve("eval2");
        noTiming.addAll(List.of("--out-dir", ev2.toString()));
        r = CliRunner.run(noTiming.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(ev2.resolve("timing.json")));
        JsonNode m2 = Json.MAPPER.readTree(ev2.resolve("metrics.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("provenance");
        ((com.fasterxml.jackson.databind.node.ObjectNode) m2).remove("provenance");
        assertEquals(m, m2);
    }

    /** A directory without model.json is a bad input (exit 4), and nothing is written. */
    @Test
    void aModelThatIsNoSamsVaeIsABadInput() throws Exception {
        Path notModel = Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result r = CliRunner.run("evaluate-perturb", "--data", DATA.resolve("counts.arrow").toString(), "--model",
                "x=" + notModel, "--out-dir", dir.resolve("a").toString());
        assertEquals(4, r.exit(), r.err());
        assertFalse(Files.exists(dir.resolve("a")));
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static List<String> list(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
