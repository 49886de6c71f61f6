package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gexflow.io.InputException;
import io.gexflow.eval.interpret.MajorWeightMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's interpretation section, from a hand-written interpretation directory. */
class InterpretationReportTest {
    private static final Pattern PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    @TempDir Path dir;

    /** interpretation.json with two matrices, their maps, and the R^2 figures and TSV. */
    static ObjectNode writeInterpretation(Path d, int nTargets) throws Exception {
        Files.createDirectories(d);
        ObjectNode root = ReportFixture.JSON.createObjectNode();
        root.putObject("model").put("label", "D-GEX 1x256, 10% dropout").put("directory", "dgex_1x256_d0.1");
        root.put("n_landmarks", 100);
        root.put("n_targets", nTargets);
        ObjectNode mw = root.putObject("major_weights");
        mw.put("definition", "weight w of a matrix is major at k sd when (w - mean) / sd > k (positive) or < -k (negative)");
        mw.putArray("thresholds_sd").add(4.0).add(5.0);
        ArrayNode ms = mw.putArray("matrices");
        Random rnd = new Random(2);
        String[][] names = {{"input -> hidden 1", "100", "256"}, {"hidden 1 -> output", "256", String.valueOf(nTargets)}};
        for (int i = 0; i < names.length; i++) {
            int from = Integer.parseInt(names[i][1]);
            int to = Integer.parseInt(names[i][2]);
            float[] w = new float[from * to];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (rnd.nextGaussian() * (rnd.nextInt(200) == 0 ? 6 : 1));
            }
            MajorWeightMap map = MajorWeightMap.of(w, to, from, 4, 5, WeightMapChart.MAP_WIDTH, WeightMapChart.MAP_HEIGHT);
            String png = "major_weights_p0_w" + (i + 1) + ".png";
            Files.write(d.resolve(png), WeightMapChart.png(map, "Major weights, " + names[i][0], "counts", "from units", "to units"));
            ObjectNode m = ms.addObject();
            m.put("partition", 0).put("matrix", i + 1).put("name", names[i][0]).put("from_units", from).put("to_units", to)
                    .put("weights", (long) from * to).put("mean", 0.0).put("sd", 0.0123);
            ArrayNode counts = m.putArray("counts");
            counts.addObject().put("sd", 4.0).put("positive", 37 + i).put("negative", 29).put("total", 66 + i)
                    .put("fraction", (66.0 + i) / (from * to)).put("from_units_with_major", 31).put("to_units_with_major", 40);
            counts.addObject().put("sd", 5.0).put("positive", 12).put("negative", 9 + i).put("total", 21 + i)
                    .put("fraction", (21.0 + i) / (from * to)).put("from_units_with_major", 15).put("to_units_with_major", 18);
            m.put("map_png", png);
            m.put("units_tsv", "major_weights_p0_w" + (i + 1) + ".tsv");
        }
        ObjectNode a = root.putObject("adjusted_r2");
        a.put("training_samples", 2400).put("test_samples", 300).put("hidden_layer", 1).put("hidden_units", 256).put("genes", nTargets);
        a.putObject("landmarks").put("predictors", 100).put("predictors_used", 100).put("adjusted_r2_mean", 0.41)
                .put("adjusted_r2_sd", 0.12).put("adjusted_r2_median", 0.43).put("r2_mean", 0.425).put("test_r2_mean", 0.39)
                .put("test_r2_sd", 0.13).put("test_r2_median", 0.4);
        ObjectNode hid = a.putObject("hidden").put("predictors", 256);
        hid.putArray("predictors_used").add(255);
        hid.put("adjusted_r2_mean", 0.55).put("adjusted_r2_sd", 0.1).put("adjusted_r2_median", 0.56).put("r2_mean", 0.58)
                .put("test_r2_mean", 0.5).put("test_r2_sd", 0.11).put("test_r2_median", 0.51);
        a.putObject("network").put("r2_mean", 0.57).put("test_r2_mean", 0.49).put("test_r2_sd", 0.11).put("test_r2_median", 0.5);
        a.put("fraction_hidden_higher_adjusted_r2", 0.9667).put("fraction_hidden_higher_test_r2", 0.9);
        double[] x = new double[nTargets];
        double[] y = new double[nTargets];
        for (int i = 0; i < nTargets; i++) {
            x[i] = 0.4 + 0.1 * rnd.nextGaussian();
            y[i] = x[i] + 0.1 + 0.03 * rnd.nextGaussian();
        }
        Files.write(d.resolve("adjusted_r2_train.png"), Charts.png(Charts.scatter("Adjusted R2", "landmarks", x, "hidden", y, "sub")));
        Files.write(d.resolve("r2_test.png"), Charts.png(Charts.scatter("Test R2", "landmarks", x, "hidden", y, "sub")));
        Files.writeString(d.resolve("adjusted_r2.tsv"), "gene\tpartition\n");
        a.put("tsv", "adjusted_r2.tsv").put("train_png", "adjusted_r2_train.png").put("test_png", "r2_test.png");
        ReportFixture.JSON.writerWithDefaultPrettyPrinter().writeValue(d.resolve("interpretation.json").toFile(), root);
        return root;
    }

    @Test
    void rendersTheSectionDeterministically() throws Exception {
        ReportFixture f = new ReportFixture(dir, 60, 4);
        Path metrics = f.write();
        Path interp = dir.resolve("interpretation");
        writeInterpretation(interp, 60);
        String h1 = DgexReport.render(metrics, Optional.of(interp));
        String h2 = DgexReport.render(metrics, Optional.of(interp));
        assertEquals(h1, h2);
        Path out = dir.resolve("r.html");
        DgexReport.write(metrics, Optional.of(interp), out);
        assertArrayEquals(h1.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out));

        assertTrue(h1.contains("<h2>Interpretation of D-GEX 1x256, 10% dropout</h2>"));
        assertTrue(h1.contains("<tr><td>input -&gt; hidden 1</td><td>256 &times; 100</td><td>0.01230</td><td>37 / 29 ("
                + Html.pct2(66.0 / 25600) + ")</td><td>31 of 100 / 40 of 256</td><td>12 / 9 (" + Html.pct2(21.0 / 25600)
                + ")</td><td>15 of 100 / 18 of 256</td></tr>"));
        assertTrue(h1.contains("<tr><td>landmark genes</td><td>100 (100)</td><td>0.4100 &plusmn; 0.1200 (0.4300)</td>"
                + "<td>0.4250</td><td>0.3900 &plusmn; 0.1300 (0.4000)</td></tr>"));
        assertTrue(h1.contains("<tr><td>last hidden layer</td><td>256 (255)</td><td>0.5500 &plusmn; 0.1000 (0.5600)</td>"));
        assertTrue(h1.contains("<tr><td>network output (its own prediction)</td><td>&ndash;</td><td>&ndash;</td><td>0.5700</td>"));
        assertTrue(h1.contains("higher adjusted R&sup2; on <strong>96.7%</strong> of the 60 target genes"));
        assertTrue(h1.contains("is the higher on 90.0% of them"));
        assertTrue(h1.indexOf("<h2>Interpretation of") < h1.indexOf("<h2>The paper's numbers (reference)</h2>"));
        assertTrue(!h1.contains(dir.toString()), "no absolute paths");

        // the embedded PNGs are the files, byte for byte, with their own sizes
        Matcher m = PNG.matcher(h1);
        int n = 0;
        boolean sawMap = false;
        byte[] map1 = Files.readAllBytes(interp.resolve("major_weights_p0_w1.png"));
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img.getWidth() == WeightMapChart.WIDTH && img.getHeight() == WeightMapChart.HEIGHT) {
                sawMap |= java.util.Arrays.equals(png, map1);
            }
            n++;
        }
        assertEquals(8 + 2 + 2, n, "report figures + 2 maps + 2 R^2 scatters");
        assertTrue(sawMap);
        assertTrue(h1.contains("width=\"" + WeightMapChart.WIDTH + "\" height=\"" + WeightMapChart.HEIGHT + "\""));
    }

    @Test
    void mismatchedTargetsWarnAndMissingFilesFail() throws Exception {
        ReportFixture f = new ReportFixture(dir, 40, 6);
        Path metrics = f.write();
        Path interp = dir.resolve("i2");
        writeInterpretation(interp, 55);
        String h = DgexReport.render(metrics, Optional.of(interp));
        assertTrue(h.contains("The interpretation covers 55 target genes, but metrics.json says n_targets = 40"));
        Files.delete(interp.resolve("r2_test.png"));
        InputException e = assertThrows(InputException.class, () -> DgexReport.render(metrics, Optional.of(interp)));
        assertTrue(e.getMessage().contains("r2_test.png"), e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(InputException.class, () -> DgexReport.render(metrics, Optional.of(empty)));
        assertTrue(e.getMessage().contains("interpretation.json"), e.getMessage());
    }

    /** A fit interpret-dgex could not make: its reason replaces the numbers; a figure absent without a reason fails. */
    @Test
    void notComputedFitsShowTheirReasonAndNothingGoesSilently() throws Exception {
        ReportFixture f = new ReportFixture(dir, 60, 4);
        Path metrics = f.write();
        Path interp = dir.resolve("skipped");
        ObjectNode root = writeInterpretation(interp, 60);
        ObjectNode a = (ObjectNode) root.get("adjusted_r2");
        String why = "not computed: OLS on the 943 landmark genes (p = 943 predictors used) needs more than p + 1 = 944 "
                + "training samples for an adjusted R^2, and there are 160";
        ObjectNode land = (ObjectNode) a.get("landmarks");
        for (String k : new String[] {"adjusted_r2_mean", "adjusted_r2_sd", "adjusted_r2_median", "r2_mean", "test_r2_mean"}) {
            land.putNull(k);
        }
        land.put("computed", false).put("not_computed", why).put("samples_needed", 945);
        a.putNull("train_png").putNull("test_png").putNull("fraction_hidden_higher_adjusted_r2").putNull("fraction_hidden_higher_test_r2");
        a.put("figures_not_drawn", "the R^2 scatters need both fits; " + why);
        ReportFixture.JSON.writeValue(interp.resolve("interpretation.json").toFile(), root);
        String h = DgexReport.render(metrics, Optional.of(interp));
        assertTrue(h.contains("<tr><td>landmark genes</td><td>100 (100)</td><td colspan=\"3\" class=\"na\">Not computed: OLS on the "
                + "943 landmark genes (p = 943 predictors used) needs more than p + 1 = 944 training samples for an adjusted R^2, "
                + "and there are 160.</td></tr>"), "the row says why");
        assertTrue(h.contains("<div class=\"note\">Landmark genes: not computed: OLS on the 943 landmark genes"));
        assertTrue(h.contains("Figures of the per-gene R&sup2; not drawn: The R^2 scatters need both fits; not computed"));
        assertTrue(h.contains("<tr><td>last hidden layer</td><td>256 (255)</td><td>0.5500 &plusmn; 0.1000 (0.5600)</td>"),
                "the hidden layer's numbers stay");
        assertTrue(!h.contains("higher adjusted R&sup2; on"));
        assertEquals(8 + 2, PNG.matcher(h).results().count(), "report figures + 2 maps, no R^2 scatter");

        a.remove("figures_not_drawn");
        ReportFixture.JSON.writeValue(interp.resolve("interpretation.json").toFile(), root);
        InputException e = assertThrows(InputException.class, () -> DgexReport.render(metrics, Optional.of(interp)));
        assertTrue(e.getMessage().contains("train_png"), e.getMessage());
    }
}
