package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.IdxWriter;
import io.gexflow.io.Sha256;
import io.gexflow.models.svqvae.SvqTestData;
import io.gexflow.testutil.RegressionSplits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of bad inputs: one row per case a user met (missing, empty, truncated, NaN/Inf, duplicate
 * ids, zero/one sample, a class without samples, out-of-range options, names given twice, files of
 * different runs). Each row says how its input is made, the verb line, the exit code
 * ({@link Main}'s: 2 bad option, 3 numerical, 4 bad input file) and a fragment of the one error line.
 * Every row also checks what the user sees around it: exactly one line on stderr, starting with the
 * verb's name, no stack trace; and nothing left in its output folder: no new file, no hidden
 * {@code .part} file or staging directory, and a model directory that was there before is
 * byte-identical after. Random corruption of the readers' inputs is {@code ReaderFuzzTest}'s.
 */
class BadInputCatalogueTest {
    private static final int L = 6;
    private static final int T = 9;
    private static final Path LINCS = Path.of("test-data/lincs");
    private static final Path CMAPPY = Path.of("src/test/resources/cmappy");
    private static final List<String> CLASSES = List.of("HDAC", "PKC", "MEK");

    @TempDir static Path root;
    static Path train;
    static Path valid;
    static Path test;
    static Path lr;
    static Path knn;
    static Path svqTrain;
    static Path svqModel;

    /** One case: the in folder for its inputs, the out folder its verb writes to. */
    record Dirs(Path in, Path out) {
        Path in(String name) {
            return in.resolve(name);
        }

        String out(String name) {
            return out.resolve(name).toString();
        }
    }

    record Case(String name, Function<Dirs, List<String>> line, int exit, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void fixtures() {
        Random r = new Random(5);
        train = root.resolve("train.arrow");
        valid = root.resolve("valid.arrow");
        test = root.resolve("test.arrow");
        RegressionSplits.write(train, r, 60, L, T);
        RegressionSplits.write(valid, r, 20, L, T);
        RegressionSplits.write(test, r, 20, L, T);
        lr = root.resolve("lr");
        knn = root.resolve("knn");
        ok(CliRunner.run("train-lr", "--train", train.toString(), "--out-dir", lr.toString()));
        ok(CliRunner.run("train-knn", "--train", train.toString(), "--valid", valid.toString(), "--ks", "1,2", "--out-dir",
                knn.toString()));
        int[] labels = new int[24];
        float[] x = SvqTestData.lincs(24, 16, 3, 1, labels);
        svqTrain = root.resolve("svq-train.arrow");
        SvqTestData.write(svqTrain, "lincs", CLASSES, SvqTestData.names("gene", 16), labels, x);
        svqModel = root.resolve("svqvae");
        ok(CliRunner.run("train-svqvae", "--train", svqTrain.toString(), "--model", "svqvae", "--epochs", "1",
                "--batch-size", "8", "--out-dir", svqModel.toString()));
    }

    static Stream<Case> catalogue() {
        return Stream.of(
                // convert
                new Case("convert --chunk-samples 0 (GCT)", d -> List.of("convert", "--input", gct(d, GCT_OK).toString(),
                        "--chunk-samples", "0", "--out", d.out("x.arrow")), 2, "--chunk-samples must be at least 1"),
                new Case("convert --chunk-samples 0 (GCTX)", d -> List.of("convert", "--input",
                        CMAPPY.resolve("test_l1000.gctx").toString(), "--chunk-samples", "0", "--out", d.out("x.arrow")), 2,
                        "--chunk-samples must be at least 1"),
                new Case("convert --chunk-samples -5", d -> List.of("convert", "--input", gct(d, GCT_OK).toString(),
                        "--chunk-samples", "-5", "--out", d.out("x.arrow")), 2, "--chunk-samples must be at least 1"),
                new Case("convert: duplicate sample ids", d -> List.of("convert", "--input",
                        gct(d, GCT_OK.replace("\tS2\n", "\tS1\n")).toString(), "--out", d.out("x.arrow")), 4, "S1"),
                new Case("convert: duplicate probe ids", d -> List.of("convert", "--input",
                        gct(d, GCT_OK.replace("p2\t", "p1\t")).toString(), "--out", d.out("x.arrow")), 4, "p1"),
                new Case("convert: missing input", d -> List.of("convert", "--input", d.in("none.gct").toString(), "--out",
                        d.out("x.arrow")), 4, "none.gct: no such file"),
                new Case("convert: empty file", d -> List.of("convert", "--input", gct(d, "").toString(), "--out",
                        d.out("x.arrow")), 4, "in.gct"),
                new Case("convert: GCT with fewer rows than its header says", d -> List.of("convert", "--input",
                        gct(d, GCT_OK.replace("#1.2\n3\t2", "#1.2\n4\t2")).toString(), "--out", d.out("x.arrow")), 4,
                        "in.gct"),
                new Case("convert: infinite value", d -> List.of("convert", "--input",
                        gct(d, GCT_OK.replace("\t2.5\n", "\tInf\n")).toString(), "--out", d.out("x.arrow")), 4, "in.gct"),
                new Case("convert: truncated GCTX", d -> List.of("convert", "--input", truncated(d,
                        CMAPPY.resolve("test_l1000.gctx"), 4096).toString(), "--out", d.out("x.arrow")), 4, "cut.gctx"),
                // split and normalize
                new Case("split of 0 samples", d -> List.of("split", "--input", split(d, 0).toString(), "--out",
                        d.out("s.tsv")), 4, "0 sample(s) cannot be split"),
                new Case("split of 1 sample", d -> List.of("split", "--input", split(d, 1).toString(), "--out",
                        d.out("s.tsv")), 4, "1 sample(s) cannot be split"),
                new Case("split --test-fraction NaN", d -> List.of("split", "--input", train.toString(), "--test-fraction",
                        "NaN", "--out", d.out("s.tsv")), 2, "test=NaN"),
                new Case("split with fractions summing over 1", d -> List.of("split", "--input", train.toString(),
                        "--valid-fraction", "0.6", "--test-fraction", "0.6", "--out", d.out("s.tsv")), 2, "fraction"),
                new Case("normalize of one training sample", d -> List.of("normalize", "--input", train.toString(),
                        "--split", text(d, "s.tsv", splitTsv(1)).toString(), "--out-dir", d.out("n")), 4,
                        "1 training sample(s)"),
                new Case("normalize: split names an unknown sample", d -> List.of("normalize", "--input", train.toString(),
                        "--split", text(d, "s.tsv", splitTsv(60) + "ghost\ttrain\n").toString(), "--out-dir", d.out("n")),
                        4, "e.g. 'ghost'"),
                new Case("normalize: split names a sample twice", d -> List.of("normalize", "--input", train.toString(),
                        "--split", text(d, "s.tsv", splitTsv(60) + "s3\ttest\n").toString(), "--out-dir", d.out("n")),
                        4, "id s3 appears twice"),
                // s7 is a test sample here: every sample's values are checked, not only the training ones
                new Case("normalize: NaN in a test sample", d -> List.of("normalize", "--input", bad(d, Float.NaN).toString(),
                        "--split", text(d, "s.tsv", splitTsv(5)).toString(), "--out-dir", d.out("n")), 4,
                        "sample s7, feature tg2 is not a finite number (NaN)"),
                new Case("normalize --no-quantile: infinite value", d -> List.of("normalize", "--no-quantile", "--input",
                        bad(d, Float.POSITIVE_INFINITY).toString(), "--split", text(d, "s.tsv", splitTsv(60)).toString(),
                        "--out-dir", d.out("n")), 4, "is not a finite number (Infinity)"),
                // training of the baselines and D-GEX
                new Case("train-lr: NaN in the training split", d -> List.of("train-lr", "--train", bad(d, Float.NaN)
                        .toString(), "--out-dir", d.out("m")), 4, "sample s7, feature tg2: value NaN"),
                new Case("train-lr: infinity in the training split", d -> List.of("train-lr", "--train",
                        bad(d, Float.POSITIVE_INFINITY).toString(), "--out-dir", d.out("m")), 4, "value Infinity"),
                new Case("train-knn: NaN in the training split", d -> List.of("train-knn", "--train", bad(d, Float.NaN)
                        .toString(), "--valid", valid.toString(), "--ks", "2", "--out-dir", d.out("m")), 4, "value NaN"),
                new Case("train-dgex: NaN in the training split", d -> List.of("train-dgex", "--train",
                        bad(d, Float.NaN).toString(), "--valid", valid.toString(), "--epochs", "1", "--out-dir",
                        d.out("m")), 4, "value NaN"),
                new Case("train-lr l2: no validation sample", d -> List.of("train-lr", "--train", train.toString(),
                        "--valid", split(d, 0).toString(), "--penalty", "l2", "--out-dir", d.out("m")), 4,
                        "has no samples"),
                new Case("train-dgex: no training sample", d -> List.of("train-dgex", "--train", split(d, 0).toString(),
                        "--valid", valid.toString(), "--out-dir", d.out("m")), 4, "has no samples"),
                new Case("train-dgex --epochs 0", d -> dgex(d, "--epochs", "0"), 2, "--epochs"),
                new Case("train-dgex --batch-size 0", d -> dgex(d, "--batch-size", "0"), 2, "--batch-size must be >= 1"),
                new Case("train-dgex --batch-size -10", d -> dgex(d, "--batch-size", "-10"), 2, "--batch-size must be >= 1"),
                new Case("train-dgex --learning-rate -1", d -> dgex(d, "--learning-rate", "-1"), 2, "--learning-rate must be finite and > 0"),
                new Case("train-dgex --learning-rate NaN", d -> dgex(d, "--learning-rate", "NaN"), 2, "--learning-rate must be finite and > 0"),
                new Case("train-dgex --learning-rate 1e12 diverges", d -> dgex(d, "--learning-rate", "1e12", "--epochs", "3"),
                        3, "non-finite value in epoch"),
                new Case("train-dgex re-run with --epochs 0 into a complete model directory", d -> {
                    Path m = d.out.resolve("m");
                    ok(CliRunner.run("train-dgex", "--train", train.toString(), "--valid", valid.toString(), "--epochs",
                            "1", "--hidden-units", "8", "--out-dir", m.toString()));
                    return dgex(d, "--epochs", "0");
                }, 2, "--epochs"),
                new Case("train-knn --ks 0", d -> List.of("train-knn", "--train", train.toString(), "--valid",
                        valid.toString(), "--ks", "0", "--out-dir", d.out("m")), 2, "every k must be between 1 and"),
                new Case("train-lr: validation genes differ from training", d -> List.of("train-lr", "--train",
                        train.toString(), "--valid", otherGenes(d).toString(), "--penalty", "l2", "--out-dir", d.out("m")),
                        4, "other.arrow"),
                // evaluate
                new Case("evaluate: NaN in the test split", d -> List.of("evaluate", "--test", bad(d, Float.NaN).toString(),
                        "--model", "lr=" + lr, "--out-dir", d.out("e")), 4, "value NaN"),
                new Case("evaluate: empty test split", d -> List.of("evaluate", "--test", split(d, 0).toString(),
                        "--model", "lr=" + lr, "--out-dir", d.out("e")), 4, "has no samples"),
                new Case("evaluate: the same --model name twice", d -> List.of("evaluate", "--test", test.toString(),
                        "--model", "lr=" + lr, "--model", "lr=" + knn, "--out-dir", d.out("e")), 2,
                        "--model name 'lr' is given twice"),
                new Case("evaluate: --baseline names no model", d -> List.of("evaluate", "--test", test.toString(),
                        "--model", "lr=" + lr, "--model", "knn=" + knn, "--baseline", "ridge", "--out-dir", d.out("e")), 2,
                        "--baseline 'ridge' is none of the --model names"),
                new Case("evaluate: a bad second model leaves nothing of the first", d -> List.of("evaluate", "--test",
                        test.toString(), "--model", "lr=" + lr, "--model", "knn=" + d.in("nothing"), "--out-dir",
                        d.out("e")), 4, "model.json: file not found"),
                new Case("evaluate: a model directory mixing two runs", d -> List.of("evaluate", "--test", test.toString(),
                        "--model", "lr=" + mixed(d), "--out-dir", d.out("e")), 4, "does not belong to this model directory"),
                new Case("evaluate: test genes differ from the model's", d -> List.of("evaluate", "--test",
                        otherGenes(d).toString(), "--model", "lr=" + lr, "--out-dir", d.out("e")), 4, "genes differ"),
                // S-VQ-VAE
                new Case("prepare-mnist: zero images", d -> mnist(d, 0, new byte[0]), 4, "img"),
                new Case("prepare-mnist: labels and images disagree", d -> mnist(d, 3, new byte[] {1, 2}), 4,
                        "has 2 labels but"),
                new Case("prepare-mnist: a digit with a single sample", d -> mnist(d, 5, new byte[] {1, 1, 1, 1, 2}), 4,
                        "digit 2 has 1 sample(s)"),
                new Case("prepare-lincs --test-fraction 0.999 leaves no training sample", d -> lincs(d, "0.999"), 4,
                        "cannot be split into 0 train"),
                new Case("prepare-lincs --test-fraction NaN", d -> lincs(d, "NaN"), 2, "--test-fraction"),
                new Case("train-svqvae: a class without training samples", d -> List.of("train-svqvae", "--train",
                        twoOfThree(d).toString(), "--model", "svqvae", "--epochs", "1", "--out-dir", d.out("m")), 4,
                        "these classes have no training sample: MEK"),
                new Case("train-svqvae --learning-rate NaN", d -> List.of("train-svqvae", "--train", svqTrain.toString(),
                        "--model", "svqvae", "--learning-rate", "NaN", "--out-dir", d.out("m")), 2, "learning rate"),
                new Case("train-svqvae --batch-size 0", d -> List.of("train-svqvae", "--train", svqTrain.toString(),
                        "--model", "svqvae", "--batch-size", "0", "--out-dir", d.out("m")), 2, "batch size"),
                new Case("evaluate-svqvae: no test sample", d -> List.of("evaluate-svqvae", "--train", svqTrain.toString(),
                        "--test", emptySvq(d).toString(), "--model", "s=" + svqModel, "--out-dir", d.out("e")), 4,
                        "has no samples"),
                new Case("evaluate-svqvae: the same --model name twice", d -> List.of("evaluate-svqvae", "--train",
                        svqTrain.toString(), "--test", svqTrain.toString(), "--model", "s=" + svqModel, "--model",
                        "s=" + svqModel, "--out-dir", d.out("e")), 2, "--model name 's' is given twice"),
                // the other verbs
                new Case("report: metrics file missing", d -> List.of("report", "--metrics", d.in("metrics.json").toString(),
                        "--out", d.out("r.html")), 4, "metrics.json: no such file"),
                new Case("report: metrics file is not JSON", d -> List.of("report", "--metrics",
                        text(d, "metrics.json", "{\"models\": [").toString(), "--out", d.out("r.html")), 4, "metrics.json"),
                new Case("download: an unsupported URL scheme", d -> List.of("download", "--url", "ftp://example.org/x",
                        "--out", d.out("x")), 2, "ftp://example.org/x"),
                new Case("an unknown option", d -> List.of("train-lr", "--train", train.toString(), "--bogus", "--out-dir",
                        d.out("m")), 2, "Unknown option: '--bogus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void refusedInOneLineLeavingNothing(Case c) throws IOException {
        String slug = c.name.replaceAll("[^A-Za-z0-9]+", "-");
        Dirs d = new Dirs(Files.createDirectories(root.resolve("in").resolve(slug)),
                Files.createDirectories(root.resolve("out").resolve(slug)));
        List<String> line = c.line.apply(d);
        Map<String, String> before = snapshot(d.out);
        CliRunner.Result r = CliRunner.run(line.toArray(String[]::new));
        String err = r.err().strip();
        assertEquals(c.exit, r.exit(), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("gexflow " + line.get(0) + ": "), err);
        assertTrue(err.contains(c.says), "says '" + c.says + "': " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace or exception name: " + err);
        assertEquals(before, snapshot(d.out), "nothing left behind in the output folder");
    }

    /** Every file under {@code dir}, hidden ones included, with its SHA-256. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> !p.equals(dir)).forEach(p -> files.put(dir.relativize(p).toString(),
                    Files.isRegularFile(p) ? Sha256.of(p) : "dir"));
        }
        return files;
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static final String GCT_OK = "#1.2\n3\t2\nName\tDescription\tS1\tS2\n"
            + "p1\tgene one\t1.5\t2.5\np2\tgene two\t3.0\t2.5\np3\tgene three\t0.5\t2.5\n";

    private static Path gct(Dirs d, String content) {
        return text(d, "in.gct", content);
    }

    private static Path text(Dirs d, String name, String content) {
        try {
            return Files.writeString(d.in(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path truncated(Dirs d, Path source, int bytes) {
        try {
            byte[] all = Files.readAllBytes(source);
            return Files.write(d.in("cut.gctx"), java.util.Arrays.copyOf(all, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path split(Dirs d, int samples) {
        Path p = d.in("in.arrow");
        RegressionSplits.write(p, new Random(3), samples, L, T);
        return p;
    }

    private static String splitTsv(int trainSamples) {
        StringBuilder sb = new StringBuilder("id\tsplit\n");
        for (int i = 0; i < 60; i++) {
            sb.append('s').append(i).append('\t').append(i < trainSamples ? "train" : i % 2 == 0 ? "valid" : "test")
                    .append('\n');
        }
        return sb.toString();
    }

    /** The training split with one value (sample s7, target tg2) replaced. */
    private static Path bad(Dirs d, float value) {
        Path p = d.in("bad.arrow");
        RegressionSplits.withValue(train, p, 7, L + 2, value);
        return p;
    }

    private static Path otherGenes(Dirs d) {
        Path p = d.in("other.arrow");
        RegressionSplits.write(p, new Random(3), 20, L + 1, T);
        return p;
    }

    private static List<String> dgex(Dirs d, String... options) {
        List<String> line = new ArrayList<>(List.of("train-dgex", "--train", train.toString(), "--valid",
                valid.toString(), "--hidden-units", "8", "--out-dir", d.out("m")));
        line.addAll(List.of(options));
        return line;
    }

    /** A copy of the lr model whose coefficients were swapped for those of a run on other data. */
    private static Path mixed(Dirs d) {
        Path m = d.in("lr-mixed");
        Path other = d.in("lr-other");
        ok(CliRunner.run("train-lr", "--train", valid.toString(), "--out-dir", other.toString()));
        try {
            Files.createDirectories(m);
            try (Stream<Path> files = Files.list(lr)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, m.resolve(f.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(other)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (!name.equals("model.json") && !name.equals("checksums.sha256")) {
                        Files.copy(f, m.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static List<String> mnist(Dirs d, int images, byte[] labels) {
        IdxWriter.writeImages(d.in("img"), 2, 2, new byte[4 * images], false);
        IdxWriter.writeLabels(d.in("lab"), labels, false);
        return List.of("prepare-mnist", "--images", d.in("img").toString(), "--labels", d.in("lab").toString(),
                "--split-fraction", "0.5", "--out-dir", d.out("p"));
    }

    private static List<String> lincs(Dirs d, String testFraction) {
        return List.of("prepare-lincs", "--gctx", LINCS.resolve("test_l1000.gctx").toString(), "--sig-info",
                LINCS.resolve("sig_info.txt").toString(), "--gene-info", LINCS.resolve("gene_info.txt").toString(),
                "--pcl-table", LINCS.resolve("pcl.tsv").toString(), "--cell-line", "A375", "--test-fraction", testFraction,
                "--out-dir", d.out("p"));
    }

    private static Path twoOfThree(Dirs d) {
        int[] labels = new int[12];
        float[] x = SvqTestData.lincs(12, 16, 2, 1, labels);
        Path p = d.in("two.arrow");
        SvqTestData.write(p, "lincs", CLASSES, SvqTestData.names("gene", 16), labels, x);
        return p;
    }

    private static Path emptySvq(Dirs d) {
        Path p = d.in("empty.arrow");
        SvqTestData.write(p, "lincs", CLASSES, SvqTestData.names("gene", 16), new int[0], new float[0]);
        return p;
    }
}
