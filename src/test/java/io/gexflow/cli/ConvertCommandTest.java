package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.gct.GctxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir Path dir;

    /** 3 samples x 4 probes: p1,p2 -> gene A (landmark), p3 -> gene B (target), p4 unmapped. */
    private Path gctx() {
        Path f = dir.resolve("in.gctx");
        float[] sampleMajor = {1, 3, 10, 99, 2, 4, 20, 99, 5, 7, 30, 99};
        GctxWriter.write(f, List.of("p1", "p2", "p3", "p4"), List.of("s1", "s2", "s3"), Map.of(), Map.of(), sampleMajor);
        new GeneMap(List.of(new GeneMap.Gene("A", "ENSG1", List.of("p1", "p2")))).write(dir.resolve("lm.txt"));
        new GeneMap(List.of(new GeneMap.Gene("B", "ENSG2", List.of("p3")))).write(dir.resolve("tg.txt"));
        return f;
    }

    @Test
    void averagesProbesIntoGenesAndRecordsLandmarks() {
        Path in = gctx();
        Path out = dir.resolve("out.arrow");
        var r = CliRunner.run("convert", "--input", in.toString(), "--landmarks", dir.resolve("lm.txt").toString(),
                "--targets", dir.resolve("tg.txt").toString(), "--chunk-samples", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(List.of("s1", "s2", "s3"), m.ids());
        // features are keyed by role and Ensembl id; symbols are labels in the metadata
        assertEquals(List.of("lm:ENSG1", "tg:ENSG2"), m.features());
        assertArrayEquals(new float[] {2, 10, 3, 20, 6, 30}, m.x());
        assertEquals("[\"lm:ENSG1\"]", m.metadata().get(RegressionData.LANDMARKS));
        assertEquals("[\"A\",\"B\"]", m.metadata().get(ConvertCommand.META_SYMBOLS));
        assertTrue(m.metadata().get("gexflow.provenance").contains("\"verb\":\"convert\""));
    }

    private void assertOneLineError(CliRunner.Result r, Path named, Path output) {
        assertNotEquals(0, r.exit());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line, got: " + err);
        assertTrue(err.startsWith("gexflow convert: error: "), err);
        assertTrue(err.contains(named.toString()), "names " + named + ": " + err);
        assertFalse(Files.exists(output), "no output on error");
    }

    @Test
    void missingInputFile() throws Exception {
        Path missing = dir.resolve("nope.gctx");
        Path out = dir.resolve("o.arrow");
        assertOneLineError(CliRunner.run("convert", "--input", missing.toString(), "--out", out.toString()), missing, out);
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written, not even a temporary file");
        }
    }

    @Test
    void corruptHdf5() throws Exception {
        Path good = gctx();
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("corrupt.gctx");
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("o.arrow");
        assertOneLineError(CliRunner.run("convert", "--input", bad.toString(), "--out", out.toString()), bad, out);
    }

    @Test
    void nonNumericGctCell() throws Exception {
        Path gct = dir.resolve("bad.gct");
        Files.writeString(gct, "#1.2\n2\t2\nName\tDescription\ts1\ts2\np1\td\t1.0\t2.0\np2\td\t3.0\toops\n");
        Path out = dir.resolve("o.arrow");
        var r = CliRunner.run("convert", "--input", gct.toString(), "--out", out.toString());
        assertOneLineError(r, gct, out);
        assertTrue(r.err().contains("oops") || r.err().contains("line 5"), r.err());
    }

    @Test
    void mapNamingAProbeTheFileLacks() {
        // a gene left with none of its probes is an error naming the gene (a gene that keeps some is counted:
        // mapProbesAbsentFromTheMatrixAreCounted)
        Path in = gctx();
        Path lm = dir.resolve("lm2.txt");
        new GeneMap(List.of(new GeneMap.Gene("A", "E", List.of("p404")))).write(lm);
        Path out = dir.resolve("o.arrow");
        var r = CliRunner.run("convert", "--input", in.toString(), "--landmarks", lm.toString(), "--targets",
                dir.resolve("tg.txt").toString(), "--out", out.toString());
        assertOneLineError(r, lm, out);
        assertTrue(r.err().contains("A (E)"), r.err());
    }

    @Test
    void geuvadisTableMatchedByEnsemblIdWithoutVersion() throws Exception {
        Path table = dir.resolve("gd.txt.gz");
        String text = "TargetID\tGene_Symbol\tChr\tCoord\tHG1\tHG2\n"
                + "ENSG1.4\tA\t1\t10\t1.5\t2.5\n"
                + "ENSG9.1\tZ\t1\t20\t7\t7\n"
                + "ENSG2.11\tB\t1\t30\t0\t4\n";
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(table))) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        gctx(); // writes lm.txt (A: ENSG1) and tg.txt (B: ENSG2)
        Path out = dir.resolve("rna.arrow");
        var r = CliRunner.run("convert", "--input", table.toString(), "--format", "rpkm_table", "--match-by", "ensembl",
                "--landmarks", dir.resolve("lm.txt").toString(), "--targets", dir.resolve("tg.txt").toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix m = ArrowMatrixReader.readAll(out);
        assertEquals(List.of("HG1", "HG2"), m.ids());
        assertEquals(List.of("lm:ENSG1", "tg:ENSG2"), m.features());
        assertArrayEquals(new float[] {1.5f, 0, 2.5f, 4}, m.x());
    }

    @Test
    void helpAndVersion() {
        var help = CliRunner.run("--help");
        assertEquals(0, help.exit());
        for (String verb : List.of("simulate", "convert", "split", "normalize", "train-lr", "train-dgex", "evaluate", "report")) {
            assertTrue(help.out().contains(verb), verb + " listed in --help");
        }
        var v = CliRunner.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("gexflow "), v.out());
    }
}
