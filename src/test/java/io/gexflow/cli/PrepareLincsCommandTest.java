package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.LincsPreparer;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.io.gct.GctxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareLincsCommandTest {
    static final Path DATA = Path.of("test-data/lincs");
    static final Path GCTX = DATA.resolve("test_l1000.gctx");
    static final Path SIG = DATA.resolve("sig_info.txt");
    static final Path GENE = DATA.resolve("gene_info.txt");
    static final Path PCL = DATA.resolve("pcl.tsv");

    @TempDir Path dir;

    /** The bundled set, read whole (it is small): sample id -> its 978 raw values, and its metadata. */
    static Map<String, float[]> raw = new HashMap<>();
    static Map<String, String> pertType = new HashMap<>();
    static GctDataset whole;

    @BeforeAll
    static void readBundled() {
        whole = GctDataset.open(GCTX);
        float[] all = whole.readAll();
        int n = whole.rowCount();
        for (int c = 0; c < whole.columnCount(); c++) {
            raw.put(whole.columnIds().get(c), Arrays.copyOfRange(all, c * n, (c + 1) * n));
            pertType.put(whole.columnIds().get(c), whole.columnMetadata().get("pert_type").get(c));
        }
    }

    private CliRunner.Result run(Path out, Path gctx, Path sig, Path gene, Path pcl, String... extra) {
        Map<String, String> opts = new java.util.LinkedHashMap<>();
        List<String> given = List.of("--gctx", gctx.toString(), "--sig-info", sig.toString(), "--gene-info",
                gene.toString(), "--pcl-table", pcl.toString(), "--cell-line", "A375", "--exclude-pert-iname", "MG-132",
                "--clip", "10", "--test-fraction", "0.1", "--seed", "7", "--out-dir", out.toString());
        for (int i = 0; i < given.size(); i += 2) {
            opts.put(given.get(i), given.get(i + 1));
        }
        for (int i = 0; i < extra.length; i += 2) {
            opts.put(extra[i], extra[i + 1]); // the test's value replaces the default
        }
        List<String> args = new ArrayList<>(List.of("prepare-lincs"));
        opts.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return SvqCli.run(args.toArray(String[]::new));
    }

    private CliRunner.Result run(Path out, String... extra) {
        return run(out, GCTX, SIG, GENE, PCL, extra);
    }

    private static JsonNode summary(Path out) throws Exception {
        return Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void bundledSetSelectsClipsAndSplits() throws Exception {
        Path out = dir.resolve("a");
        CliRunner.Result r = run(out);
        assertEquals(0, r.exit(), r.err());
        DenseMatrix train = ArrowMatrixReader.readAll(out.resolve("train.arrow"));
        DenseMatrix test = ArrowMatrixReader.readAll(out.resolve("test.arrow"));
        // 377 A375 signatures; the 26 DMSO vehicle controls have no class; 59 compounds of 5-6 signatures each
        assertEquals(316, train.rows());
        assertEquals(35, test.rows());
        JsonNode s = summary(out);
        assertEquals(377, s.get("cell_line_signatures").asInt());
        assertEquals(26, s.get("signatures_without_pcl").asInt());
        assertEquals(0, s.get("excluded_signatures").asInt());
        assertEquals(351, s.get("gctx_columns_read").asInt());
        assertEquals("pr_gene_id row metadata", s.get("gctx_row_key").asText());
        assertEquals(3289, s.get("clipped_values").asLong());
        assertEquals(Long.parseLong(train.metadata().get("gexflow.clipped_values"))
                + Long.parseLong(test.metadata().get("gexflow.clipped_values")), 3289);

        List<String> classes = List.of(Json.MAPPER.readValue(train.metadata().get("gexflow.classes"), String[].class));
        assertEquals(59, classes.size());
        assertEquals(new ArrayList<>(new TreeSet<>(classes)), classes);
        assertEquals(train.metadata().get("gexflow.classes"), test.metadata().get("gexflow.classes"));
        assertFalse(classes.contains("DMSO"));
        assertEquals(978, train.cols());
        assertEquals("5720", train.features().get(0));
        assertTrue(train.metadata().get("gexflow.feature_symbols").startsWith("[\"PSME1\","));
        assertEquals("lincs", train.metadata().get("gexflow.dataset"));
        assertEquals("10.0", train.metadata().get("gexflow.clip"));
        assertTrue(train.metadata().get("gexflow.provenance").contains("\"verb\":\"prepare-lincs\""));
        assertEquals(List.of("label"), new ArrayList<>(train.obs().keySet()));

        List<String> tsv = Files.readAllLines(out.resolve("classes.tsv"));
        assertEquals("class\tn_train\tn_test", tsv.get(0));
        assertEquals(60, tsv.size());
        int sumTrain = 0;
        int sumTest = 0;
        for (int i = 1; i < tsv.size(); i++) {
            String[] f = tsv.get(i).split("\t");
            assertEquals(classes.get(i - 1), f[0]);
            sumTrain += Integer.parseInt(f[1]);
            sumTest += Integer.parseInt(f[2]);
        }
        assertEquals(316, sumTrain);
        assertEquals(35, sumTest);

        // every row is its signature's raw landmark values clipped to [-10, 10]; the label is its compound
        long clipped = 0;
        Set<String> seen = new HashSet<>();
        for (DenseMatrix m : List.of(train, test)) {
            for (int i = 0; i < m.rows(); i++) {
                String id = m.ids().get(i);
                assertTrue(seen.add(id));
                assertNotEquals("ctl_vehicle", pertType.get(id));
                assertTrue(classes.contains((String) m.obs().get("label").get(i)));
                float[] v = raw.get(id);
                for (int g = 0; g < 978; g++) {
                    float want = Math.max(-10f, Math.min(10f, v[g]));
                    clipped += want != v[g] ? 1 : 0;
                    assertEquals(want, m.get(i, g), id + " gene " + g);
                }
            }
        }
        assertEquals(3289, clipped);
        assertEquals(351, seen.size());
    }

    @Test
    void excludesByPertInameAndSplitsBySeed() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, run(a, "--exclude-pert-iname", "MG-132,geldanamycin,dasatinib").exit());
        JsonNode s = summary(a);
        assertEquals(11, s.get("excluded_signatures").asInt());
        assertEquals("[\"MG-132\",\"dasatinib\",\"geldanamycin\"]", Json.compact(s.get("exclude_pert_iname")));
        assertEquals("[\"dasatinib\",\"geldanamycin\"]", Json.compact(s.get("excluded_pert_inames_found")));
        assertEquals(340, s.get("n_samples").asInt());
        assertEquals(57, s.get("n_classes").asInt());
        DenseMatrix train = ArrowMatrixReader.readAll(a.resolve("train.arrow"));
        assertFalse(train.obs().get("label").contains("geldanamycin"));
        assertEquals(306, train.rows());
        assertEquals(34, ArrowMatrixReader.readAll(a.resolve("test.arrow")).rows());

        assertEquals(0, run(b).exit());
        assertEquals(0, run(c, "--seed", "8").exit());
        List<String> testB = ArrowMatrixReader.readAll(b.resolve("test.arrow")).ids();
        Path b2 = dir.resolve("b2");
        assertEquals(0, run(b2).exit());
        assertEquals(testB, ArrowMatrixReader.readAll(b2.resolve("test.arrow")).ids());
        assertArrayEquals(ArrowMatrixReader.readAll(b.resolve("train.arrow")).x(),
                ArrowMatrixReader.readAll(b2.resolve("train.arrow")).x());
        assertEquals(Files.readString(b.resolve("classes.tsv")), Files.readString(b2.resolve("classes.tsv")));
        assertNotEquals(testB, ArrowMatrixReader.readAll(c.resolve("test.arrow")).ids());
    }

    /** Counts what is read through the GctDataset interface. */
    static final class CountingDataset implements GctDataset {
        final GctDataset d;
        final List<Integer> columnsRead = new ArrayList<>();
        int rangeReads;

        CountingDataset(GctDataset d) {
            this.d = d;
        }

        @Override public Path file() { return d.file(); }
        @Override public String formatName() { return d.formatName(); }
        @Override public int rowCount() { return d.rowCount(); }
        @Override public int columnCount() { return d.columnCount(); }
        @Override public List<String> rowIds() { return d.rowIds(); }
        @Override public List<String> columnIds() { return d.columnIds(); }
        @Override public Map<String, List<String>> rowMetadata() { return d.rowMetadata(); }
        @Override public Map<String, List<String>> columnMetadata() { return d.columnMetadata(); }
        @Override public float[] readColumns(int from, int to) {
            rangeReads++;
            return d.readColumns(from, to);
        }
        @Override public float[] readColumns(int[] columnIndices) {
            for (int c : columnIndices) {
                columnsRead.add(c);
            }
            return d.readColumns(columnIndices);
        }
        @Override public void close() { d.close(); }
    }

    @Test
    void readsOnlyTheSelectedColumns() {
        CountingDataset counting = new CountingDataset(whole);
        LincsPreparer.Options opt = new LincsPreparer.Options("A375", Set.of("dasatinib"), 10, 0.1, 7, 50);
        Map<String, Object> s = LincsPreparer.prepare(counting, SIG, GENE, PCL, opt, dir.resolve("out"), Map.of());
        assertEquals(0, counting.rangeReads, "no range (whole-block) reads");
        assertEquals(345, counting.columnsRead.size(), "each selected column read once");
        assertEquals(345, new HashSet<>(counting.columnsRead).size());
        for (int c : counting.columnsRead) {
            String type = whole.columnMetadata().get("pert_type").get(c);
            String iname = whole.columnMetadata().get("pert_iname").get(c);
            assertTrue(type.startsWith("trt_"), "read a control column " + c);
            assertNotEquals("dasatinib", iname);
        }
        List<Integer> sorted = new ArrayList<>(counting.columnsRead);
        sorted.sort(null);
        assertEquals(sorted, counting.columnsRead, "ascending, for contiguous hyperslabs");
        assertEquals(345, ((Number) s.get("n_samples")).intValue());
    }

    /**
     * The same data as a real HDF5 GCTX in GSE70138's layout (row ids = pr_gene_id), with NaN in
     * every column that must not be read (the DMSO controls, 4 more signatures of another cell line)
     * and in 3 non-landmark genes: the output must be the bundled run's, NaN-free.
     */
    @Test
    void hdf5GctxWithNanInUnselectedColumnsGivesTheSameOutput() throws Exception {
        int n = whole.rowCount();
        List<String> rows = new ArrayList<>(whole.rowMetadata().get("pr_gene_id"));
        rows.addAll(List.of("900001", "900002", "900003"));
        List<String> cols = new ArrayList<>(whole.columnIds());
        List<String> extra = List.of("HELA:1", "HELA:2", "HELA:3", "HELA:4");
        cols.addAll(extra);
        int nr = rows.size();
        float[] x = new float[cols.size() * nr];
        Arrays.fill(x, Float.NaN);
        for (int c = 0; c < whole.columnCount(); c++) {
            if (!"ctl_vehicle".equals(pertType.get(cols.get(c)))) {
                System.arraycopy(raw.get(cols.get(c)), 0, x, c * nr, n);
            }
        }
        Path gctx = dir.resolve("l5.gctx");
        GctxWriter.write(gctx, rows, cols, Map.of(), Map.of(), x);
        Path sig = dir.resolve("sig_info.txt");
        StringBuilder sb = new StringBuilder(Files.readString(SIG));
        for (String id : extra) {
            sb.append(id).append("\tBRD-K49328571\tdasatinib\ttrt_cp\tHeLa\t10.0 um\t24 h\t").append(id).append('\n');
        }
        Files.writeString(sig, sb.toString());
        Path gene = dir.resolve("gene_info.txt");
        Files.writeString(gene, Files.readString(GENE) + "900001\tX1\tx\t0\t1\n900002\tX2\tx\t0\t1\n900003\tX3\tx\t0\t0\n");

        Path viaText = dir.resolve("text");
        Path viaHdf5 = dir.resolve("hdf5");
        assertEquals(0, run(viaText).exit());
        CliRunner.Result r = run(viaHdf5, gctx, sig, gene, PCL, "--chunk-samples", "64");
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("train.arrow", "test.arrow")) {
            DenseMatrix a = ArrowMatrixReader.readAll(viaText.resolve(f));
            DenseMatrix b = ArrowMatrixReader.readAll(viaHdf5.resolve(f));
            assertEquals(a.ids(), b.ids());
            assertEquals(a.obs(), b.obs());
            assertEquals(a.features(), b.features());
            assertArrayEquals(a.x(), b.x());
        }
        JsonNode s = summary(viaHdf5);
        assertEquals("row id", s.get("gctx_row_key").asText());
        assertEquals(351, s.get("gctx_columns_read").asInt());
        assertEquals(381, s.get("gctx_columns").asInt());
        assertEquals(3289, s.get("clipped_values").asLong());
    }

    @Test
    void aPertInSeveralClassesTakesTheFirstListed() throws Exception {
        Path pcl = dir.resolve("pcl.tsv");
        Files.writeString(pcl, "# comment\nBRD-K49328571\tSrc inhibitor\nBRD-K49328571\tAbl inhibitor\n"
                + "BRD-K81528515\tAbl inhibitor\nBRD-K81528515\tAbl inhibitor\n");
        Path out = dir.resolve("out");
        assertEquals(0, run(out, GCTX, SIG, GENE, pcl).exit());
        JsonNode s = summary(out);
        assertEquals(1, s.get("pcl_table_multi_pcl_perts").asInt());
        assertEquals(6, s.get("selected_signatures_with_multi_pcl_pert").asInt());
        assertEquals(12, s.get("n_samples").asInt());
        assertEquals("class\tn_train\tn_test", Files.readAllLines(out.resolve("classes.tsv")).get(0));
        assertEquals(List.of("Abl inhibitor", "Src inhibitor"), Files.readAllLines(out.resolve("classes.tsv"))
                .stream().skip(1).map(l -> l.split("\t")[0]).toList());
        assertEquals("[\"Abl inhibitor\",\"Src inhibitor\"]",
                ArrowMatrixReader.readAll(out.resolve("train.arrow")).metadata().get("gexflow.classes"));
    }

    private void assertOneLineError(CliRunner.Result r, Path named, String says, Path out) {
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("gexflow prepare-lincs: error: " + named + ": "), err);
        assertTrue(err.contains(says), err);
        assertFalse(Files.exists(out.resolve("train.arrow")));
    }

    @Test
    void inputErrorsNameTheFile() throws Exception {
        Path out = dir.resolve("out");
        Path sig = dir.resolve("sig_info.txt");
        Files.writeString(sig, "sig_id\tpert_id\tpert_iname\nX\tY\tZ\n");
        assertOneLineError(run(out, GCTX, sig, GENE, PCL), sig, "no column cell_id", out);

        Files.writeString(sig, Files.readString(SIG) + "NOT_A_COLUMN\tBRD-K49328571\tdasatinib\ttrt_cp\tA375\t-\t-\t-\n");
        assertOneLineError(run(out, GCTX, sig, GENE, PCL), GCTX, "1 selected signatures of sig_info.txt are not columns"
                + " of the matrix (first: NOT_A_COLUMN)", out);

        Path gene = dir.resolve("gene_info.txt");
        Files.writeString(gene, Files.readString(GENE) + "123456789\tNOPE\tnope\t1\t1\n");
        assertOneLineError(run(out, GCTX, SIG, gene, PCL), GCTX, "1 of the 979 landmark genes of gene_info.txt"
                + " (pr_gene_id, e.g. 123456789) are not rows of the matrix", out);

        CliRunner.Result r = SvqCli.run("prepare-lincs", "--gctx", GCTX.toString(), "--sig-info", SIG.toString(),
                "--gene-info", GENE.toString(), "--pcl-table", PCL.toString(), "--cell-line", "MCF7", "--out-dir",
                out.toString());
        assertOneLineError(r, SIG, "no signature of cell line 'MCF7' (cell_id)", out);

        Path pcl = dir.resolve("pcl.tsv");
        Files.writeString(pcl, "BRD-K49328571 Src\n");
        assertOneLineError(run(out, GCTX, SIG, GENE, pcl), pcl, "line 1 is not pert_id<TAB>pcl", out);
    }
}
