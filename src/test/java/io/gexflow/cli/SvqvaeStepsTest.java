package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.models.svqvae.SvqTestData;
import io.gexflow.report.SvqvaeReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-svqvae -> evaluate-svqvae -> report-svqvae on small files in the data-preparation contract. */
class SvqvaeStepsTest {
    @TempDir Path dir;

    /** Runs a verb in-process; registers the S-VQ-VAE verbs when Main does not (yet) list them. */
    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static final List<String> CLASSES = List.of("EGFR <b>&amp; inhibitor", "Raf", "PKC");

    private void lincsFiles() {
        int[] trainLabels = new int[60];
        float[] train = SvqTestData.lincs(60, 16, 3, 1, trainLabels);
        SvqTestData.write(dir.resolve("train.arrow"), "lincs", CLASSES, SvqTestData.names("gene", 16), trainLabels, train);
        int[] testLabels = new int[15];
        float[] test = SvqTestData.lincs(15, 16, 3, 2, testLabels);
        SvqTestData.write(dir.resolve("test.arrow"), "lincs", CLASSES, SvqTestData.names("gene", 16), testLabels, test);
    }

    @Test
    void lincsTrainEvaluateReport() throws Exception {
        lincsFiles();
        String train = dir.resolve("train.arrow").toString();
        ok(run("train-svqvae", "--train", train, "--model", "svqvae", "--epochs", "10", "--batch-size", "16",
                "--learning-rate", "1e-3", "--seed", "3", "--out-dir", dir.resolve("svq").toString()));
        ok(run("train-svqvae", "--train", train, "--model", "vqvae", "--codes", "5", "--epochs", "2", "--batch-size", "16",
                "--learning-rate", "1e-3", "--seed", "3", "--out-dir", dir.resolve("vq").toString()));
        JsonNode model = Json.MAPPER.readTree(dir.resolve("svq/model.json").toFile());
        assertEquals("svqvae", model.get("type").asText());
        assertEquals("lincs", model.get("settings").get("dataset").asText());
        assertEquals(1000, model.get("settings").get("latent_dim").asInt());
        assertEquals(10, Json.MAPPER.readTree(dir.resolve("svq/history.json").toFile()).get("epochs").size());
        assertTrue(Files.isRegularFile(dir.resolve("svq/svqvae.params")));

        Path eval = dir.resolve("eval");
        ok(run("evaluate-svqvae", "--train", train, "--test", dir.resolve("test.arrow").toString(), "--model",
                "svq=" + dir.resolve("svq"), "--model", "vq=" + dir.resolve("vq"), "--samples-per-class", "3",
                "--out-dir", eval.toString()));
        JsonNode m = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile());
        assertEquals("svqvae", m.get("track").asText());
        assertEquals(60, m.get("n_train").asInt());
        JsonNode svq = m.get("models").get("svq");
        for (String k : List.of("train", "train_label_code", "train_nearest_code", "test_label_code", "test_nearest_code",
                "train_last_epoch")) {
            assertTrue(svq.get("mse").get(k).isNumber(), "mse." + k);
        }
        for (String k : List.of("train_label_assignment", "train_nearest_code", "test_label_assignment", "test_nearest_code")) {
            assertTrue(svq.get("perplexity").get(k).isNumber(), "perplexity." + k);
        }
        assertEquals(3.0, svq.get("perplexity").get("train_label_assignment").asDouble(), 1e-6, "balanced classes");
        assertTrue(svq.get("accuracy").get("test_nearest_code").asDouble() > 0.6,
                "well separated classes are found by the nearest code: " + svq.get("accuracy"));
        JsonNode vq = m.get("models").get("vq");
        assertFalse(vq.get("mse").has("test_label_code"), "VQ-VAE codes have no labels");
        assertFalse(vq.get("accuracy").has("test_nearest_code"));
        assertEquals(5, vq.get("codes").asInt());
        // analysis files
        DenseMatrix decoded = ArrowMatrixReader.readAll(eval.resolve("decoded_codes_svq.arrow"));
        assertEquals(CLASSES, decoded.ids());
        assertEquals(16, decoded.cols());
        for (float v : decoded.x()) {
            assertTrue(Math.abs(v) <= 10f);
        }
        DenseMatrix gen = ArrowMatrixReader.readAll(eval.resolve("generated_svq.arrow"));
        assertEquals(9, gen.rows());
        List<String> freq = Files.readAllLines(eval.resolve("code_frequency_svq.tsv"));
        assertEquals("split\tclass\trows\tEGFR <b>&amp; inhibitor\tRaf\tPKC", freq.get(0));
        assertEquals(7, freq.size(), "header + 3 train + 3 test rows");
        List<String> dist = Files.readAllLines(eval.resolve("code_distances_svq.tsv"));
        assertEquals(4, dist.size());
        assertTrue(dist.get(1).split("\t")[1].equals("0.000000"), "zero diagonal");
        assertEquals(4, Files.readAllLines(eval.resolve("code_graph_svq.tsv")).size());
        assertEquals(3, svq.get("closest_pairs").size());
        assertTrue(svq.get("graph").get("modularity").isNumber());

        Path html = dir.resolve("svqvae.html");
        ok(run("report-svqvae", "--metrics", eval.resolve("metrics.json").toString(), "--out", html.toString()));
        String text = Files.readString(html);
        assertTrue(text.contains("EGFR &lt;b&gt;&amp;amp; inhibitor"), "class names are escaped");
        assertFalse(text.contains("<b>&amp; inhibitor"), "no raw class name");
        assertTrue(text.contains("36.027"), "paper Table 1 (LINCS S-VQ-VAE perplexity)");
        assertTrue(text.contains("0.742"), "paper modularity");
        assertTrue(text.contains("data:image/png;base64,"));
        assertFalse(text.contains("src=\"http"), "self-contained");
        assertArrayEquals(Files.readAllBytes(html), SvqvaeReport.render(eval.resolve("metrics.json")).getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "same inputs, same bytes");
    }

    @Test
    void mnistTrainEvaluateReport() throws Exception {
        int[] labels = new int[40];
        float[] x = SvqTestData.images(40, 2, 5, labels);
        List<String> classes = List.of("0", "1");
        SvqTestData.write(dir.resolve("train.arrow"), "mnist", classes, SvqTestData.names("px", 784), labels, x);
        SvqTestData.write(dir.resolve("test.arrow"), "mnist", classes, SvqTestData.names("px", 784), labels, x);
        String train = dir.resolve("train.arrow").toString();
        ok(run("train-svqvae", "--train", train, "--model", "svqvae", "--epochs", "1", "--batch-size", "20", "--seed", "1",
                "--out-dir", dir.resolve("svq").toString()));
        JsonNode model = Json.MAPPER.readTree(dir.resolve("svq/model.json").toFile());
        assertEquals(3200, model.get("settings").get("latent_dim").asInt());
        assertEquals(0.001, model.get("settings").get("learning_rate").asDouble(), "the paper's MNIST rate by default");
        Path eval = dir.resolve("eval");
        ok(run("evaluate-svqvae", "--train", train, "--test", dir.resolve("test.arrow").toString(), "--model",
                "s=" + dir.resolve("svq"), "--samples-per-class", "2", "--out-dir", eval.toString()));
        JsonNode m = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile());
        assertEquals(List.of(28, 28), List.of(m.get("image_shape").get(0).asInt(), m.get("image_shape").get(1).asInt()));
        DenseMatrix decoded = ArrowMatrixReader.readAll(eval.resolve("decoded_codes_s.arrow"));
        assertEquals(784, decoded.cols());
        assertEquals("[28,28]", decoded.metadata().get("gexflow.image_shape"));
        Path html = dir.resolve("r.html");
        ok(run("report-svqvae", "--metrics", eval.resolve("metrics.json").toString(), "--out", html.toString()));
        String text = Files.readString(html);
        assertTrue(text.contains("9.811") && text.contains("0.826"), "paper MNIST numbers and the reference accuracy");
        assertTrue(text.contains("decoded codes of s"));
    }

    @Test
    void badArgumentsAndInputsFailInOneLine() throws Exception {
        lincsFiles();
        String train = dir.resolve("train.arrow").toString();
        CliRunner.Result r = run("train-svqvae", "--train", train, "--model", "svqvae", "--codes", "4", "--out-dir",
                dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--codes is for vqvae"), r.err());
        r = run("train-svqvae", "--train", train, "--model", "vae", "--out-dir", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        r = run("train-svqvae", "--train", dir.resolve("missing.arrow").toString(), "--model", "vqvae", "--out-dir",
                dir.resolve("x").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("missing.arrow: file not found"), r.err());
        r = run("evaluate-svqvae", "--train", train, "--test", train, "--model", "a=" + dir.resolve("nomodel"), "--out-dir",
                dir.resolve("e").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("model.json: file not found"), r.err());
        r = run("report-svqvae", "--metrics", train, "--out", dir.resolve("r.html").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
    }

    /** S-VQ-VAE trains a code per class: a class without a training sample is refused by name; an empty file too. */
    @Test
    void classesWithoutTrainingSamplesAndEmptyFilesAreRefused() {
        int[] labels = new int[12];
        float[] x = SvqTestData.lincs(12, 16, 2, 1, labels); // classes 0 and 1 only
        Path f = dir.resolve("two-of-three.arrow");
        SvqTestData.write(f, "lincs", CLASSES, SvqTestData.names("gene", 16), labels, x);
        CliRunner.Result r = run("train-svqvae", "--train", f.toString(), "--model", "svqvae", "--epochs", "1",
                "--out-dir", dir.resolve("m").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("these classes have no training sample: PKC"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
        Path empty = dir.resolve("empty.arrow");
        SvqTestData.write(empty, "lincs", CLASSES, SvqTestData.names("gene", 16), new int[0], new float[0]);
        r = run("evaluate-svqvae", "--train", f.toString(), "--test", empty.toString(), "--model",
                "svqvae=" + dir.resolve("m"), "--out-dir", dir.resolve("e").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("empty.arrow: has no samples"), r.err());
    }
}
