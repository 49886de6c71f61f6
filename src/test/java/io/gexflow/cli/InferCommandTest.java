package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.io.gct.GctxWriter;
import io.gexflow.models.ExpressionModel;
import io.gexflow.models.ModelStore;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infer on small generated GCTX files with an LR model trained by the verb chain (simulate, convert,
 * split, normalize, train-lr), checked against the model applied by hand.
 */
class InferCommandTest {
    @TempDir static Path shared;
    @TempDir Path dir;

    static Path norm;
    static Path lr;
    static GeneMap landmarks;
    static JsonNode stats;

    /** Runs {@code gexflow infer ...} through the tool's command line. */
    static CliRunner.Result infer(String... args) {
        List<String> all = new ArrayList<>(List.of("infer"));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    @BeforeAll
    static void trainLr() throws Exception {
        ok(CliRunner.run("simulate", "--out-dir", shared.toString(), "--samples", "300", "--landmarks", "12",
                "--targets", "25", "--gtex-samples", "10", "--geuvadis-samples", "10", "--seed", "5"));
        Path geo = shared.resolve("geo.arrow");
        ok(CliRunner.run("convert", "--input", shared.resolve("geo_sim.gctx").toString(), "--landmarks",
                shared.resolve("map_lm.txt").toString(), "--targets", shared.resolve("map_tg.txt").toString(),
                "--out", geo.toString()));
        ok(CliRunner.run("split", "--input", geo.toString(), "--seed", "5", "--out", shared.resolve("split.tsv").toString()));
        norm = shared.resolve("norm");
        // without quantile normalisation, infer on the raw probe file must reproduce the normalised test split
        ok(CliRunner.run("normalize", "--input", geo.toString(), "--split", shared.resolve("split.tsv").toString(),
                "--no-quantile", "--out-dir", norm.toString()));
        lr = shared.resolve("lr");
        ok(CliRunner.run("train-lr", "--train", norm.resolve("train.arrow").toString(), "--out-dir", lr.toString()));
        landmarks = GeneMap.read(shared.resolve("map_lm.txt"));
        stats = Json.MAPPER.readTree(norm.resolve("normalization.json").toFile());
    }

    private static int feature(String gene) {
        JsonNode f = stats.get("features");
        for (int j = 0; j < f.size(); j++) {
            if (f.get(j).asText().equals(gene)) {
                return j;
            }
        }
        throw new AssertionError("no feature " + gene);
    }

    private static double mean(String gene) {
        return stats.get("means").get(feature(gene)).asDouble();
    }

    private static double sd(String gene) {
        return stats.get("stds").get(feature(gene)).asDouble() + 1e-3;
    }

    /** A landmark-probe GCTX: the landmark probes (shuffled) plus an unrelated probe, with column metadata. */
    record Input(Path file, List<String> samples, Map<String, float[]> geneValues) {}

    private Input probeInput(int samples, long seed) {
        Random rnd = new Random(seed);
        List<String> probes = new ArrayList<>();
        landmarks.genes().forEach(g -> probes.addAll(g.probes()));
        probes.add("AFFX-unrelated_at");
        Collections.shuffle(probes, rnd);
        List<String> ids = new ArrayList<>();
        List<String> cell = new ArrayList<>();
        for (int c = 0; c < samples; c++) {
            ids.add("CPC001_A375_6H:BRD-" + c);
            cell.add(c % 2 == 0 ? "A375" : "MCF7");
        }
        float[] x = new float[samples * probes.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (7 + 2 * rnd.nextGaussian());
        }
        Path file = dir.resolve("l1000_level3.gctx");
        GctxWriter.write(file, probes, ids, Map.of(), Map.of("cell_id", cell), x);
        // each landmark gene: the mean of its probes, as float32 (what convert computes)
        Map<String, float[]> genes = new LinkedHashMap<>();
        for (GeneMap.Gene g : landmarks.genes()) {
            float[] v = new float[samples];
            for (int c = 0; c < samples; c++) {
                double s = 0;
                for (String p : g.probes()) {
                    s += x[c * probes.size() + probes.indexOf(p)];
                }
                v[c] = (float) (s / g.probes().size());
            }
            genes.put(GeneMap.featureId(GeneMap.Role.LANDMARK, g), v);
        }
        return new Input(file, ids, genes);
    }

    /** The model applied by hand: standardise with normalization.json, predict, optionally de-standardise. */
    private static float[] byHand(ExpressionModel m, Map<String, float[]> genes, int samples, boolean expression) {
        int nIn = m.inputs().size();
        float[] z = new float[samples * nIn];
        for (int c = 0; c < samples; c++) {
            for (int k = 0; k < nIn; k++) {
                String g = m.inputs().get(k);
                z[c * nIn + k] = (float) ((genes.get(g)[c] - mean(g)) / sd(g));
            }
        }
        float[] y = m.predict(z, samples);
        if (expression) {
            int nOut = m.outputs().size();
            for (int c = 0; c < samples; c++) {
                for (int t = 0; t < nOut; t++) {
                    String g = m.outputs().get(t);
                    y[c * nOut + t] = (float) (y[c * nOut + t] * sd(g) + mean(g));
                }
            }
        }
        return y;
    }

    @Test
    void predictionsAreTheModelOnStandardisedLandmarksDestandardised() throws Exception {
        Input in = probeInput(37, 1);
        Path arrow = dir.resolve("pred.arrow");
        Path gctx = dir.resolve("pred.gctx");
        ok(infer("--input", in.file().toString(), "--model", lr.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--landmarks", shared.resolve("map_lm.txt").toString(),
                "--chunk-samples", "8", "--out-arrow", arrow.toString(), "--out-gctx", gctx.toString()));
        float[] expected;
        List<String> targets;
        try (ExpressionModel m = ModelStore.load(lr)) {
            expected = byHand(m, in.geneValues(), 37, true);
            targets = m.outputs();
        }
        assertEquals(25, targets.size());
        DenseMatrix a = ArrowMatrixReader.readAll(arrow);
        assertEquals(in.samples(), a.ids());
        assertEquals(targets, a.features());
        assertArrayEquals(expected, a.x(), 1e-5f);
        assertEquals("expression", a.metadata().get(InferCommand.META_SCALE));
        assertTrue(a.metadata().get(InferCommand.META_INFERENCE).contains("not applied"));
        // the expression scale is the training data's: predictions are around the targets' training means
        assertEquals(mean(targets.get(0)), a.x()[0], 6 * sd(targets.get(0)));
        try (GctDataset g = GctDataset.open(gctx)) {
            assertEquals(targets, g.rowIds());
            assertEquals(in.samples(), g.columnIds());
            assertEquals("MCF7", g.columnMetadata().get("cell_id").get(1));
            assertArrayEquals(a.x(), g.readAll(), 0f);
        }
        try (HdfFile h = new HdfFile(gctx)) {
            assertArrayEquals(new String[] {"expression"}, (String[]) h.getAttribute(InferCommand.ATTR_SCALE).getData());
            assertTrue(((String[]) h.getAttribute(InferCommand.ATTR_PROVENANCE).getData())[0].contains("\"verb\":\"infer\""));
        }
    }

    @Test
    void geneRowsStandardisedScaleAndAnyChunkSizeGiveTheSamePredictions() throws Exception {
        // rows already named by landmark gene (no map), in reverse order, plus a target gene that is ignored
        Input probes = probeInput(23, 2);
        List<String> genes = new ArrayList<>(probes.geneValues().keySet());
        Collections.reverse(genes);
        genes.add("TG_ignored");
        float[] x = new float[23 * genes.size()];
        for (int c = 0; c < 23; c++) {
            for (int r = 0; r < genes.size() - 1; r++) {
                x[c * genes.size() + r] = probes.geneValues().get(genes.get(r))[c];
            }
        }
        Path file = dir.resolve("genes.gctx");
        GctxWriter.write(file, genes, probes.samples(), Map.of(), Map.of(), x);
        List<float[]> runs = new ArrayList<>();
        for (String chunk : List.of("1", "5", "1000")) {
            Path out = dir.resolve("z" + chunk + ".arrow");
            ok(infer("--input", file.toString(), "--model", lr.toString(), "--normalization",
                    norm.resolve("normalization.json").toString(), "--output-scale", "standardised",
                    "--chunk-samples", chunk, "--out-arrow", out.toString()));
            DenseMatrix m = ArrowMatrixReader.readAll(out);
            assertEquals("standardised", m.metadata().get(InferCommand.META_SCALE));
            runs.add(m.x());
        }
        try (ExpressionModel m = ModelStore.load(lr)) {
            assertArrayEquals(byHand(m, probes.geneValues(), 23, false), runs.get(0), 1e-5f);
        }
        assertArrayEquals(runs.get(0), runs.get(1), 0f);
        assertArrayEquals(runs.get(0), runs.get(2), 0f);
    }

    @Test
    void onTheTrainingProbeFileItReproducesTheModelOnTheNormalisedTestSplit() throws Exception {
        // normalize --no-quantile: infer's probe averaging + standardisation is exactly the training pipeline's
        Path out = dir.resolve("all.arrow");
        ok(infer("--input", shared.resolve("geo_sim.gctx").toString(), "--model", lr.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--landmarks", shared.resolve("map_lm.txt").toString(),
                "--output-scale", "standardised", "--chunk-samples", "64", "--out-arrow", out.toString()));
        DenseMatrix all = ArrowMatrixReader.readAll(out);
        assertEquals(300, all.rows());
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < all.rows(); i++) {
            row.put(all.ids().get(i), i);
        }
        RegressionData test = RegressionData.read(norm.resolve("test.arrow"));
        int t = test.outputs().size();
        try (ExpressionModel m = ModelStore.load(lr)) {
            float[] expected = m.predict(test.x(), test.rows());
            for (int i = 0; i < test.rows(); i++) {
                int r = row.get(test.ids().get(i));
                for (int k = 0; k < t; k++) {
                    assertEquals(expected[i * t + k], all.x()[r * t + k], 1e-4f, test.ids().get(i));
                }
            }
        }
    }

    @Test
    void aDgexModelToo() throws Exception {
        Path dgex = dir.resolve("dgex");
        ok(CliRunner.run("train-dgex", "--train", norm.resolve("train.arrow").toString(), "--valid",
                norm.resolve("valid.arrow").toString(), "--hidden-units", "16", "--epochs", "1", "--batch-size", "50",
                "--monitor-samples", "50", "--target-partitions", "2", "--out-dir", dgex.toString()));
        Input in = probeInput(11, 3);
        Path out = dir.resolve("dgex.gctx");
        ok(infer("--input", in.file().toString(), "--model", dgex.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--landmarks", shared.resolve("map_lm.txt").toString(),
                "--chunk-samples", "4", "--out-gctx", out.toString()));
        try (ExpressionModel m = ModelStore.load(dgex); GctDataset g = GctDataset.open(out)) {
            assertEquals(m.outputs(), g.rowIds());
            assertArrayEquals(byHand(m, in.geneValues(), 11, true), g.readAll(), 1e-4f);
        }
    }

    @Test
    void missingLandmarksAreOneLineNamingTheFileAndTheIdsAndNothingIsWritten() throws Exception {
        Input in = probeInput(5, 4);
        List<String> probes = new ArrayList<>();
        try (GctDataset g = GctDataset.open(in.file())) {
            probes.addAll(g.rowIds());
        }
        String gone1 = landmarks.genes().get(0).probes().get(0);
        String gone2 = landmarks.genes().get(3).probes().get(0);
        List<String> kept = new ArrayList<>(probes);
        kept.removeAll(List.of(gone1, gone2));
        Path partial = dir.resolve("partial.gctx");
        GctxWriter.write(partial, kept, in.samples(), Map.of(), Map.of(), new float[kept.size() * 5]);
        Path arrow = dir.resolve("p.arrow");
        Path gctx = dir.resolve("p.gctx");
        CliRunner.Result r = infer("--input", partial.toString(), "--model", lr.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--landmarks", shared.resolve("map_lm.txt").toString(),
                "--out-arrow", arrow.toString(), "--out-gctx", gctx.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("partial.gctx") && line.contains(gone1) && line.contains(gone2)
                && line.contains("lacks 2 of the"), line);

        // rows named by gene: the missing genes are named
        Path byGene = dir.resolve("bygene.gctx");
        List<String> someGenes = landmarks.featureIds(GeneMap.Role.LANDMARK).subList(0, 10);
        GctxWriter.write(byGene, someGenes, in.samples(), Map.of(), Map.of(), new float[10 * 5]);
        r = infer("--input", byGene.toString(), "--model", lr.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--out-arrow", arrow.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("bygene.gctx") && r.err().contains("lacks 2 of the 12 landmark genes")
                && r.err().contains(landmarks.featureIds(GeneMap.Role.LANDMARK).get(10)) && r.err().contains(landmarks.featureIds(GeneMap.Role.LANDMARK).get(11)), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith("p.")
                    || p.getFileName().toString().startsWith(".p.")).toList(), "no output, no temporary file");
        }
    }

    @Test
    void aModelWhoseGenesAreNotThoseOfTheNormalizationIsAClearError() throws Exception {
        Input in = probeInput(5, 5);
        ObjectNode other = (ObjectNode) stats.deepCopy();
        ArrayNode features = (ArrayNode) other.get("features");
        String landmark = landmarks.featureIds(GeneMap.Role.LANDMARK).get(2);
        features.set(feature(landmark), other.textNode("SOMETHING_ELSE"));
        Path otherNorm = dir.resolve("other_normalization.json");
        Json.writeFile(otherNorm, other);
        Path out = dir.resolve("x.arrow");
        CliRunner.Result r = infer("--input", in.file().toString(), "--model", lr.toString(), "--normalization",
                otherNorm.toString(), "--landmarks", shared.resolve("map_lm.txt").toString(), "--out-arrow", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("model.json") && r.err().contains("1 of the model's 12 inputs")
                && r.err().contains("other_normalization.json") && r.err().contains(landmark), r.err());
        assertFalse(Files.exists(out));

        // a target missing matters only for the expression scale
        features.set(feature(landmark), other.textNode(landmark));
        String target = stats.get("features").get(stats.get("features").size() - 1).asText();
        features.set(features.size() - 1, other.textNode("NOT_A_TARGET"));
        Json.writeFile(otherNorm, other);
        r = infer("--input", in.file().toString(), "--model", lr.toString(), "--normalization", otherNorm.toString(),
                "--landmarks", shared.resolve("map_lm.txt").toString(), "--out-arrow", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("outputs (target genes)") && r.err().contains(target), r.err());
        ok(infer("--input", in.file().toString(), "--model", lr.toString(), "--normalization", otherNorm.toString(),
                "--landmarks", shared.resolve("map_lm.txt").toString(), "--output-scale", "standardised",
                "--out-arrow", out.toString()));

        r = infer("--input", in.file().toString(), "--model", lr.toString(), "--normalization", otherNorm.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out-arrow, --out-gctx or both"), r.err());
    }
}
