package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatePerturbCommandTest {
    @TempDir
    Path dir;

    static String[] args(String kind, Path out, String seed) {
        return kind.equals("svae")
                ? new String[] {"simulate", "--kind", "svae", "--treatments", "4", "--cells-per-treatment", "25", "--genes", "45",
                        "--latent", "5", "--controls", "1", "--seed", seed, "--out-dir", out.toString()}
                : new String[] {"simulate", "--kind", "samsvae", "--treatments", "4", "--train-cells", "10", "--val-cells", "3",
                        "--test-cells", "4", "--genes", "45", "--latent", "5", "--controls", "1", "--seed", seed, "--out-dir",
                        out.toString()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"svae", "samsvae"})
    void theSameSeedWritesTheSameBytes(String kind) throws Exception {
        // the same command line twice (provenance records the arguments, the out-dir among them)
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        List<String> files = List.of("counts.arrow", "latents.arrow", "truth.json");
        assertEquals(0, CliRunner.run(args(kind, a, "11")).exit());
        Files.createDirectories(b);
        for (String f : files) {
            Files.move(a.resolve(f), b.resolve(f));
        }
        assertEquals(0, CliRunner.run(args(kind, a, "11")).exit());
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f)), f);
        }
        Path c = dir.resolve("c");
        assertEquals(0, CliRunner.run(args(kind, c, "12")).exit());
        assertFalse(java.util.Arrays.equals(PerturbationFile.read(a.resolve("counts.arrow")).data().counts().values(),
                PerturbationFile.read(c.resolve("counts.arrow")).data().counts().values()));

        PerturbationFile pf = PerturbationFile.read(a.resolve("counts.arrow"));
        int cells = kind.equals("svae") ? 100 : 5 * 17;
        assertEquals(cells, pf.data().cells().size());
        assertEquals(45, pf.data().genes().size());
        assertEquals(4, pf.data().treatments().size());
        assertTrue(pf.metadata().get("gexflow.provenance").contains("\"verb\":\"simulate\""));
        assertEquals(kind, pf.metadata().get("gexflow.simulation"));
        List<Object> labels = pf.obs().get("treatment");
        for (int i = 0; i < cells; i++) {
            assertEquals(pf.data().isControl(i), labels.get(i).equals("control"));
        }
        DenseMatrix z = ArrowMatrixReader.readAll(a.resolve("latents.arrow"));
        assertEquals(cells, z.ids().size());
        assertEquals(5, z.features().size());
        JsonNode truth = Json.MAPPER.readTree(a.resolve("truth.json").toFile());
        assertEquals(kind, truth.get("kind").asText());
        assertEquals(4, truth.get("masks").size());
        assertEquals(5, truth.get("masks").get(0).size());
        assertEquals(4, truth.get("shifts").size());
        assertEquals(11, truth.get("settings").get("seed").asInt());
    }

    /** test-data/perturb/README.md's commands still make the bundled sets (all but provenance's out-dir). */
    @ParameterizedTest
    @ValueSource(strings = {"svae", "svae_recovery", "samsvae"})
    void theBundledSetsAreWhatTheReadmeCommandsMake(String kind) throws Exception {
        Path out = dir.resolve(kind);
        String[] a = kind.equals("svae")
                ? new String[] {"simulate", "--kind", "svae", "--treatments", "4", "--cells-per-treatment", "30", "--genes", "50",
                        "--latent", "6", "--controls", "1", "--seed", "7", "--out-dir", out.toString()}
                : kind.equals("svae_recovery")
                ? new String[] {"simulate", "--kind", "svae", "--treatments", "10", "--cells-per-treatment", "50", "--genes",
                        "50", "--latent", "6", "--controls", "1", "--seed", "7", "--out-dir", out.toString()}
                : new String[] {"simulate", "--kind", "samsvae", "--treatments", "4", "--train-cells", "20", "--val-cells", "5",
                        "--test-cells", "5", "--genes", "50", "--latent", "15", "--controls", "1", "--seed", "7", "--out-dir",
                        out.toString()};
        assertEquals(0, CliRunner.run(a).exit());
        Path bundled = Path.of("test-data", "perturb", kind);
        PerturbationFile want = PerturbationFile.read(bundled.resolve("counts.arrow"));
        PerturbationFile got = PerturbationFile.read(out.resolve("counts.arrow"));
        assertEquals(want.data(), got.data());
        assertEquals(want.data().counts(), got.data().counts());
        assertEquals(want.data().dosage(), got.data().dosage());
        assertEquals(want.obs(), got.obs());
        JsonNode wt = Json.MAPPER.readTree(bundled.resolve("truth.json").toFile());
        JsonNode gt = Json.MAPPER.readTree(out.resolve("truth.json").toFile());
        assertEquals(wt.get("masks"), gt.get("masks"));
        assertEquals(wt.get("shifts"), gt.get("shifts"));
        assertEquals(wt.get("settings"), gt.get("settings"));
    }
}
