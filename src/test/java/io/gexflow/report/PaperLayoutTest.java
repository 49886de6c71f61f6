package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Table 1 / Table 2 layout, the best D-GEX comparison and the paper-form figures. */
class PaperLayoutTest {
    @TempDir Path dir;

    private static String meanSd(ReportFixture f, String key) {
        double[] v = f.mae.get(key);
        return Html.meanSd(ReportFixture.mean(v), ReportFixture.sd(v));
    }

    private static int count(String html, String s) {
        return html.split(Pattern.quote(s), -1).length - 1;
    }

    @Test
    void table1LayoutWithThePapersCellsBaselinesAndBestDgex() throws Exception {
        ReportFixture f = new ReportFixture(dir, 200, 11);
        String h = DgexReport.render(f.write());
        assertTrue(h.contains("<h2>This run in the layout of the paper's Table 1</h2>"));
        assertTrue(h.contains("<h3>D-GEX with 10% dropout</h3>"));
        assertFalse(h.contains("reports D-GEX with 10% dropout only"), "the run's rate is the paper's");
        // columns: the run's hidden units; 1 x 256 has no paper cell, 1 x 3000 has Table 1's
        assertTrue(h.contains("<th colspan=\"2\">256</th><th colspan=\"2\">3000</th>"));
        assertTrue(h.contains("<tr><th>1</th><td><strong>" + meanSd(f, "dgex") + "</strong></td><td class=\"paper\">&ndash;</td><td>"
                + meanSd(f, "dgex_1x3000") + "</td><td class=\"paper\">0.3421 &plusmn; 0.0858</td></tr>"));
        // rows 2 and 3: not in this run, the paper has 2 x 3000 and 3 x 3000
        assertTrue(h.contains("<tr><th>2</th><td>&ndash;</td><td class=\"paper\">&ndash;</td><td>&ndash;</td>"
                + "<td class=\"paper\">0.3377 &plusmn; 0.0854</td></tr>"));
        assertTrue(h.contains("<tr><th>3</th>"));
        // baselines below with the paper's values
        assertTrue(h.contains("<tr><td>LR</td><td>" + meanSd(f, "lr") + "</td><td class=\"paper\">0.3784 &plusmn; 0.0851</td></tr>"));
        assertTrue(h.contains("<tr><td>LR-L1</td><td><span class=\"na\">not in this run</span></td>"
                + "<td class=\"paper\">0.3782 &plusmn; 0.0844</td></tr>"));
        assertTrue(h.contains("<tr><td>KNN-GE</td><td>" + meanSd(f, "knn") + "</td><td class=\"paper\">0.5866 &plusmn; 0.0698</td></tr>"));
        // best D-GEX vs LR and KNN-GE, this run and the paper
        double d = ReportFixture.mean(f.mae.get("dgex"));
        double lr = ReportFixture.mean(f.mae.get("lr"));
        double knn = ReportFixture.mean(f.mae.get("knn"));
        assertTrue(h.contains("Best D-GEX of this run (lowest overall error on GEO-te): <strong>D-GEX 1x256, 10% dropout</strong>"));
        assertTrue(h.contains("<tr><td>LR</td><td>" + Html.pct2((lr - d) / lr) + "</td><td>"
                + Html.pct1(ReportFixture.fractionLower(f.mae.get("dgex"), f.mae.get("lr")))
                + "</td><td class=\"paper\">D-GEX-10%-9000x3: 15.33%, lower error on 99.97% of target genes</td></tr>"));
        assertTrue(h.contains("<tr><td>KNN-GE</td><td>" + Html.pct2((knn - d) / knn) + "</td><td>"
                + Html.pct1(ReportFixture.fractionLower(f.mae.get("dgex"), f.mae.get("knn")))
                + "</td><td class=\"paper\">D-GEX-10%-9000x3: 45.38% (fraction of genes not reported)</td></tr>"));
    }

    @Test
    void table2LayoutUsesThe25PercentTableAndAGridPerDropoutRate() throws Exception {
        ReportFixture f = new ReportFixture(dir, 120, 3);
        f.root.put("test_set", "GTEx-te");
        double[] v = f.mae.get("dgex_1x3000").clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 1.01;
        }
        f.addModel("dgex_2x3000_d25", "D-GEX 2x3000, 25% dropout", "dgex", v, new int[] {2, 3000}, 0.25);
        f.history("dgex_1x3000", 10, 8);
        f.history("dgex_2x3000_d25", 12, 12);
        String h = DgexReport.render(f.write());
        assertTrue(h.contains("<h2>This run in the layout of the paper's Table 2</h2>"));
        assertTrue(h.contains("GTEx-te, D-GEX with 25% dropout"));
        // the 10% grid: the paper's column is its 25% table, labelled so
        assertTrue(h.contains("<h3>D-GEX with 10% dropout</h3>\n<p class=\"na\">The paper's Table 2 reports D-GEX with 25% dropout only"));
        assertTrue(h.contains("<th class=\"paper\">paper (25%)</th>"));
        // the 25% grid: plain "paper" column, the 2 x 3000 cell beside Table 2's 0.4586
        assertTrue(h.contains("<h3>D-GEX with 25% dropout</h3>\n<table"));
        assertTrue(h.contains("<td>" + Html.meanSd(ReportFixture.mean(v), ReportFixture.sd(v))
                + "</td><td class=\"paper\">0.4586 &plusmn; 0.1194</td>"));
        assertTrue(h.contains("<tr><td>LR-L1</td><td><span class=\"na\">not in this run</span></td>"
                + "<td class=\"paper\">0.5667 &plusmn; 0.1271</td></tr>"));
        assertTrue(h.contains("D-GEX-25%-9000x2: 6.57%, lower error on 81.31% of target genes"));
        assertTrue(h.contains("D-GEX-25%-9000x2: 32.62%, lower error on 95.54% of target genes"));
        // Fig 1 once per dropout rate; Fig 5 for the best architecture (1 x 256: one rate only)
        assertEquals(2, count(h, "against the hidden units per layer"));
        assertTrue(h.contains("Overall MAE vs hidden units per number of hidden layers, 25% dropout"));
        assertTrue(h.contains("dashed with squares: the paper's Table 2 cells and LR"));
        assertEquals(1, count(h, "(the best architecture of this run) for each dropout rate"));
        assertTrue(h.contains("<summary>Learning curve of each D-GEX model (3)</summary>"));
    }

    @Test
    void fig5DrawsEveryDropoutRateOfTheBestArchitecture() throws Exception {
        ReportFixture f = new ReportFixture(dir, 80, 5);
        double[] v = f.mae.get("dgex").clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 1.02;
        }
        f.addModel("dgex_1x256_d0", "D-GEX 1x256, 0% dropout", "dgex", v, new int[] {1, 256}, 0.0);
        f.history("dgex_1x256_d0", 25, 9);
        String h = DgexReport.render(f.write());
        Matcher m = Pattern.compile("alt=\"Overall MAE per epoch of D-GEX 1x256 for each dropout rate\"").matcher(h);
        assertTrue(m.find());
        assertTrue(h.contains("<h3>D-GEX with 0% dropout</h3>"));
        assertTrue(h.contains("<h3>D-GEX with 10% dropout</h3>"));
        assertTrue(h.indexOf("<h3>D-GEX with 0% dropout</h3>") < h.indexOf("<h3>D-GEX with 10% dropout</h3>"));
        // the PNG of Fig 5 decodes (the chart is built from both histories)
        assertTrue(Files.exists(dir.resolve("history_dgex_1x256_d0.json")));
    }
}
