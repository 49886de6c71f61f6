package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.gct.GctDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D-GEX track rehearsed on the published inputs: the unmodified published gene maps, a GCTX whose
 * rows are the HG-U133A probe ids they use (test-data/dgex_u133a, 200 samples), the GTEx / 1000 Genomes
 * layouts with versioned and ENSGR Ensembl ids, and inference on cmapPy's real L1000 profiles.
 */
class DgexRehearsalTest {
    static final Path DATA = Path.of("test-data/dgex_u133a");
    static final Path LM = DATA.resolve("map_lm.txt");
    static final Path TG = DATA.resolve("map_tg.txt");
    static final Path L1000 = Path.of("test-data/l1000/test_l1000.gct");

    @TempDir Path dir;

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static List<String> array(String json) throws Exception {
        return Json.MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    }

    @Test
    void convertSplitNormalizeBaselinesTrainEvaluateReportInfer() throws Exception {
        Path geo = dir.resolve("geo.arrow");
        CliRunner.Result conv = CliRunner.run("convert", "--input", DATA.resolve("geo_sim.gctx").toString(), "--landmarks",
                LM.toString(), "--targets", TG.toString(), "--out", geo.toString());
        ok(conv);
        DenseMatrix m = ArrowMatrixReader.readAll(geo);
        assertEquals(200, m.rows());
        List<String> landmarks = array(m.metadata().get(RegressionData.LANDMARKS));
        assertEquals(943, landmarks.size());
        assertEquals(943 + 9520, m.cols());
        JsonNode maps = Json.MAPPER.readTree(m.metadata().get(ConvertCommand.META_SUMMARY)).get("gene_maps");
        assertEquals(0, maps.get("landmarks").get("absent_from_input").asInt());
        assertEquals(0, maps.get("targets").get("absent_from_input").asInt());
        assertEquals(15744, maps.get("targets").get("probes").asInt());

        ok(CliRunner.run("split", "--input", geo.toString(), "--seed", "1", "--out", dir.resolve("split.tsv").toString()));
        Path norm = dir.resolve("norm");
        ok(CliRunner.run("normalize", "--input", geo.toString(), "--split", dir.resolve("split.tsv").toString(),
                "--out-dir", norm.toString()));
        String train = norm.resolve("train.arrow").toString();
        String valid = norm.resolve("valid.arrow").toString();
        // 160 training samples < 943 landmarks: LR is the minimum-norm least-squares fit
        ok(CliRunner.run("train-lr", "--train", train, "--valid", valid, "--penalty", "none", "--out-dir", dir.resolve("lr").toString()));
        ok(CliRunner.run("train-lr", "--train", train, "--valid", valid, "--penalty", "l2", "--lambdas", "100,1",
                "--out-dir", dir.resolve("lr_l2").toString()));
        ok(CliRunner.run("train-knn", "--train", train, "--valid", valid, "--ks", "5,10", "--out-dir", dir.resolve("knn").toString()));
        Path dgex = dir.resolve("dgex_1x64_d0.1");
        ok(CliRunner.run("train-dgex", "--train", train, "--valid", valid, "--hidden-units", "64", "--epochs", "2",
                "--batch-size", "32", "--monitor-samples", "100", "--out-dir", dgex.toString()));
        Path eval = dir.resolve("eval");
        ok(CliRunner.run("evaluate", "--test", norm.resolve("test.arrow").toString(), "--model", "lr=" + dir.resolve("lr"),
                "--model", "lr_l2=" + dir.resolve("lr_l2"), "--model", "knn=" + dir.resolve("knn"),
                "--model", "dgex_1x64_d0.1=" + dgex, "--out-dir", eval.toString()));
        JsonNode metrics = Json.MAPPER.readTree(eval.resolve("metrics.json").toFile());
        assertEquals(9520, metrics.get("n_targets").asInt());
        double lrMae = metrics.get("models").get("lr").get("overall_mae").asDouble();
        assertTrue(lrMae > 0 && lrMae < 1.5, "LR on standardised targets: " + lrMae);
        List<String> perGene = Files.readAllLines(eval.resolve("per_gene_mae_lr.tsv"));
        assertEquals(9521, perGene.size());
        assertTrue(perGene.contains("tg:ENSGR0000124334\tIL9R\tENSGR0000124334\t" + perGene.stream()
                .filter(l -> l.startsWith("tg:ENSGR0000124334\t")).findFirst().orElseThrow().split("\t")[3]),
                "IL9R's PAR copy is its own gene, with symbol and Ensembl id");
        assertEquals(0, metrics.get("convert").get("gene_maps").get("targets").get("absent_from_input").asInt());
        assertEquals("drop-samples", metrics.get("convert").get("missing").get("policy").asText());

        // inference on real L1000 profiles: the 943 landmark probes of map_lm.txt are rows of test_l1000.gct
        Path arrow = dir.resolve("l1000.arrow");
        Path gctx = dir.resolve("l1000.gctx");
        Path summary = dir.resolve("test_l1000.inference.json");
        ok(CliRunner.run("infer", "--input", L1000.toString(), "--model", dgex.toString(), "--normalization",
                norm.resolve("normalization.json").toString(), "--landmarks", LM.toString(), "--out-arrow", arrow.toString(),
                "--out-gctx", gctx.toString(), "--out-summary", summary.toString()));
        JsonNode s = Json.MAPPER.readTree(summary.toFile());
        assertEquals(377, s.get("profiles").asInt());
        assertEquals(9520, s.get("targets").asInt());
        assertEquals(943, s.get("landmarks").asInt());
        // the report says what was converted, dropped and inferred
        Path report = dir.resolve("dgex.html");
        ok(CliRunner.run("report", "--metrics", eval.resolve("metrics.json").toString(), "--inference", summary.toString(),
                "--out", report.toString()));
        String html = Files.readString(report);
        assertTrue(html.contains("<strong>Inference:</strong> 9,520 target genes predicted for 377 profiles of <code>test_l1000.gct</code>"
                + " from 943 landmark genes"), "inference line");
        assertTrue(html.contains("<tr><td>targets</td><td><code>map_tg.txt</code></td><td>9,520</td><td>15,744</td><td>0</td><td>0</td>"
                + "<td>0</td></tr>"), "target map counts");
        assertTrue(html.contains("Missing values, policy <code>--missing drop-samples</code>: 0 sample &times; gene values had no "
                + "finite probe; dropped 0 of 200 samples and 0 of 10,463 genes."), "missing-value line");

        DenseMatrix a = ArrowMatrixReader.readAll(arrow);
        assertEquals(377, a.rows());
        assertEquals(9520, a.cols());
        assertEquals(GeneMap.read(TG).featureIds(GeneMap.Role.TARGET), a.features());
        try (GctDataset in = GctDataset.open(L1000); GctDataset out = GctDataset.open(gctx)) {
            assertEquals(9520, out.rowCount());
            assertEquals(377, out.columnCount());
            assertEquals(in.columnIds(), out.columnIds());
            assertEquals(in.columnMetadata().keySet(), out.columnMetadata().keySet());
            assertEquals(in.columnMetadata().get("pert_iname"), out.columnMetadata().get("pert_iname"));
            float[] y = out.readAll();
            for (float v : y) {
                assertTrue(v > 0 && v < 20, "expression scale: " + v);
            }
        }
    }

    @Test
    void gtexAndGeuvadisRowsMatchByUnversionedEnsemblIdIncludingEnsgr() throws Exception {
        try (GctDataset gtex = GctDataset.open(DATA.resolve("gtex_sim.gctx"))) {
            assertTrue(gtex.rowIds().stream().anyMatch(id -> id.startsWith("ENSGR0000124334.")), "a versioned ENSGR row");
            assertTrue(gtex.rowIds().stream().allMatch(id -> id.contains(".")), "versioned ids");
        }
        Path out = dir.resolve("gtex.arrow");
        ok(CliRunner.run("convert", "--input", DATA.resolve("gtex_sim.gctx").toString(), "--match-by", "ensembl",
                "--landmarks", LM.toString(), "--targets", TG.toString(), "--out", out.toString()));
        DenseMatrix g = ArrowMatrixReader.readAll(out);
        assertEquals(80, g.rows());
        assertEquals(943 + 9520, g.cols());
        assertEquals(943, array(g.metadata().get(RegressionData.LANDMARKS)).size());
        Path geu = dir.resolve("geuvadis.arrow");
        ok(CliRunner.run("convert", "--input", DATA.resolve("geuvadis_sim.txt.gz").toString(), "--format", "rpkm_table",
                "--match-by", "ensembl", "--landmarks", LM.toString(), "--targets", TG.toString(), "--out", geu.toString()));
        DenseMatrix e = ArrowMatrixReader.readAll(geu);
        assertEquals(40, e.rows());
        assertEquals(943 + 9520, e.cols());
        assertEquals(g.features(), e.features());
    }
}
