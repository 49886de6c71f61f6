package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same verbs on the same inputs with the same seeds write the same bytes: the D-GEX chain (simulate,
 * convert, split, normalize, the baselines, D-GEX, evaluate, report) and the S-VQ-VAE data preparation run
 * twice in one folder, every file of the first run compared with the second's. Without
 * SOURCE_DATE_EPOCH (unset in the test JVM) provenance records no time, and no result file holds a
 * duration.
 */
class ReproducibleOutputsTest {
    @TempDir Path dir;

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exit(), r.err());
    }

    private void chain(Path work) {
        String w = work.toString();
        ok("simulate", "--out-dir", w, "--samples", "120", "--landmarks", "12", "--targets", "18", "--seed", "3");
        ok("convert", "--input", work.resolve("geo_sim.gctx").toString(), "--landmarks", work.resolve("map_lm.txt").toString(),
                "--targets", work.resolve("map_tg.txt").toString(), "--chunk-samples", "50", "--out",
                work.resolve("geo.arrow").toString());
        ok("split", "--input", work.resolve("geo.arrow").toString(), "--seed", "3", "--out", work.resolve("split.tsv").toString());
        ok("normalize", "--input", work.resolve("geo.arrow").toString(), "--split", work.resolve("split.tsv").toString(),
                "--out-dir", work.resolve("norm").toString());
        String train = work.resolve("norm/train.arrow").toString();
        String valid = work.resolve("norm/valid.arrow").toString();
        ok("train-lr", "--train", train, "--out-dir", work.resolve("lr").toString());
        ok("train-lr", "--train", train, "--valid", valid, "--penalty", "l2", "--out-dir", work.resolve("lr_l2").toString());
        ok("train-knn", "--train", train, "--valid", valid, "--ks", "1,3", "--out-dir", work.resolve("knn").toString());
        ok("train-dgex", "--train", train, "--valid", valid, "--hidden-units", "16", "--epochs", "3", "--batch-size", "20",
                "--monitor-samples", "40", "--seed", "5", "--out-dir", work.resolve("dgex").toString());
        ok("evaluate", "--test", work.resolve("norm/test.arrow").toString(), "--model", "lr=" + work.resolve("lr"),
                "--model", "lr_l2=" + work.resolve("lr_l2"), "--model", "knn=" + work.resolve("knn"), "--model",
                "dgex=" + work.resolve("dgex"), "--out-dir", work.resolve("eval").toString());
        ok("report", "--metrics", work.resolve("eval/metrics.json").toString(), "--out", work.resolve("report.html").toString());
        ok("prepare-lincs", "--gctx", "test-data/lincs/test_l1000.gctx", "--sig-info", "test-data/lincs/sig_info.txt",
                "--gene-info", "test-data/lincs/gene_info.txt", "--pcl-table", "test-data/lincs/pcl.tsv", "--cell-line",
                "A375", "--out-dir", work.resolve("lincs").toString());
    }

    @Test
    void runningTwiceWritesTheSameBytes() throws IOException {
        assertTrue(System.getenv("SOURCE_DATE_EPOCH") == null, "the test is about the default: no SOURCE_DATE_EPOCH");
        Path work = dir.resolve("work");
        chain(work);
        Map<String, String> first = hashes(work);
        Path kept = Files.move(work, dir.resolve("first"));
        chain(work);
        Map<String, String> second = hashes(work);
        assertTrue(first.size() > 25, "the chain wrote its files: " + first.keySet());
        assertEquals(first.keySet(), second.keySet());
        List<String> differ = first.keySet().stream().filter(f -> !first.get(f).equals(second.get(f))).toList();
        assertEquals(List.of(), differ, "files that differ between two runs (compare under " + kept + " and " + work + ")");
        String model = Files.readString(work.resolve("dgex/model.json"));
        assertFalse(model.contains("\"created\""), "no time without SOURCE_DATE_EPOCH");
        assertFalse(model.contains("seconds"), "no duration in a result file");
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Sha256.of(p));
            }
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static final List<String> NOT_COVERED = List.of(
            "train-svqvae: bit-identical only with one thread or MKL_CBWR set (see README)");
}
