package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.eval.History;
import io.gexflow.io.Json;
import io.gexflow.models.FamilyRegistry;
import io.gexflow.models.svae.SvaeModel;
import io.gexflow.models.svae.SvaeVariant;
import io.gexflow.models.svae.TinySimulation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train-svae (directly and as train --family) with data handed in code; without a reader it refuses the file. */
class TrainSvaeCommandTest {
    @TempDir Path dir;

    private static int run(TinySimulation.Sim sim, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        TrainSvaeCommand verb = cl.getSubcommands().get("train-svae").getCommand();
        if (sim != null) {
            verb.reader = file -> sim.data();
        }
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void trainsWritesAndLoadsEachWay() throws Exception {
        TinySimulation.Sim sim = TinySimulation.of(2, 3, 3, 40, 20, 4.0);
        StringWriter err = new StringWriter();
        Files.writeString(dir.resolve("cells.arrow"), "stands for the data file (provenance checksums it)");
        String[] small = {"--latent-dim", "3", "--hidden-units", "16", "--epochs", "2", "--kl-warmup-epochs", "1",
            "--batch-size", "32", "--device", "cpu", "--seed", "3", "--data", dir.resolve("cells.arrow").toString()};
        String[] a = concat(new String[] {"train-svae", "--model", "svae+", "--out-dir", dir.resolve("a").toString()}, small);
        assertEquals(0, run(sim, err, a), err.toString());
        String[] b = concat(new String[] {"train", "--family", "vae", "--out-dir", dir.resolve("b").toString()}, small);
        assertEquals(0, run(sim, err, b), err.toString());
        JsonNode m = Json.MAPPER.readTree(dir.resolve("a/model.json").toFile());
        assertEquals("svae", m.get("family").asText());
        assertEquals("svae+", m.get("type").asText());
        assertEquals(10.0, m.get("settings").get("sparse_penalty").asDouble());
        assertEquals(3, m.get("settings").get("treatments").size());
        assertEquals("train-svae", m.get("provenance").get("verb").asText());
        assertTrue(Files.isRegularFile(dir.resolve("a").resolve(SvaeModel.PARAMS)));
        History h = History.read(dir.resolve("a").resolve(History.FILE), "train_loss", "train_recon", "train_kl",
                "train_sparsity", "valid_nelbo");
        assertEquals(2, h.epochs().size());
        try (SvaeModel svae = (SvaeModel) FamilyRegistry.load(dir.resolve("a"));
                SvaeModel vae = (SvaeModel) FamilyRegistry.load(dir.resolve("b"))) {
            assertEquals(SvaeVariant.SVAE_PLUS, svae.variant());
            assertEquals(SvaeVariant.VAE, vae.variant());
            assertEquals(3, svae.maskProbabilities().length);
            assertEquals(null, vae.maskProbabilities());
            assertEquals(sim.data().cells().size(), svae.latentMeans(sim.data()).length);
        }
    }

    /** The bundled sVAE simulation (test-data/perturb/svae) read from its counts file, one split of it. */
    @Test
    void readsTheTrainSplitOfACountsFile() throws Exception {
        java.nio.file.Path counts = java.nio.file.Path.of("test-data/perturb/svae/counts.arrow");
        StringWriter err = new StringWriter();
        int exit = run(null, err, "train-svae", "--data", counts.toString(), "--split", "train", "--model", "vae",
                "--epochs", "2", "--latent-dim", "3", "--hidden-units", "16", "--out-dir", dir.resolve("c").toString(),
                "--device", "cpu");
        assertEquals(0, exit, err.toString());
        int trainCells = io.gexflow.data.perturb.PerturbationFile.read(counts).rows("split", "train").length;
        com.fasterxml.jackson.databind.JsonNode m = io.gexflow.io.Json.MAPPER.readTree(dir.resolve("c/model.json").toFile());
        assertTrue(m.toString().contains(String.valueOf(trainCells)), "model.json names the training cells: " + m);
        StringWriter err2 = new StringWriter();
        assertEquals(4, run(null, err2, "train-svae", "--data", counts.toString(), "--split", "nosuch", "--out-dir",
                dir.resolve("e").toString(), "--device", "cpu"), err2.toString());
        assertTrue(!Files.exists(dir.resolve("e")));
    }

    @Test
    void contradictoryOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(null, err, "train-svae", "--model", "ivae", "--sparse-penalty", "1", "--data", "x", "--out-dir",
                dir.resolve("d").toString()), err.toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
