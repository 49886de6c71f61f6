package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --family NAME}: the family's evaluating verb with the other options, same files as that verb. */
class EvaluateFamilyTest {
    @TempDir Path dir;

    @Test
    void familyLrIsThisVerbAndWritesTheSameMetrics() throws Exception {
        Random r = new Random(5);
        Path train = dir.resolve("train.arrow");
        Path test = dir.resolve("test.arrow");
        TrainCommandTest.write(train, r, 60);
        TrainCommandTest.write(test, r, 20);
        CliRunner.Result t = CliRunner.run("train-lr", "--train", train.toString(), "--out-dir", dir.resolve("lr").toString());
        assertEquals(0, t.exit(), t.err());
        String model = "lr=" + dir.resolve("lr");
        CliRunner.Result a = CliRunner.run("evaluate", "--family", "lr", "--test", test.toString(), "--model", model,
                "--out-dir", dir.resolve("a").toString());
        assertEquals(0, a.exit(), a.err());
        CliRunner.Result b = CliRunner.run("evaluate", "--test", test.toString(), "--model", model,
                "--out-dir", dir.resolve("b").toString());
        assertEquals(0, b.exit(), b.err());
        ObjectNode ma = (ObjectNode) Json.MAPPER.readTree(dir.resolve("a/metrics.json").toFile());
        ObjectNode mb = (ObjectNode) Json.MAPPER.readTree(dir.resolve("b/metrics.json").toFile());
        ma.remove("provenance"); // its arguments name --family
        mb.remove("provenance");
        assertEquals(mb, ma);
        assertEquals(Files.readString(dir.resolve("b/per_gene_mae_lr.tsv")), Files.readString(dir.resolve("a/per_gene_mae_lr.tsv")));
    }

    @Test
    void familySvqvaeRunsEvaluateSvqvaeWithTheOtherOptions() {
        Path missing = dir.resolve("missing.arrow");
        // --train and --samples-per-class are evaluate-svqvae's: it runs, and finds the training split missing
        CliRunner.Result r = CliRunner.run("evaluate", "--family", "svqvae", "--train", missing.toString(), "--test",
                missing.toString(), "--model", "a=" + dir.resolve("m"), "--samples-per-class", "3", "--out-dir",
                dir.resolve("e").toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
        // without --family they are unknown to evaluate
        r = CliRunner.run("evaluate", "--train", missing.toString(), "--test", missing.toString(), "--model",
                "a=" + dir.resolve("m"), "--out-dir", dir.resolve("e").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("Unknown options: '--train', '" + missing + "'"), r.err());
    }

    @Test
    void anUnknownFamilyIsAUsageError() {
        CliRunner.Result r = CliRunner.run("evaluate", "--family", "nosuch", "--test", "t.arrow", "--model", "a=m",
                "--out-dir", dir.resolve("x").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--family: unknown family 'nosuch'"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
