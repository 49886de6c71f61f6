package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.RegressionData;
import io.gexflow.family.ModelFamily;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.models.FamilyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --family NAME}: dispatch through the registry to the family's verb, same files as the verb. */
class TrainCommandTest {
    @TempDir Path dir;

    static void write(Path file, Random r, int n) {
        List<String> landmarks = List.of("lm0", "lm1", "lm2", "lm3");
        List<String> features = new ArrayList<>(landmarks);
        features.addAll(List.of("tg0", "tg1", "tg2"));
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(file, features, List.<ObsColumn>of(),
                Map.of(RegressionData.LANDMARKS, Json.compact(landmarks)))) {
            float[] row = new float[7];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 4; j++) {
                    row[j] = (float) r.nextGaussian();
                }
                for (int t = 0; t < 3; t++) {
                    row[4 + t] = (float) (row[t] - 0.5 * row[t + 1] + 0.1 * r.nextGaussian());
                }
                w.write("s" + i, List.of(), row);
            }
        }
    }

    @Test
    void everyRegisteredFamilyHasATrainingVerb() {
        for (ModelFamily<?> f : FamilyRegistry.families()) {
            for (String name : f.types()) {
                String verb = TrainCommand.verbOf(name).get(0);
                assertTrue(Main.commandLine().getSubcommands().containsKey(verb), name + " -> " + verb);
            }
        }
    }

    @Test
    void trainFamilyDgexWritesWhatTrainDgexWrites() throws Exception {
        Random r = new Random(5);
        Path train = dir.resolve("train.arrow");
        Path valid = dir.resolve("valid.arrow");
        write(train, r, 80);
        write(valid, r, 20);
        String[] opts = {"--train", train.toString(), "--valid", valid.toString(), "--hidden-units", "8", "--epochs", "3",
            "--batch-size", "16", "--monitor-samples", "40", "--seed", "4"};
        List<String> a = new ArrayList<>(List.of("train", "--family", "dgex"));
        a.addAll(List.of(opts));
        a.addAll(List.of("--out-dir", dir.resolve("a").toString()));
        List<String> b = new ArrayList<>(List.of("train-dgex"));
        b.addAll(List.of(opts));
        b.addAll(List.of("--out-dir", dir.resolve("b").toString()));
        CliRunner.Result ra = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, ra.exit(), ra.err());
        CliRunner.Result rb = CliRunner.run(b.toArray(String[]::new));
        assertEquals(0, rb.exit(), rb.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("b/dgex.p0.params")), Files.readAllBytes(dir.resolve("a/dgex.p0.params")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("b/history.json")), Files.readAllBytes(dir.resolve("a/history.json")),
                "the history is byte-reproducible for a seed");
        JsonNode m = Json.MAPPER.readTree(dir.resolve("a/model.json").toFile());
        assertEquals("dgex", m.get("family").asText());
        assertEquals("dgex", m.get("type").asText());
        assertEquals(8, m.get("settings").get("hidden_units").asInt());
        // provenance records the same command line either way (the verb first), but for the output directory
        JsonNode mb = Json.MAPPER.readTree(dir.resolve("b/model.json").toFile());
        assertEquals(mb.at("/provenance/arguments").toString().replace(dir.resolve("b").toString(), "OUT"),
                m.at("/provenance/arguments").toString().replace(dir.resolve("a").toString(), "OUT"));
        assertEquals("train-dgex", m.at("/provenance/arguments/0").asText());

        CliRunner.Result lr = CliRunner.run("train", "--family", "lr", "--train", train.toString(), "--out-dir",
                dir.resolve("lr").toString());
        assertEquals(0, lr.exit(), lr.err());
        assertEquals("lr", Json.MAPPER.readTree(dir.resolve("lr/model.json").toFile()).get("family").asText());
    }

    @Test
    void anUnknownFamilyIsAUsageError() {
        CliRunner.Result r = CliRunner.run("train", "--family", "nosuch", "--out-dir", dir.resolve("x").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown family 'nosuch'") && r.err().contains("dgex, svqvae, lr, knn"), r.err());
        assertTrue(!Files.exists(dir.resolve("x")));
    }

    /** The device is a flag: cpu is recorded in model.json; gpu where the engine sees none is a usage error, no output. */
    @Test
    void deviceIsChosenByFlagAndGpuWithoutOneIsRefused() throws Exception {
        Random r = new Random(6);
        Path train = dir.resolve("train.arrow");
        Path valid = dir.resolve("valid.arrow");
        write(train, r, 40);
        write(valid, r, 10);
        String[] common = {"train-dgex", "--train", train.toString(), "--valid", valid.toString(), "--hidden-units", "4",
            "--epochs", "1", "--batch-size", "8", "--monitor-samples", "10"};
        List<String> cpu = new ArrayList<>(List.of(common));
        cpu.addAll(List.of("--device", "cpu", "--out-dir", dir.resolve("cpu").toString()));
        CliRunner.Result rc = CliRunner.run(cpu.toArray(String[]::new));
        assertEquals(0, rc.exit(), rc.err());
        assertEquals("cpu", Json.MAPPER.readTree(dir.resolve("cpu/model.json").toFile()).at("/summary/device").asText());
        if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
            List<String> gpu = new ArrayList<>(List.of(common));
            gpu.addAll(List.of("--device", "gpu", "--out-dir", dir.resolve("gpu").toString()));
            CliRunner.Result rg = CliRunner.run(gpu.toArray(String[]::new));
            assertEquals(Main.EXIT_USAGE, rg.exit(), rg.err());
            assertTrue(rg.err().contains("--device gpu: the PyTorch engine sees no GPU"), rg.err());
            assertTrue(Files.notExists(dir.resolve("gpu")), "no output directory for a refused run");
        }
        List<String> bad = new ArrayList<>(List.of(common));
        bad.addAll(List.of("--device", "tpu", "--out-dir", dir.resolve("bad").toString()));
        CliRunner.Result rb = CliRunner.run(bad.toArray(String[]::new));
        assertEquals(Main.EXIT_USAGE, rb.exit(), rb.err());
        assertTrue(rb.err().contains("--device must be auto, cpu or gpu, got 'tpu'"), rb.err());
    }
}
