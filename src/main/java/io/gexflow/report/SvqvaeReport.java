package io.gexflow.report;

import static io.gexflow.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.eval.History;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The self-contained HTML report of the S-VQ-VAE track from EVALUATE-SVQVAE's metrics.json and the
 * analysis files it names: the paper's Table 1 beside this run, both perplexities and both test MSEs,
 * nearest-code classification, training curves, decoded codes, nearest-code frequencies, the code
 * distance heatmap, the nearest-partner graph with its communities, and generated samples. Pictures are
 * inline PNG; text is escaped; nothing depends on the time or the machine's paths, so the same inputs
 * give the same bytes.
 */
public final class SvqvaeReport {
    public static final String PAPER_RESOURCE = "svqvae_paper.json";
    private static final int MAX_LISTED_CLASSES = 40;

    private final Path dir;
    private final Path metricsFile;
    private final JsonNode metrics;
    private final JsonNode paper;
    private final String dataset;
    private final StringBuilder h = new StringBuilder(1 << 20);
    private int figure = 0;

    private SvqvaeReport(Path metricsFile, JsonNode metrics, JsonNode paper) {
        this.metricsFile = metricsFile;
        this.dir = metricsFile.toAbsolutePath().getParent();
        this.metrics = metrics;
        this.paper = paper;
        this.dataset = metrics.path("dataset").asText("");
    }

    /** The paper numbers bundled with the tool. */
    public static JsonNode paperNumbers() {
        try (InputStream in = SvqvaeReport.class.getResourceAsStream(PAPER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/gexflow/report/" + PAPER_RESOURCE + " is missing from the jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + PAPER_RESOURCE, e);
        }
    }

    public static String render(Path metricsJson) {
        if (!Files.isRegularFile(metricsJson)) {
            throw new InputException(metricsJson, "file not found");
        }
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(metricsJson.toFile());
        } catch (IOException e) {
            throw new InputException(metricsJson, "not valid JSON (" + e.getMessage() + ")", e);
        }
        if (m == null || !"svqvae".equals(m.path("track").asText()) || !m.path("models").isObject()) {
            throw new InputException(metricsJson, "not the metrics.json of evaluate-svqvae (track svqvae with models)");
        }
        return new SvqvaeReport(metricsJson, m, paperNumbers()).html();
    }

    public static void write(Path metricsJson, Path outHtml) {
        AtomicFile.writeString(outHtml, render(metricsJson));
    }

    // ------------------------------------------------------------------ helpers

    private static String num(JsonNode n, int decimals) {
        if (n == null || n.isMissingNode() || n.isNull() || !n.isNumber()) {
            return "&ndash;";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble());
    }

    private static String num3(JsonNode n) {
        return num(n, 3);
    }

    private List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    private Path file(JsonNode model, String key) {
        String name = model.path("files").path(key).asText(null);
        if (name == null) {
            return null;
        }
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
            throw new InputException(metricsFile, "names " + key + " file '" + name + "' that is not beside it");
        }
        return p;
    }

    private void figure(byte[] png, String alt, String caption) {
        figure++;
        h.append("<figure>\n<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption><strong>Figure ").append(figure)
                .append(".</strong> ").append(caption).append("</figcaption>\n</figure>\n");
    }

    private static void style(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("gexflow-svqvae");
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        theme.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setPadding(new RectangleInsets(6, 6, 6, 10));
    }

    // ------------------------------------------------------------------ html

    private String html() {
        String ds = dataset.toUpperCase(Locale.ROOT);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>gexflow report: S-VQ-VAE on ").append(esc(ds)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>S-VQ-VAE: one interpretable code per class (").append(esc(ds)).append(")</h1>\n");
        h.append("<p class=\"sub\">gexflow report of track <code>svqvae</code>; reference: ")
                .append(esc(paper.path("citation").asText())).append("</p>\n");
        runTable();
        table1();
        detailTable();
        accuracyTable();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            modelSection(e.getKey(), e.getValue());
        }
        definitions();
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private void runTable() {
        List<String> classes = strings(metrics.path("classes"));
        h.append("<h2>This run</h2>\n<table class=\"kv\">\n");
        row("data set", esc(dataset));
        row("training / test samples", metrics.path("n_train").asInt() + " / " + metrics.path("n_test").asInt());
        row("input features", String.valueOf(metrics.path("n_features").asInt()));
        List<String> shown = classes.subList(0, Math.min(classes.size(), MAX_LISTED_CLASSES));
        row("classes (" + classes.size() + ")", esc(String.join(", ", shown)) + (classes.size() > shown.size() ? ", &hellip;" : ""));
        row("scale", esc(metrics.path("scale").asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            JsonNode s = m.path("settings");
            row("model <code>" + esc(e.getKey()) + "</code>", esc(m.path("label").asText()) + ", "
                    + esc(m.path("architecture").asText()) + ", " + m.path("codes").asInt() + " codes; "
                    + s.path("epochs").asInt() + " epochs, batch " + s.path("batch_size").asInt() + ", lr "
                    + esc(s.path("learning_rate").asText()) + ", beta " + esc(s.path("beta").asText()) + ", gamma "
                    + esc(s.path("gamma").asText()) + ", seed " + esc(s.path("seed").asText())
                    + (m.has("train_seconds") ? String.format(Locale.ROOT, "; trained in %.0f s", m.path("train_seconds").asDouble()) : ""));
        }
        h.append("</table>\n");
    }

    private void row(String key, String valueHtml) {
        h.append("<tr><th>").append(key).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private void table1() {
        h.append("<h2>Table 1: this run beside the paper</h2>\n");
        h.append("<p>Perplexity is the reference code's kind: label assignments for S-VQ-VAE, nearest-code "
                + "assignments for VQ-VAE (both kinds for every model are in the next table). Test MSE by the "
                + "label's code is what the reference notebook computes; by the nearest code is what the paper's "
                + "text describes.</p>\n");
        h.append("<table>\n<tr><th>model</th><th>source</th><th>perplexity</th><th>train MSE</th>"
                + "<th>test MSE (label code)</th><th>test MSE (nearest code)</th></tr>\n");
        for (JsonNode p : paper.path("table1")) {
            if (!p.path("dataset").asText().equals(dataset)) {
                continue;
            }
            h.append("<tr class=\"paper\"><td>").append(esc(p.path("label").asText())).append("</td><td>paper, Table 1</td><td>")
                    .append(num3(p.path("perplexity"))).append("</td><td>").append(num3(p.path("train_mse")))
                    .append("</td><td colspan=\"2\" class=\"c\">").append(num3(p.path("test_mse")))
                    .append(" (kind not stated)</td></tr>\n");
        }
        for (JsonNode r : paper.path("reference_runs")) {
            if (!r.path("dataset").asText().equals(dataset)) {
                continue;
            }
            h.append("<tr class=\"ref\"><td>").append(esc(r.path("label").asText())).append("</td><td>")
                    .append(esc(r.path("source").asText())).append("</td><td>").append(num3(r.path("perplexity")))
                    .append("</td><td>").append(num3(r.path("train_mse"))).append("</td><td>")
                    .append(num3(r.path("test_mse_label_code"))).append("</td><td>").append(num3(r.path("test_mse_nearest_code")))
                    .append("</td></tr>\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            h.append("<tr class=\"run\"><td>").append(esc(m.path("label").asText())).append("</td><td>this run (<code>")
                    .append(esc(e.getKey())).append("</code>)</td><td>").append(num3(m.path("perplexity").path("train_as_reference")))
                    .append("</td><td>").append(num3(m.path("mse").path("train"))).append("</td><td>")
                    .append(num3(m.path("mse").path("test_label_code"))).append("</td><td>")
                    .append(num3(m.path("mse").path("test_nearest_code"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<p class=\"note\">The paper's full Table 1:</p>\n<table>\n<tr><th>model</th><th>data</th>"
                + "<th>perplexity</th><th>train MSE</th><th>test MSE</th></tr>\n");
        for (JsonNode p : paper.path("table1")) {
            h.append("<tr><td>").append(esc(p.path("label").asText())).append("</td><td>")
                    .append(esc(p.path("dataset").asText().toUpperCase(Locale.ROOT))).append("</td><td>")
                    .append(num3(p.path("perplexity"))).append("</td><td>").append(num3(p.path("train_mse"))).append("</td><td>")
                    .append(num3(p.path("test_mse"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private void detailTable() {
        h.append("<h2>Both perplexities, both MSEs</h2>\n<table>\n<tr><th>model</th>"
                + "<th>perplexity train, label</th><th>perplexity train, nearest</th><th>perplexity test, label</th>"
                + "<th>perplexity test, nearest</th><th>perplexity last epoch</th>"
                + "<th>MSE train, label code</th><th>MSE train, nearest code</th><th>MSE last epoch</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue().path("perplexity");
            JsonNode m = e.getValue().path("mse");
            h.append("<tr><td><code>").append(esc(e.getKey())).append("</code> ").append(esc(e.getValue().path("label").asText()))
                    .append("</td><td>").append(num3(p.path("train_label_assignment"))).append("</td><td>")
                    .append(num3(p.path("train_nearest_code"))).append("</td><td>").append(num3(p.path("test_label_assignment")))
                    .append("</td><td>").append(num3(p.path("test_nearest_code"))).append("</td><td>")
                    .append(num3(p.path("train_last_epoch"))).append("</td><td>").append(num3(m.path("train_label_code")))
                    .append("</td><td>").append(num3(m.path("train_nearest_code"))).append("</td><td>")
                    .append(num3(m.path("train_last_epoch"))).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Label-assignment perplexity only counts classes: it is the same for every "
                + "model on the same split. \"Last epoch\" values are minibatch means during the last epoch, as the "
                + "reference code prints them; the others are computed after training on the whole split.</p>\n");
    }

    private void accuracyTable() {
        h.append("<h2>Classification by the nearest code</h2>\n<table>\n<tr><th>model / source</th><th>train</th><th>test</th>"
                + "<th>train, majority class of code</th><th>test, majority class of code</th><th>chance</th></tr>\n");
        for (JsonNode r : paper.path("reference_runs")) {
            if (r.path("dataset").asText().equals(dataset) && r.has("train_accuracy")) {
                h.append("<tr class=\"ref\"><td>").append(esc(r.path("label").asText())).append(", ")
                        .append(esc(r.path("source").asText())).append("</td><td>").append(num3(r.path("train_accuracy")))
                        .append("</td><td>").append(num3(r.path("test_accuracy"))).append("</td><td>&ndash;</td><td>&ndash;</td><td>&ndash;</td></tr>\n");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue().path("accuracy");
            h.append("<tr class=\"run\"><td><code>").append(esc(e.getKey())).append("</code> ")
                    .append(esc(e.getValue().path("label").asText())).append(", this run</td><td>")
                    .append(num3(a.path("train_nearest_code"))).append("</td><td>").append(num3(a.path("test_nearest_code")))
                    .append("</td><td>").append(num3(a.path("train_majority_code"))).append("</td><td>")
                    .append(num3(a.path("test_majority_code"))).append("</td><td>").append(num3(a.path("chance")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">S-VQ-VAE's code k stands for class k, so the nearest code is a class "
                + "prediction. A VQ-VAE's codes have no class: it is scored only by mapping each code to the majority "
                + "class of the training rows nearest to it.</p>\n");
    }

    private void modelSection(String name, JsonNode m) {
        String label = m.path("label").asText();
        h.append("<h2>").append(esc(label)).append(" <code>").append(esc(name)).append("</code></h2>\n");
        List<String> codes = strings(m.path("code_names"));
        List<String> classes = strings(metrics.path("classes"));
        trainingCurves(name, m);
        decodedCodes(name, m, codes);
        frequency(name, m, codes, classes);
        distances(name, m, codes);
        graph(name, m, codes);
        generated(name, m);
    }

    private void trainingCurves(String name, JsonNode m) {
        Path f = file(m, "history");
        if (f == null) {
            return;
        }
        History hist = History.read(f, "loss", "train_mse", "perplexity", "perplexity_nearest_code");
        XYSeries loss = new XYSeries("loss", false, true);
        XYSeries mse = new XYSeries("train MSE (l_r)", false, true);
        XYSeries ppl = new XYSeries("perplexity (reference kind)", false, true);
        XYSeries pplN = new XYSeries("perplexity, nearest code", false, true);
        for (History.Epoch e : hist.epochs()) {
            int ep = e.epoch();
            loss.add(ep, e.get("loss"));
            mse.add(ep, e.get("train_mse"));
            ppl.add(ep, e.get("perplexity"));
            pplN.add(ep, e.get("perplexity_nearest_code"));
        }
        XYSeriesCollection a = new XYSeriesCollection();
        a.addSeries(loss);
        a.addSeries(mse);
        XYSeriesCollection b = new XYSeriesCollection();
        b.addSeries(ppl);
        b.addSeries(pplN);
        JFreeChart c1 = line("Loss and reconstruction error per epoch", "epoch", "minibatch mean", a);
        JFreeChart c2 = line("Codebook usage per epoch", "epoch", "perplexity", b);
        figure(SvqvaeImages.chartGrid(List.of(c1, c2), 2, 560, 340), "training curves of " + name,
                "Training of <code>" + esc(name) + "</code>: minibatch means per epoch.");
    }

    private static JFreeChart line(String title, String x, String y, XYSeriesCollection ds) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, ds.getItemCount(0) <= 60);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Charts.color(i));
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private boolean images() {
        JsonNode shape = metrics.path("image_shape");
        return shape.isArray() && shape.size() == 2;
    }

    private int side() {
        return metrics.path("image_shape").get(0).asInt();
    }

    private void decodedCodes(String name, JsonNode m, List<String> codes) {
        Path f = file(m, "decoded_codes");
        if (f == null) {
            return;
        }
        DenseMatrix d = ArrowMatrixReader.readAll(f);
        if (images() && d.cols() == side() * side()) {
            List<float[]> imgs = new ArrayList<>();
            for (int i = 0; i < d.rows(); i++) {
                imgs.add(java.util.Arrays.copyOfRange(d.x(), i * d.cols(), (i + 1) * d.cols()));
            }
            figure(SvqvaeImages.imageGrid(imgs, Math.min(10, imgs.size()), side(), 4, null,
                    codes.subList(0, Math.min(10, codes.size())), -1, 1), "decoded codes of " + name,
                    "Every code of <code>" + esc(name) + "</code> passed through the decoder (the paper's decoded "
                            + "embeddings), labelled by code.");
        } else {
            double[][] v = rows(d);
            int cellH = Math.max(2, Math.min(14, 700 / Math.max(1, d.rows())));
            figure(SvqvaeImages.heatmap(v, d.ids(), null, Math.max(1, Math.min(3, 1000 / Math.max(1, d.cols()))), cellH, true,
                    -10, 10, false, "Decoded codes (codes x genes)", "z-score"),
                    "decoded codes of " + name, "Every code of <code>" + esc(name)
                            + "</code> passed through the decoder: one row per code, one column per gene (z-score scale).");
        }
    }

    private static double[][] rows(DenseMatrix d) {
        double[][] v = new double[d.rows()][d.cols()];
        for (int i = 0; i < d.rows(); i++) {
            for (int j = 0; j < d.cols(); j++) {
                v[i][j] = d.get(i, j);
            }
        }
        return v;
    }

    private record Tsv(List<String> header, List<List<String>> rows) {}

    private static Tsv readTsv(Path f) {
        try {
            List<String> lines = Files.readAllLines(f);
            if (lines.isEmpty()) {
                throw new InputException(f, "empty TSV");
            }
            List<List<String>> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isEmpty()) {
                    rows.add(List.of(l.split("\t", -1)));
                }
            }
            return new Tsv(List.of(lines.get(0).split("\t", -1)), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void frequency(String name, JsonNode m, List<String> codes, List<String> classes) {
        Path f = file(m, "code_frequency");
        if (f == null) {
            return;
        }
        Tsv t = readTsv(f);
        int nCodes = t.header().size() - 3;
        List<String> trainClasses = new ArrayList<>();
        List<double[]> counts = new ArrayList<>();
        for (List<String> r : t.rows()) {
            if (!r.get(0).equals("train")) {
                continue;
            }
            trainClasses.add(r.get(1));
            double[] c = new double[nCodes];
            for (int k = 0; k < nCodes; k++) {
                c[k] = Double.parseDouble(r.get(3 + k));
            }
            counts.add(c);
        }
        List<String> codeNames = t.header().subList(3, t.header().size());
        if (trainClasses.size() <= 12) {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < nCodes; k++) {
                String key = SvqvaeImages.clip(codeNames.get(k), 10);
                keys.add(keys.contains(key) ? key + "#" + k : key);
            }
            List<JFreeChart> charts = new ArrayList<>();
            for (int c = 0; c < trainClasses.size(); c++) {
                DefaultCategoryDataset ds = new DefaultCategoryDataset();
                for (int k = 0; k < nCodes; k++) {
                    ds.addValue(counts.get(c)[k], "rows", keys.get(k));
                }
                JFreeChart chart = ChartFactory.createBarChart("class " + SvqvaeImages.clip(trainClasses.get(c), 24),
                        "nearest code", "training rows", ds, PlotOrientation.VERTICAL, false, false, false);
                style(chart);
                CategoryPlot plot = chart.getCategoryPlot();
                BarRenderer r = (BarRenderer) plot.getRenderer();
                r.setBarPainter(new StandardBarPainter());
                r.setShadowVisible(false);
                r.setSeriesPaint(0, Charts.color(0));
                plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
                charts.add(chart);
            }
            figure(SvqvaeImages.chartGrid(charts, Math.min(5, charts.size()), 300, 260), "code frequency per class of " + name,
                    "Nearest code of the training rows of every class, <code>" + esc(name)
                            + "</code> (the paper's Fig 3 / Fig 5 left), one chart per class, one bar per code.");
        } else {
            double[][] frac = new double[counts.size()][];
            for (int c = 0; c < counts.size(); c++) {
                double s = 0;
                for (double v : counts.get(c)) {
                    s += v;
                }
                frac[c] = new double[nCodes];
                for (int k = 0; k < nCodes; k++) {
                    frac[c][k] = s == 0 ? 0 : counts.get(c)[k] / s;
                }
            }
            int cell = Math.max(4, Math.min(12, 900 / Math.max(1, nCodes)));
            figure(SvqvaeImages.heatmap(frac, trainClasses, codeNames, cell, Math.max(4, Math.min(12, 900 / frac.length)), false,
                    0, 1, false, "Nearest-code frequency (rows: classes, columns: codes)", "fraction"),
                    "code frequency per class of " + name, "Fraction of every class's training rows whose nearest code "
                            + "is each code, <code>" + esc(name) + "</code> (the paper's Fig 5 left, all classes at once).");
        }
    }

    private void distances(String name, JsonNode m, List<String> codes) {
        Path f = file(m, "code_distances");
        if (f == null) {
            return;
        }
        Tsv t = readTsv(f);
        double[][] d = new double[t.rows().size()][];
        List<String> labels = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < d.length; i++) {
            List<String> r = t.rows().get(i);
            labels.add(r.get(0));
            d[i] = new double[r.size() - 1];
            for (int j = 1; j < r.size(); j++) {
                d[i][j - 1] = Double.parseDouble(r.get(j));
                if (i != j - 1) {
                    lo = Math.min(lo, d[i][j - 1]);
                }
                hi = Math.max(hi, d[i][j - 1]);
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
        }
        int cell = d.length <= 12 ? 56 : Math.max(5, 900 / d.length);
        figure(SvqvaeImages.heatmap(d, labels, labels, cell, cell, false, lo, hi, true, "Euclidean distances between codes",
                "distance"), "code distances of " + name, "Pairwise Euclidean distances between the codes of <code>"
                        + esc(name) + "</code> (colour scale from the smallest off-diagonal distance).");
        h.append("<table>\n<tr><th>closest pairs, this run</th><th>distance</th><th>paper</th><th>distance</th></tr>\n");
        JsonNode pairs = m.path("closest_pairs");
        JsonNode paperPairs = paper.path("closest_pairs").path(dataset);
        int n = Math.max(Math.min(pairs.size(), 5), paperPairs.size());
        for (int i = 0; i < n; i++) {
            JsonNode a = pairs.path(i);
            JsonNode b = paperPairs.path(i);
            h.append("<tr><td>").append(a.isMissingNode() ? "" : esc(a.path("a").asText() + " \u2013 " + a.path("b").asText()))
                    .append("</td><td>").append(a.isMissingNode() ? "" : num3(a.path("distance"))).append("</td><td>")
                    .append(b.isMissingNode() ? "" : esc(b.path("a").asText() + " \u2013 " + b.path("b").asText()))
                    .append("</td><td>").append(b.isMissingNode() ? "" : num3(b.path("distance"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private void graph(String name, JsonNode m, List<String> codes) {
        Path f = file(m, "code_graph");
        if (f == null) {
            return;
        }
        Tsv t = readTsv(f);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            index.put(t.rows().get(i).get(0), i);
        }
        int n = t.rows().size();
        int[] partner = new int[n];
        int[] community = new int[n];
        List<String> names = new ArrayList<>(index.keySet());
        for (int i = 0; i < n; i++) {
            List<String> r = t.rows().get(i);
            partner[i] = r.get(1).isEmpty() ? -1 : index.getOrDefault(r.get(1), -1);
            community[i] = Integer.parseInt(r.get(3));
        }
        JsonNode g = m.path("graph");
        figure(SvqvaeImages.graph(names, partner, community, "Nearest-partner graph, modularity "
                + num3(g.path("modularity"))), "nearest-partner graph of " + name,
                "Arrow from every code of <code>" + esc(name) + "</code> to its nearest other code; colours are Louvain "
                        + "communities (" + esc(g.path("method").asText()) + ").");
        h.append("<table>\n<tr><th>community</th><th>codes</th></tr>\n");
        int c = 0;
        for (JsonNode members : g.path("communities")) {
            h.append("<tr><td>").append(c++).append("</td><td>").append(esc(String.join(", ", strings(members))))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Modularity of this run: <strong>").append(num3(g.path("modularity"))).append("</strong>");
        JsonNode pm = paper.path("modularity").path(dataset);
        if (pm.isNumber()) {
            h.append("; the paper's (").append(esc(dataset.toUpperCase(Locale.ROOT))).append(" PCL codes): ").append(num3(pm));
        }
        h.append(".</p>\n");
    }

    private void generated(String name, JsonNode m) {
        Path f = file(m, "generated");
        if (f == null) {
            return;
        }
        DenseMatrix d = ArrowMatrixReader.readAll(f);
        if (d.rows() == 0) {
            h.append("<p>No samples were generated for <code>").append(esc(name)).append("</code>.</p>\n");
            return;
        }
        List<Object> labels = d.obs().getOrDefault("label", List.of());
        if (images() && d.cols() == side() * side()) {
            Map<String, List<float[]>> groups = new LinkedHashMap<>();
            for (int i = 0; i < d.rows(); i++) {
                String g = i < labels.size() ? String.valueOf(labels.get(i)) : "";
                groups.computeIfAbsent(g, k -> new ArrayList<>())
                        .add(java.util.Arrays.copyOfRange(d.x(), i * d.cols(), (i + 1) * d.cols()));
            }
            int cols = groups.values().stream().mapToInt(List::size).max().orElse(1);
            List<float[]> imgs = new ArrayList<>();
            for (List<float[]> g : groups.values()) {
                for (int c = 0; c < cols; c++) {
                    imgs.add(c < g.size() ? g.get(c) : blank(side() * side()));
                }
            }
            figure(SvqvaeImages.imageGrid(imgs, cols, side(), 3, new ArrayList<>(groups.keySet()), null, -1, 1),
                    "generated samples of " + name, "Samples decoded from z ~ N(e_y, &Sigma;_y), one row per "
                            + esc(m.path("generation").path("groups").asText("group")) + ", <code>" + esc(name) + "</code>.");
        } else {
            int cellH = Math.max(1, Math.min(8, 800 / d.rows()));
            figure(SvqvaeImages.heatmap(rows(d), null, null, Math.max(1, Math.min(3, 1000 / Math.max(1, d.cols()))), cellH,
                    true, -10, 10, false, "Generated profiles (rows grouped by class)", "z-score"),
                    "generated samples of " + name, "Profiles decoded from z ~ N(e_y, &Sigma;_y), rows grouped by "
                            + esc(m.path("generation").path("groups").asText("group")) + ", <code>" + esc(name) + "</code>.");
        }
    }

    private static float[] blank(int n) {
        float[] b = new float[n];
        java.util.Arrays.fill(b, 1f);
        return b;
    }

    private void definitions() {
        h.append("<h2>Definitions</h2>\n<dl>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path("definitions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            h.append("<dt><code>").append(esc(e.getKey())).append("</code></dt><dd>").append(esc(e.getValue().asText()))
                    .append("</dd>\n");
        }
        h.append("</dl>\n<p class=\"note\">").append(esc(paper.path("table1_note").asText())).append("</p>\n");
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}",
            "h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd}",
            ".sub,.note{color:#555}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}",
            "th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}table.kv td{text-align:left}td.c{text-align:center}",
            "tr.paper td{background:#f7f7ff}tr.ref td{background:#f7fff7}tr.run td{font-weight:600}",
            "figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#444;font-size:.95em}",
            "dt{font-weight:600;margin-top:.4em}dd{margin-left:1.5em;color:#333}",
            "");
}
