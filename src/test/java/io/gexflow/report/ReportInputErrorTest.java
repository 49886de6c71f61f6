package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gexflow.cli.ReportCommand;
import io.gexflow.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportInputErrorTest {
    @TempDir Path dir;

    private InputException fails(Path metrics) {
        return assertThrows(InputException.class, () -> DgexReport.render(metrics));
    }

    @Test
    void mismatchedGeneSetsNameTheFile() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        Path metrics = f.write();
        List<String> other = new ArrayList<>(f.genes);
        other.set(7, "NOT_A_TARGET");
        Path dgexTsv = dir.resolve("per_gene_mae_dgex.tsv");
        ReportFixture.writeTsv(dgexTsv, other, f.mae.get("dgex"));
        InputException e = fails(metrics);
        assertEquals(dgexTsv, e.file());
        assertTrue(e.getMessage().startsWith(dgexTsv + ": gene set differs from "), e.getMessage());
        assertTrue(e.getMessage().contains("NOT_A_TARGET") && e.getMessage().contains("GENE0007"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void geneCountDifferentFromNTargets() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        Path metrics = f.write();
        Path knnTsv = dir.resolve("per_gene_mae_knn.tsv");
        ReportFixture.writeTsv(knnTsv, f.genes.subList(0, 19), f.mae.get("knn"));
        InputException e = fails(metrics);
        assertEquals(knnTsv, e.file());
        assertTrue(e.getMessage().contains("has 19 genes") && e.getMessage().contains("n_targets = 20"), e.getMessage());
    }

    @Test
    void missingPerGeneFileNamesTheFile() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        Path metrics = f.write();
        Path lrTsv = dir.resolve("per_gene_mae_lr.tsv");
        Files.delete(lrTsv);
        InputException e = fails(metrics);
        assertEquals(lrTsv, e.file());
        assertEquals(lrTsv + ": no such file", e.getMessage());
    }

    @Test
    void badTsvHeaderAndValues() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        Path metrics = f.write();
        Path lrTsv = dir.resolve("per_gene_mae_lr.tsv");
        Files.writeString(lrTsv, "gene,mae\nA,0.1\n");
        assertTrue(fails(metrics).getMessage().contains("expected header 'gene<TAB>symbol<TAB>ensembl<TAB>mae' (or 'gene<TAB>mae')"));
        Files.writeString(lrTsv, "gene\tsymbol\tensembl\tmae\ntg:ENSG1\tA\t0.1\n");
        assertTrue(fails(metrics).getMessage().contains("line 2: expected 4 tab-separated fields, found 3"));
        Files.writeString(lrTsv, "gene\tmae\nA\tzero\n");
        assertTrue(fails(metrics).getMessage().contains("line 2: MAE 'zero' is not a number"));
        Files.writeString(lrTsv, "gene\tmae\nA\t0.1\nA\t0.2\n");
        assertTrue(fails(metrics).getMessage().contains("gene 'A' repeats line 2"));
    }

    @Test
    void missingOrInvalidMetrics() throws Exception {
        Path none = dir.resolve("nope.json");
        assertEquals(none + ": no such file", fails(none).getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"models\": ");
        InputException e = fails(bad);
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().contains("not valid JSON"));
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        ((ObjectNode) f.models.get("dgex")).remove("overall_mae");
        Path metrics = f.write();
        assertEquals(metrics + ": missing field 'models.dgex.overall_mae'", fails(metrics).getMessage());
        f.root.remove("test_set");
        ((ObjectNode) f.models.get("dgex")).put("overall_mae", 0.3);
        f.write();
        assertEquals(metrics + ": missing field 'test_set'", fails(metrics).getMessage());
    }

    @Test
    void comparisonWithUnknownModel() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        ((ObjectNode) f.comparisons.get(0)).put("baseline", "lr_l9");
        Path metrics = f.write();
        assertTrue(fails(metrics).getMessage().contains("comparisons[0] refers to model 'lr_l9'"));
    }

    @Test
    void missingHistoryNamesTheFile() throws Exception {
        ReportFixture f = new ReportFixture(dir, 20, 1);
        Path metrics = f.write();
        Path h = dir.resolve("history_dgex.json");
        Files.delete(h);
        assertEquals(h, fails(metrics).file());
    }

    @Test
    void cliPropagatesInputExceptionAndWritesNothing() throws Exception {
        Path out = dir.resolve("r.html");
        ReportCommand cmd = new ReportCommand();
        new CommandLine(cmd).parseArgs("--metrics", dir.resolve("missing.json").toString(), "--out", out.toString());
        assertThrows(InputException.class, cmd::call);
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void cliRequiresBothOptions() {
        int rc = new CommandLine(new ReportCommand())
                .setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()))
                .execute("--metrics", "m.json");
        assertEquals(2, rc);
    }
}
