package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.cli.Main;
import io.gexflow.io.GeneMap;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.io.gct.GctxStreamWriter;
import io.gexflow.models.ExpressionModel;
import io.gexflow.models.ModelStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infer streams: the packaged tool, run with -Xmx64m (and as much direct memory), predicts 1,000
 * target genes for 40,000 samples of a 325 MB probe-level GCTX, writing a 160 MB GCTX and a 160 MB
 * Arrow file: input and each output larger than the heap.
 */
class InferStreamingIT {
    private static final int SAMPLES = 40_000;
    private static final int FILLER_PROBES = 2_000;
    private static final String HEAP = "64m";
    @TempDir Path dir;


    private static String tool(String heap, String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        String cp = String.join(java.io.File.pathSeparator, root.resolve("target/gexflow.jar").toString(),
                root.resolve("target/lib/*").toString(), root.resolve("target/test-classes").toString());
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + heap, "-XX:MaxDirectMemorySize=" + heap,
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true", "-cp", cp,
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void inferOnAFileLargerThanTheHeapWritesOutputsLargerThanTheHeap() throws Exception {
        tool("512m", "simulate", "--out-dir", dir.toString(), "--samples", "300", "--landmarks", "20", "--targets",
                "1000", "--gtex-samples", "10", "--geuvadis-samples", "10", "--seed", "9");
        Path geo = dir.resolve("geo.arrow");
        tool("512m", "convert", "--input", dir.resolve("geo_sim.gctx").toString(), "--landmarks",
                dir.resolve("map_lm.txt").toString(), "--targets", dir.resolve("map_tg.txt").toString(), "--out", geo.toString());
        tool("512m", "split", "--input", geo.toString(), "--out", dir.resolve("split.tsv").toString());
        tool("512m", "normalize", "--input", geo.toString(), "--split", dir.resolve("split.tsv").toString(), "--out-dir",
                dir.resolve("norm").toString());
        Path lr = dir.resolve("lr");
        tool("512m", "train-lr", "--train", dir.resolve("norm/train.arrow").toString(), "--out-dir", lr.toString());

        // a probe-level input, written streaming: the landmark probes among 2,000 others
        GeneMap lm = GeneMap.read(dir.resolve("map_lm.txt"));
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < FILLER_PROBES; i++) {
            probes.add("filler_" + i + "_at");
            if (i % 100 == 0 && i / 100 < lm.genes().size()) {
                probes.addAll(lm.genes().get(i / 100).probes());
            }
        }
        List<String> samples = new ArrayList<>();
        for (int c = 0; c < SAMPLES; c++) {
            samples.add("PLATE" + (c / 384) + ":" + (c % 384));
        }
        Path input = dir.resolve("big_l1000.gctx");
        Random rnd = new Random(4);
        try (GctxStreamWriter w = new GctxStreamWriter(input, probes, samples, Map.of(), Map.of(), Map.of())) {
            float[] block = new float[1000 * probes.size()];
            for (int c = 0; c < SAMPLES; c += 1000) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = 6 + 3 * rnd.nextFloat();
                }
                w.write(block);
            }
        }
        long heap = 64L << 20;
        assertTrue(Files.size(input) > 4 * heap, "input " + Files.size(input) + " bytes, over 4x the heap");

        Path arrow = dir.resolve("pred.arrow");
        Path gctx = dir.resolve("pred.gctx");
        Path stats = dir.resolve("norm/normalization.json");
        String log = tool(HEAP, "infer", "--input", input.toString(), "--model", lr.toString(), "--normalization",
                stats.toString(), "--landmarks", dir.resolve("map_lm.txt").toString(), "--chunk-samples", "1000",
                "--out-arrow", arrow.toString(), "--out-gctx", gctx.toString());
        assertTrue(log.contains("inferred 1000 targets for 40000 samples"), log);
        assertTrue(Files.size(gctx) > 2 * heap && Files.size(arrow) > 2 * heap, "outputs over twice the heap");

        // spot checks against the model applied by hand
        JsonNode norm = Json.MAPPER.readTree(stats.toFile());
        Map<String, Integer> feature = new HashMap<>();
        for (int j = 0; j < norm.get("features").size(); j++) {
            feature.put(norm.get("features").get(j).asText(), j);
        }
        int[] pick = {0, 12_345, SAMPLES - 1};
        try (ExpressionModel m = ModelStore.load(lr); GctDataset in = GctDataset.open(input);
                GctDataset out = GctDataset.open(gctx)) {
            assertEquals(SAMPLES, out.columnCount());
            assertEquals(m.outputs(), out.rowIds());
            float[] x = in.readColumns(pick);
            int nIn = m.inputs().size();
            float[] z = new float[pick.length * nIn];
            for (int s = 0; s < pick.length; s++) {
                for (int k = 0; k < nIn; k++) {
                    GeneMap.Gene g = lm.genes().get(lm.featureIds(GeneMap.Role.LANDMARK).indexOf(m.inputs().get(k)));
                    double sum = 0;
                    for (String p : g.probes()) {
                        sum += x[s * probes.size() + probes.indexOf(p)];
                    }
                    int j = feature.get(GeneMap.featureId(GeneMap.Role.LANDMARK, g));
                    z[s * nIn + k] = (float) (((float) (sum / g.probes().size()) - norm.get("means").get(j).asDouble())
                            / (norm.get("stds").get(j).asDouble() + 1e-3));
                }
            }
            float[] y = m.predict(z, pick.length);
            int nOut = m.outputs().size();
            for (int i = 0; i < y.length; i++) {
                int j = feature.get(m.outputs().get(i % nOut));
                y[i] = (float) (y[i] * (norm.get("stds").get(j).asDouble() + 1e-3) + norm.get("means").get(j).asDouble());
            }
            assertArrayEquals(y, out.readColumns(pick), 1e-4f);
        }
        long rows = 0;
        try (ArrowMatrixReader r = new ArrowMatrixReader(arrow)) {
            assertEquals(1000, r.featureCount());
            while (r.nextBatch()) {
                rows += r.batchRows();
            }
        }
        assertEquals(SAMPLES, rows);
    }
}
