package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** prepare-perturb on the h5ad fixtures (src/test/resources/h5ad, made by make_fixtures.py). */
class PreparePerturbCommandTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        URL url = PreparePerturbCommandTest.class.getResource("/h5ad/" + name);
        return Path.of(url.toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense.h5ad", "csr.h5ad", "csc.h5ad"})
    void normanStyleCountsLayerHvgsAndGuides(String name) throws Exception {
        Path out = dir.resolve("counts.arrow");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture(name).toString(), "--layer", "counts",
                "--treatment-column", "guide", "--separator", "+", "--gene-column", "highly_variable", "--split", "ood",
                "--combo-fraction", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        PerturbationFile f = PerturbationFile.read(out);
        PerturbationData d = f.data();
        assertEquals(List.of("c0", "c1", "c2", "c3"), d.cells());
        assertEquals(List.of("g0", "g2"), d.genes(), "only the highly variable genes");
        assertEquals(List.of("A", "B"), d.treatments());
        assertArrayEquals(new float[] {10, 20}, d.counts().denseRow(0), "counts from layers/counts");
        assertArrayEquals(new float[] {0, 30}, d.counts().denseRow(1));
        assertArrayEquals(new float[] {40, 0}, d.counts().denseRow(2));
        assertArrayEquals(new float[] {0, 0}, d.counts().denseRow(3));
        assertArrayEquals(new float[] {1, 0}, d.dosage().denseRow(0));
        assertArrayEquals(new float[] {1, 1}, d.dosage().denseRow(1), "a combination is multi-hot");
        assertTrue(d.isControl(2), "ctrl is a control: an empty row of D");
        assertArrayEquals(new float[] {0, 1}, d.dosage().denseRow(3));
        assertEquals(List.of("A", "A+B", "control", "B"), f.obs().get("treatment"));
        assertTrue(f.metadata().get("gexflow.provenance").contains("prepare-perturb"));
    }

    /**
     * The Norman-layout fixture of -profile test (test-data/perturb/norman_layout, see its README) with the options
     * conf/modules.config gives a Norman data set: 30 highly variable genes of 40, the 6 single genes as treatments,
     * combinations multi-hot, and at 0% of the combinations in training only combination cells in test.
     */
    @Test
    void theNormanLayoutFixtureWithTheNormanModuleOptions() throws Exception {
        Path out = dir.resolve("norman.arrow");
        Path summary = dir.resolve("norman.json");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", "test-data/perturb/norman_layout/norman_layout.h5ad",
                "--layer", "counts", "--gene-column", "highly_variable", "--treatment-column", "guide_identity", "--separator",
                "_", "--control", "NegCtrl*", "--split", "ood", "--combo-fraction", "0", "--test-combo-fraction", "0.25",
                "--seed", "7", "--summary", summary.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        PerturbationFile f = PerturbationFile.read(out);
        PerturbationData d = f.data();
        assertEquals(30, d.genes().size(), "the highly variable genes");
        assertEquals(java.util.Set.of("AHR", "KLF1", "CEBPA", "CEBPE", "CBL", "UBASH3B"), java.util.Set.copyOf(d.treatments()));
        List<Object> split = f.obs().get("split");
        List<Object> treatment = f.obs().get("treatment");
        java.util.Set<String> testConditions = new java.util.TreeSet<>();
        int controls = 0;
        for (int i = 0; i < d.cells().size(); i++) {
            float[] row = d.dosage().denseRow(i);
            int on = 0;
            for (float v : row) {
                on += v != 0 ? 1 : 0;
            }
            controls += d.isControl(i) ? 1 : 0;
            if ("test".equals(split.get(i))) {
                assertEquals(2, on, "a test cell is of a combination: " + treatment.get(i));
                testConditions.add(treatment.get(i).toString());
            } else {
                assertTrue(on <= 1, "0% of the combinations in train / val: " + treatment.get(i));
            }
        }
        assertEquals(80, controls, "NegCtrl<k>_NegCtrl<k> guides are controls");
        assertEquals(3, testConditions.size(), "the last 25% of the 10 combinations: " + testConditions);
        var json = io.gexflow.io.Json.MAPPER.readTree(summary.toFile());
        // singles (6 x 40) and controls (80) 80/20 train/val; combinations (10 x 60): test cells of 3 only
        assertEquals(320, json.get("train").asInt() + json.get("val").asInt());
        assertEquals(920, json.get("cells").asInt() + json.get("left_out").asInt());
        assertTrue(json.get("test").asInt() > 20, json.toString());
    }

    @Test
    void theOldLayoutAndX() throws Exception {
        Path out = dir.resolve("old.arrow");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture("old_layout.h5ad").toString(),
                "--treatment-column", "guide", "--separator", "+", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        PerturbationData d = PerturbationFile.read(out).data();
        assertEquals(3, d.genes().size());
        assertArrayEquals(new float[] {4, 5, 0}, d.counts().denseRow(2));
    }

    @Test
    void aMissingLayerOrColumnIsOneLine() throws Exception {
        Path out = dir.resolve("x.arrow");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--layer", "raw",
                "--treatment-column", "guide", "--out", out.toString());
        assertTrue(r.exit() != 0);
        assertTrue(r.err().contains("csr.h5ad: has no layer 'raw' (layers: [counts])"), r.err());
        r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column", "perturbation",
                "--out", out.toString());
        assertTrue(r.exit() != 0);
        assertTrue(r.err().contains("obs has no column 'perturbation'"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void replogleStyleTreatmentListControlCapAndRandomSplit() throws Exception {
        Path list = dir.resolve("targets.txt");
        Files.writeString(list, "A\n\n");
        Path out = dir.resolve("r.arrow");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csc.h5ad").toString(), "--treatment-column",
                "guide", "--separator", "+", "--treatments-file", list.toString(), "--max-controls", "0", "--split", "random",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        PerturbationFile f = PerturbationFile.read(out);
        assertEquals(List.of("c0"), f.data().cells(), "A+B needs B, which is not listed; the one control is capped away");
        assertEquals(List.of("A"), f.data().treatments());
        assertArrayEquals(new float[] {1, 0, 2}, f.data().counts().denseRow(0));
        assertEquals(1, f.obs().get("split").size());
    }

    @Test
    void normansGuideIdentitiesSplitOnUnderscoreIntoTheirGenes() {
        java.util.Set<String> c = java.util.Set.of("NegCtrl*");
        assertArrayEquals(new String[] {"AHR", "KLF1"},
                io.gexflow.data.perturb.H5adPerturbation.guides("AHR_KLF1__AHR_KLF1", "_", c), "a combination");
        assertArrayEquals(new String[] {"AHR"},
                io.gexflow.data.perturb.H5adPerturbation.guides("AHR_NegCtrl0__AHR_NegCtrl0", "_", c), "a single guide");
        assertArrayEquals(new String[0],
                io.gexflow.data.perturb.H5adPerturbation.guides("NegCtrl0_NegCtrl0__NegCtrl0_NegCtrl0", "_", c), "a control");
        assertArrayEquals(new String[] {"ST20-MTHFS"},
                io.gexflow.data.perturb.H5adPerturbation.guides("ST20-MTHFS", ",", java.util.Set.of("non-targeting")), "Replogle's gene");
    }

    @Test
    void aControlPrefixDropsMatchingGuides() {
        java.util.Set<String> c = java.util.Set.of("ctrl", "NegCtrl*");
        assertTrue(io.gexflow.data.perturb.H5adPerturbation.isControl("NegCtrl0", c));
        assertTrue(io.gexflow.data.perturb.H5adPerturbation.isControl("ctrl", c));
        assertFalse(io.gexflow.data.perturb.H5adPerturbation.isControl("ctrl2", c));
        assertFalse(io.gexflow.data.perturb.H5adPerturbation.isControl("KLF1", c));
    }

    @Test
    void aGeneListKeepsTheNamedGenesInVarOrderAndWritesTheSummary() throws Exception {
        Path genes = dir.resolve("genes.txt");
        Files.writeString(genes, "# where the names come from\nG2\n\nG0\n");
        Path out = dir.resolve("g.arrow");
        Path summary = dir.resolve("summary.json");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column",
                "guide", "--separator", "+", "--gene-list", genes.toString(), "--gene-name-column", "gene_name",
                "--summary", summary.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        PerturbationData d = PerturbationFile.read(out).data();
        assertEquals(List.of("g0", "g2"), d.genes(), "var's ids of the listed names, in var's order");
        assertArrayEquals(new float[] {1, 2}, d.counts().denseRow(0));
        assertArrayEquals(new float[] {4, 0}, d.counts().denseRow(2));
        var json = io.gexflow.io.Json.MAPPER.readTree(summary.toFile());
        assertEquals(4, json.get("cells").asInt());
        assertEquals(2, json.get("genes").asInt());
        assertEquals(2, json.get("treatments").asInt());
        assertEquals(4, json.get("train").asInt() + json.get("val").asInt() + json.get("test").asInt());
        assertEquals(0, json.get("heldout").asInt());
        assertEquals(0, json.get("left_out").asInt());
    }

    @Test
    void aListedGeneThatVarLacksIsOneLineAndNoOutput() throws Exception {
        Path genes = dir.resolve("genes.txt");
        Files.writeString(genes, "G0\nNOPE\n");
        Path out = dir.resolve("g.arrow");
        CliRunner.Result r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column",
                "guide", "--gene-list", genes.toString(), "--gene-name-column", "gene_name", "--out", out.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("csr.h5ad: 1 of the 2 listed genes are not in var/gene_name, e.g. [NOPE]"), r.err());
        // G1 is in var, but not among the highly variable genes kept first
        Files.writeString(genes, "G1\n");
        r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column", "guide",
                "--gene-column", "highly_variable", "--gene-list", genes.toString(), "--gene-name-column", "gene_name",
                "--out", out.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("not in var/gene_name among the genes kept, e.g. [G1]"), r.err());
        r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column", "guide",
                "--gene-list", genes.toString(), "--gene-name-column", "symbol", "--out", out.toString());
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("var has no column 'symbol'"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aHeldOutGroupMovesItsCellsToHeldoutAndLeavesTheOthersSplitAlone() throws Exception {
        Path table = dir.resolve("clusters.tsv");
        Files.writeString(table, "# two pathways\ngroup\ttreatment\nP1\tA\nP2\tB\n");
        Path plain = dir.resolve("plain.arrow");
        Path held = dir.resolve("held.arrow");
        Path summary = dir.resolve("held.json");
        List<String> common = List.of("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column", "guide",
                "--separator", "+", "--treatments-file", table.toString(), "--split", "random", "--seed", "3");
        CliRunner.Result r = CliRunner.run(concat(common, "--out", plain.toString()));
        assertEquals(0, r.exit(), r.err());
        r = CliRunner.run(concat(common, "--heldout-group", "P2", "--summary", summary.toString(), "--out", held.toString()));
        assertEquals(0, r.exit(), r.err());
        List<?> before = PerturbationFile.read(plain).obs().get("split");
        List<?> after = PerturbationFile.read(held).obs().get("split");
        // cells c0 (A), c1 (A+B), c2 (ctrl), c3 (B): every cell with B is held out, c0 and c2 keep their split
        assertEquals(List.of(before.get(0), "heldout", before.get(2), "heldout"), after);
        assertEquals(2, io.gexflow.io.Json.MAPPER.readTree(summary.toFile()).get("heldout").asInt());

        r = CliRunner.run(concat(common, "--heldout-group", "P9", "--out", dir.resolve("x.arrow").toString()));
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("clusters.tsv: has no group 'P9' (groups: P1, P2)"), r.err());
        r = CliRunner.run("prepare-perturb", "--h5ad", fixture("csr.h5ad").toString(), "--treatment-column", "guide",
                "--heldout-group", "P2", "--out", dir.resolve("x.arrow").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--heldout-group needs --treatments-file"), r.err());
        assertFalse(Files.exists(dir.resolve("x.arrow")));
    }

    /**
     * The full profile's Replogle command with the bundled tables on a file of Replogle's layout
     * (replogle_layout.h5ad, make_replogle_fixture.py): 681 targets and the capped controls, the 1,186 names as
     * 1,187 genes, 64/16/20; a held-out pathway's cells (NER: 23 targets, one cell each) in split heldout.
     */
    @Test
    void theBundledReplogleTablesOnAReplogleLayoutFile() throws Exception {
        Path assets = Path.of("assets/perturb");
        Path summary = dir.resolve("r.json");
        Path out = dir.resolve("r.arrow");
        List<String> common = List.of("prepare-perturb", "--h5ad", fixture("replogle_layout.h5ad").toString(),
                "--treatments-file", assets.resolve("replogle2022_perturbation_clusters.tsv").toString(),
                "--gene-list", assets.resolve("replogle2022_expression_genes.txt").toString(), "--treatment-column", "gene",
                "--control", "non-targeting", "--max-controls", "20", "--gene-name-column", "gene_name", "--split", "random",
                "--seed", "7");
        CliRunner.Result r = CliRunner.run(concat(common, "--summary", summary.toString(), "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        PerturbationFile f = PerturbationFile.read(out);
        PerturbationData d = f.data();
        assertEquals(681 + 20, d.cells().size(), "one cell per target and 20 of the 30 controls; NOTLISTED's cells dropped");
        assertEquals(681, d.treatments().size());
        assertEquals(1187, d.genes().size());
        assertEquals("ENSG00000001186", d.genes().get(1186), "the name listed once, twice in var: both genes");
        assertFalse(d.genes().contains("ENSG00000001187"), "OTHER0 is not listed");
        assertEquals(20, java.util.stream.IntStream.range(0, d.cells().size()).filter(d::isControl).count());
        assertArrayEquals(new float[] {1, 0}, java.util.Arrays.copyOf(d.counts().denseRow(0), 2), "cell0000: gene 0");
        var json = io.gexflow.io.Json.MAPPER.readTree(summary.toFile());
        // 701 cells: round(0.2 * 701) = 140 test, round(0.2 * 561) = 112 val, 449 train
        assertEquals(List.of(140, 112, 449, 0), List.of(json.get("test").asInt(), json.get("val").asInt(),
                json.get("train").asInt(), json.get("heldout").asInt()));

        Path held = dir.resolve("ner.arrow");
        r = CliRunner.run(concat(common, "--heldout-group", "NER", "--out", held.toString()));
        assertEquals(0, r.exit(), r.err());
        PerturbationFile h = PerturbationFile.read(held);
        List<?> splits = h.obs().get("split");
        List<?> treatment = h.obs().get("treatment");
        java.util.Set<Object> heldTreatments = new java.util.TreeSet<>();
        for (int i = 0; i < splits.size(); i++) {
            if ("heldout".equals(splits.get(i))) {
                heldTreatments.add(treatment.get(i));
            }
        }
        assertEquals(23, heldTreatments.size());
        assertTrue(heldTreatments.containsAll(List.of("ERCC2", "ERCC3", "GTF2H1", "MNAT1", "CCNH")), heldTreatments.toString());
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
