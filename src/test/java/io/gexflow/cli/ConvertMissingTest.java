package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.gct.GctxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONVERT with the published D-GEX maps, probes absent from the matrix, NaN and infinite cells. */
class ConvertMissingTest {
    static final Path LM = Path.of("test-data/dgex_u133a/map_lm.txt");
    static final Path TG = Path.of("test-data/dgex_u133a/map_tg.txt");

    @TempDir Path dir;

    private static JsonNode summary(DenseMatrix m) throws Exception {
        return Json.MAPPER.readTree(m.metadata().get(ConvertCommand.META_SUMMARY));
    }

    @Test
    void publishedMapsGive943LandmarksAnd9520TargetsAndCountAbsentProbes() throws Exception {
        GeneMap lm = GeneMap.read(LM);
        GeneMap tg = GeneMap.read(TG);
        // every map probe but: the second probe of the first 5 multi-probe targets; plus 2 control probes
        List<String> rows = new ArrayList<>();
        lm.genes().forEach(g -> rows.addAll(g.probes()));
        List<String> absent = new ArrayList<>();
        for (GeneMap.Gene g : tg.genes()) {
            for (int p = 0; p < g.probes().size(); p++) {
                if (p == 1 && absent.size() < 5) {
                    absent.add(g.probes().get(p));
                } else {
                    rows.add(g.probes().get(p));
                }
            }
        }
        rows.add("AFFX-BioB-5_at");
        rows.add("AFFX-BioC-5_at"); // in no map (AFFX-HUMGAPDH/M33197_3_at, used here before, is a target probe)
        int n = 3;
        float[] x = new float[n * rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 + (i % 97) / 10f;
        }
        Path in = dir.resolve("u133a.gctx");
        GctxWriter.write(in, rows, List.of("s1", "s2", "s3"), Map.of(), Map.of(), x);
        Path out = dir.resolve("geo.arrow");
        var r = CliRunner.run("convert", "--input", in.toString(), "--landmarks", LM.toString(), "--targets", TG.toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("5 of 15744 probes are not rows") && r.err().contains("5 genes lose some"), "[" + r.err() + "]");
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(943 + 9520, m.cols());
        assertEquals(943, Json.MAPPER.readTree(m.metadata().get(RegressionData.LANDMARKS)).size());
        assertTrue(m.features().contains("lm:ENSG00000076864") && m.features().contains("tg:ENSG00000076864"), "RAP1GAP in both roles");
        assertTrue(m.features().contains("tg:ENSG00000124334") && m.features().contains("tg:ENSGR0000124334"), "IL9R twice");
        JsonNode s = summary(m).get("gene_maps");
        assertEquals(0, s.get("landmarks").get("absent_from_input").asInt());
        assertEquals(5, s.get("targets").get("absent_from_input").asInt());
        assertEquals(5, s.get("targets").get("genes_losing_some").asInt());
        assertEquals(0, s.get("targets").get("genes_losing_all").asInt());
        assertEquals(9520 + 943, Json.MAPPER.readTree(m.metadata().get(ConvertCommand.META_SYMBOLS)).size());
    }

    /** 4 samples x 5 probes: A = mean(p1, p2) landmark, B = p3 target, C = p4 target; p5 unmapped. */
    private Path withNaN(float[] sampleMajor) {
        Path f = dir.resolve("nan.gctx");
        GctxWriter.write(f, List.of("p1", "p2", "p3", "p4", "p5"), List.of("s1", "s2", "s3", "s4"), Map.of(), Map.of(), sampleMajor);
        new GeneMap(List.of(new GeneMap.Gene("A", "ENSG1", List.of("p1", "p2")))).write(dir.resolve("lm.txt"));
        new GeneMap(List.of(new GeneMap.Gene("B", "ENSG2", List.of("p3")), new GeneMap.Gene("C", "ENSG3", List.of("p4"))))
                .write(dir.resolve("tg.txt"));
        return f;
    }

    private static final float N = Float.NaN;
    // s1 complete; s2: p1 NaN (A = p2 alone); s3: C missing; s4: p1 and p2 NaN (A missing); p5 NaN is never used
    private static final float[] CELLS = {1, 3, 10, 20, N, N, 5, 11, 21, 0, 2, 4, 12, N, 0, N, N, 13, 23, 0};

    private CliRunner.Result convert(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("convert", "--input", in.toString(), "--landmarks",
                dir.resolve("lm.txt").toString(), "--targets", dir.resolve("tg.txt").toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void dropSamplesIsTheDefaultAndAveragesFiniteProbes() throws Exception {
        Path out = dir.resolve("o.arrow");
        var r = convert(withNaN(CELLS), out);
        assertEquals(0, r.exit(), r.err());
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(List.of("s1", "s2"), m.ids());
        assertArrayEquals(new float[] {2, 10, 20, 5, 11, 21}, m.x());
        JsonNode s = summary(m).get("missing");
        assertEquals("drop-samples", s.get("policy").asText());
        assertEquals(2, s.get("values_without_finite_probe").asInt());
        assertEquals(2, s.get("samples_dropped").asInt());
        assertEquals("s3", s.get("dropped_samples").get(0).asText());
        assertEquals(0, s.get("features_dropped").asInt());
        assertTrue(r.err().contains("dropped 2 of 4 samples"), r.err());
    }

    @Test
    void dropGenesKeepsEverySample() throws Exception {
        Path out = dir.resolve("o.arrow");
        var r = convert(withNaN(CELLS), out, "--missing", "drop-genes");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("no landmark gene"), r.err());
        // without s4, only C goes
        float[] three = java.util.Arrays.copyOf(CELLS, 15);
        Path f = dir.resolve("three.gctx");
        GctxWriter.write(f, List.of("p1", "p2", "p3", "p4", "p5"), List.of("s1", "s2", "s3"), Map.of(), Map.of(), three);
        r = convert(f, out, "--missing", "drop-genes");
        assertEquals(0, r.exit(), r.err());
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(List.of("s1", "s2", "s3"), m.ids());
        assertEquals(List.of("lm:ENSG1", "tg:ENSG2"), m.features());
        assertArrayEquals(new float[] {2, 10, 5, 11, 3, 12}, m.x());
        assertEquals(1, summary(m).get("missing").get("features_dropped").asInt());
        assertEquals("tg:ENSG3 (C)", summary(m).get("missing").get("dropped_features").get(0).asText());
    }

    @Test
    void failNamesSampleAndGene() {
        Path out = dir.resolve("o.arrow");
        var r = convert(withNaN(CELLS), out, "--missing", "fail");
        assertNotEquals(0, r.exit());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains("nan.gctx") && err.contains("sample s3") && err.contains("tg:ENSG3 (C)"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void infinityIsAlwaysAnErrorNamingRowAndColumn() {
        float[] cells = CELLS.clone();
        cells[5 + 2] = Float.POSITIVE_INFINITY; // s2, p3
        Path out = dir.resolve("o.arrow");
        for (String policy : List.of("drop-samples", "drop-genes", "fail")) {
            var r = convert(withNaN(cells), out, "--missing", policy);
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
            assertTrue(r.err().contains("row p3, column s2 is infinite"), r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void gctTextWithNaNCellsWithoutMaps() throws Exception {
        // a P100-like GCT 1.3 (cmapPy's test_p100.gct is not among the fixtures): NaN cells in several rows
        Path gct = dir.resolve("p100_like.gct");
        Files.writeString(gct, "#1.3\n4\t3\t1\t1\nid\tpr_gene_symbol\tS1\tS2\tS3\ndet_plate\tna\tP1\tP1\tP2\n"
                + "r1\tA\t0.5\tNaN\t0.1\nr2\tB\t1.5\t-0.2\t0.3\nr3\tC\tNaN\tNaN\tNaN\nr4\tD\t0.7\t0.8\tnan\n");
        Path out = dir.resolve("p.arrow");
        var r = CliRunner.run("convert", "--input", gct.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), "r3 has no value anywhere: drop-samples leaves nothing");
        assertTrue(r.err().contains("leaves no sample"), r.err());
        r = CliRunner.run("convert", "--input", gct.toString(), "--missing", "drop-genes", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(List.of("r2"), m.features());
        assertArrayEquals(new float[] {1.5f, -0.2f, 0.3f}, m.x());
        assertEquals(5, summary(m).get("missing").get("values_without_finite_probe").asInt());
    }

    @Test
    void badPolicyIsAUsageError() {
        var r = convert(withNaN(CELLS), dir.resolve("o.arrow"), "--missing", "impute");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("drop-samples, drop-genes or fail"), r.err());
    }
}
