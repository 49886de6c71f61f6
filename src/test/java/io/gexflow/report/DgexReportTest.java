package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gexflow.cli.ReportCommand;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DgexReportTest {
    private static final Pattern PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir static Path dir;
    static ReportFixture fx;
    static Path metrics;
    static String html;

    @BeforeAll
    static void build() throws Exception {
        fx = new ReportFixture(dir, 300, 11);
        metrics = fx.write();
        html = DgexReport.render(metrics);
    }

    private static String meanSd(String key) {
        double[] v = fx.mae.get(key);
        return Html.meanSd(ReportFixture.mean(v), ReportFixture.sd(v));
    }

    @Test
    void containsRunMetadataAndThisRunTable() {
        assertTrue(html.contains("simulated GEO-format matrix (gexflow simulate, seed 7)"));
        assertTrue(html.contains("GEO-te"));
        assertTrue(html.contains("<th>Target genes (outputs)</th><td>300</td>"));
        assertTrue(html.contains("<th>Landmark genes (inputs)</th><td>100</td>"));
        assertTrue(html.contains("<th>Test samples</th><td>300</td>"));
        for (String key : List.of("lr", "dgex", "dgex_1x3000", "knn")) {
            assertTrue(html.contains(meanSd(key)), "this run's MAE of " + key);
        }
        assertTrue(html.contains("D-GEX 1x256, 10% dropout"));
    }

    @Test
    void containsThePapersNumbersForTheSameModelKind() {
        // LR and KNN-GE rows carry the paper's GEO-te baselines
        assertTrue(html.contains("0.3784 &plusmn; 0.0851 <span class=\"src\">(LR, GEO-te)</span>"));
        assertTrue(html.contains("0.5866 &plusmn; 0.0698 <span class=\"src\">(KNN-GE, GEO-te)</span>"));
        // 1 x 3000 is in Table 1, 1 x 256 is not
        assertTrue(html.contains("0.3421 &plusmn; 0.0858 <span class=\"src\">(Table 1, 1 &times; 3000"));
        assertTrue(html.contains("n/a (architecture not in the paper's grid)"));
        // the full reference tables
        assertTrue(html.contains("0.3204 &plusmn; 0.0879")); // Table 1, 3 x 9000
        assertTrue(html.contains("0.4393 &plusmn; 0.1239")); // Table 2, 2 x 9000
        assertTrue(html.contains("0.5667 &plusmn; 0.1271")); // Table 2, LR-L1
        assertTrue(html.contains("15.33%"));
        assertTrue(html.contains("99.97%"));
        assertTrue(html.contains("not expected to match"));
    }

    @Test
    void containsImprovementSentences() {
        double lr = ReportFixture.mean(fx.mae.get("lr"));
        double d = ReportFixture.mean(fx.mae.get("dgex"));
        double frac = ReportFixture.fractionLower(fx.mae.get("dgex"), fx.mae.get("lr"));
        String expected = "D-GEX 1x256, 10% dropout beats LR by " + Html.pct1((lr - d) / lr)
                + " (lower error on " + Html.pct1(frac) + " of target genes)";
        assertTrue(html.contains(expected), expected);
        assertTrue(html.contains("KNN-GE does NOT beat LR: its overall error is "));
        assertFalse(html.contains("Input consistency warnings"), "fixture is consistent");
    }

    @Test
    void sentenceWording() {
        assertEquals("D-GEX beats LR by 26.8% (lower error on 97.0% of target genes)",
                DgexReport.sentence("D-GEX", "LR", 0.268, Optional.of(0.97)));
        assertEquals("D-GEX does NOT beat LR: its overall error is 5.0% higher (lower error on 40.0% of target genes)",
                DgexReport.sentence("D-GEX", "LR", -0.05, Optional.of(0.40)));
        assertEquals("D-GEX does NOT beat LR: equal overall error", DgexReport.sentence("D-GEX", "LR", 0.0, Optional.empty()));
    }

    @Test
    void hasInlinePngFiguresThatDecode() throws Exception {
        Matcher m = PNG.matcher(html);
        List<byte[]> pngs = new ArrayList<>();
        while (m.find()) {
            pngs.add(Base64.getDecoder().decode(m.group(1)));
        }
        // Fig 1 (one dropout rate), density, 2 D-GEX x (vs LR, vs KNN), Fig 5, one learning curve
        assertEquals(8, pngs.size());
        for (byte[] png : pngs) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img);
            assertEquals(Charts.WIDTH, img.getWidth());
            assertEquals(Charts.HEIGHT, img.getHeight());
        }
        for (String fig : List.of("paper Fig. 1", "paper Fig. 2", "paper Fig. 3", "paper Fig. 4", "paper Fig. 5")) {
            assertTrue(html.contains(fig), fig);
        }
    }

    @Test
    void selfContained() {
        Matcher remote = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html);
        assertFalse(remote.find(), () -> "remote reference: " + remote.group());
        assertFalse(html.contains("http://"));
        assertFalse(html.contains("https://"));
        assertFalse(html.toLowerCase().contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains(dir.toString()), "no absolute paths in the report");
    }

    @Test
    void byteIdenticalWhenBuiltTwice() throws Exception {
        Path a = dir.resolve("out/a.html");
        Path b = dir.resolve("out/b.html");
        DgexReport.write(metrics, a);
        DgexReport.write(metrics, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(html.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(a));
    }

    @Test
    void pngRenderingIsDeterministic() {
        byte[] p1 = Charts.png(Charts.scatter("t", "LR", fx.mae.get("lr"), "D-GEX", fx.mae.get("dgex")));
        byte[] p2 = Charts.png(Charts.scatter("t", "LR", fx.mae.get("lr"), "D-GEX", fx.mae.get("dgex")));
        assertArrayEquals(p1, p2);
    }

    @Test
    void escapesEveryInputString() throws Exception {
        Path d = Files.createDirectory(dir.resolve("escape"));
        ReportFixture f = new ReportFixture(d, 50, 3);
        f.root.put("dataset", "<script>alert('x')</script> & co");
        ((ObjectNode) f.models.get("knn")).put("label", "KNN <b>\"k\"</b>");
        String h = DgexReport.render(f.write());
        assertFalse(h.contains("<script>"));
        assertFalse(h.contains("<b>\"k\"</b>"));
        assertTrue(h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assertTrue(h.contains("KNN &lt;b&gt;&quot;k&quot;&lt;/b&gt;"));
    }

    @Test
    void paperDataHasNoMismatchNoteAndInconsistencyIsReported() throws Exception {
        Path d = Files.createDirectory(dir.resolve("paperdata"));
        ReportFixture f = new ReportFixture(d, 40, 5);
        f.root.put("dataset", "GEO bgedv2_QNORM.gctx (111,009 profiles)");
        ((ObjectNode) f.models.get("lr")).put("overall_mae", 0.9);
        String h = DgexReport.render(f.write());
        assertFalse(h.contains("not expected to match"));
        assertTrue(h.contains("Input consistency warnings"));
        assertTrue(h.contains("overall_mae in metrics.json is 0.9000"));
    }

    @Test
    void gtexTestSetUsesTable2AndFlagsDropoutMismatch() throws Exception {
        Path d = Files.createDirectory(dir.resolve("gtex"));
        ReportFixture f = new ReportFixture(d, 40, 2);
        f.root.put("test_set", "GTEx-te");
        String h = DgexReport.render(f.write());
        assertTrue(h.contains("0.4507 &plusmn; 0.1231 <span class=\"src\">(Table 2, 1 &times; 3000, dropout 25%)</span>"));
        assertTrue(h.contains("paper's cell is for 25% dropout, this model uses 10%"));
        assertTrue(h.contains("0.4702 &plusmn; 0.1234 <span class=\"src\">(LR, GTEx-te)</span>"));
        assertTrue(h.contains("D-GEX-25%-9000x2 beats LR by 6.57%"));
    }

    @Test
    void onlyLrAndOneDgexWithoutKnnOrHistory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("minimal"));
        ReportFixture f = new ReportFixture(d, 30, 9);
        f.models.remove("knn");
        f.models.remove("dgex_1x3000");
        f.mae.remove("knn");
        f.mae.remove("dgex_1x3000");
        ((ObjectNode) f.models.get("dgex")).remove("history");
        f.comparisons.removeAll();
        f.compare("dgex", "lr");
        String h = DgexReport.render(f.write());
        Matcher m = PNG.matcher(h);
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertEquals(3, n); // Fig 1, density, D-GEX vs LR
        assertFalse(h.contains("&mdash; paper Fig. 4"));
        assertTrue(h.contains("Paper Fig. 4 (D-GEX vs KNN-GE per gene) needs a model <code>knn</code>"));
        assertTrue(h.contains("Paper Fig. 5 (error per epoch per dropout rate) needs training histories"));
    }

    @Test
    void cliWritesAtomicallyAndLeavesNoTempFiles() throws Exception {
        Path outDir = dir.resolve("cli/nested");
        Path out = outDir.resolve("report.html");
        int rc = new CommandLine(new ReportCommand()).execute("--metrics", metrics.toString(), "--out", out.toString());
        assertEquals(0, rc);
        assertArrayEquals(html.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of(out), s.toList());
        }
    }
}
