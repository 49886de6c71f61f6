package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.eval.History;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.io.TsvReader;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The S-VQ-VAE family's report, its sections (templates {@code svqvae.jte}, {@code svqvae_model.jte}) in the
 * one page of every report ({@code page.jte}), from EVALUATE-SVQVAE's metrics.json and the analysis files
 * it names: the paper's Table 1 beside this run, both perplexities and both test MSEs,
 * nearest-code classification, training curves, decoded codes, nearest-code frequencies, the code
 * distance heatmap, the nearest-partner graph with its communities, and generated samples. Pictures are
 * inline PNG; text is escaped by the templates; nothing depends on the time or the machine's paths, so
 * the same inputs give the same bytes.
 */
public final class SvqvaeReport {
    public static final String PAPER_RESOURCE = "svqvae_paper.json";
    private static final int MAX_LISTED_CLASSES = 40;

    private final Path dir;
    private final Path metricsFile;
    /** metrics.json, the paper's numbers, and the run's data set: read by the templates. */
    final JsonNode metrics;
    final JsonNode paper;
    final String dataset;

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

    // ------------------------------------------------------------------ what the templates read

    /** A picture of one model; {@code grid} tells its two kinds apart (images or chart grid vs heatmap). */
    record Picture(byte[] png, boolean grid) {}

    /** A row of the closest-pairs table: this run's pair and distance beside the paper's ("" where none). */
    record PairRow(String run, String runDistance, String paper, String paperDistance) {}

    private String html() {
        return Templates.render("svqvae.jte", Map.of("r", this));
    }

    /** A number with {@code decimals} decimals, or {@code &ndash;} (HTML) where there is none. */
    private static String num(JsonNode n, int decimals) {
        if (n == null || n.isMissingNode() || n.isNull() || !n.isNumber()) {
            return "&ndash;";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble());
    }

    /** A number with 3 decimals, or {@code &ndash;} (HTML) where there is none. */
    static String num3(JsonNode n) {
        return num(n, 3);
    }

    String datasetUpper() {
        return dataset.toUpperCase(Locale.ROOT);
    }

    List<String> classes() {
        return strings(metrics.path("classes"));
    }

    /** The classes named in the run table: the first {@value #MAX_LISTED_CLASSES}. */
    List<String> listedClasses() {
        List<String> classes = classes();
        return classes.subList(0, Math.min(classes.size(), MAX_LISTED_CLASSES));
    }

    /** The models of metrics.json, by key, in file order. */
    List<Map.Entry<String, JsonNode>> models() {
        return entries(metrics.path("models"));
    }

    List<Map.Entry<String, JsonNode>> definitions() {
        return entries(metrics.path("definitions"));
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        object.fields().forEachRemaining(out::add);
        return out;
    }

    /** The rows of the paper's array {@code key} (table1, reference_runs) for this run's data set. */
    List<JsonNode> paperRows(String key) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : paper.path(key)) {
            if (p.path("dataset").asText().equals(dataset)) {
                out.add(p);
            }
        }
        return out;
    }

    JsonNode paperModularity() {
        return paper.path("modularity").path(dataset);
    }

    List<String> strings(JsonNode array) {
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

    // ------------------------------------------------------------------ pictures

    /** Loss, reconstruction error and both perplexities per epoch; null without a history file. */
    Picture trainingCurves(JsonNode m) {
        Path f = file(m, "history");
        if (f == null) {
            return null;
        }
        History hist = History.read(f, "loss", "train_mse", "perplexity", "perplexity_nearest_code");
        JFreeChart c1 = Charts.epochLines("Loss and reconstruction error per epoch", "minibatch mean", hist,
                List.of("loss", "train_mse"), List.of("loss", "train MSE (l_r)"));
        JFreeChart c2 = Charts.epochLines("Codebook usage per epoch", "perplexity", hist,
                List.of("perplexity", "perplexity_nearest_code"), List.of("perplexity (reference kind)", "perplexity, nearest code"));
        return new Picture(SvqvaeImages.chartGrid(List.of(c1, c2), 2, 560, 340), false);
    }

    private boolean images() {
        JsonNode shape = metrics.path("image_shape");
        return shape.isArray() && shape.size() == 2;
    }

    private int side() {
        return metrics.path("image_shape").get(0).asInt();
    }

    /** Every code through the decoder: images (grid) or a codes x genes heatmap; null without the file. */
    Picture decodedCodes(JsonNode m) {
        Path f = file(m, "decoded_codes");
        if (f == null) {
            return null;
        }
        List<String> codes = strings(m.path("code_names"));
        DenseMatrix d = ArrowMatrixReader.readAll(f);
        if (images() && d.cols() == side() * side()) {
            List<float[]> imgs = new ArrayList<>();
            for (int i = 0; i < d.rows(); i++) {
                imgs.add(java.util.Arrays.copyOfRange(d.x(), i * d.cols(), (i + 1) * d.cols()));
            }
            return new Picture(SvqvaeImages.imageGrid(imgs, Math.min(10, imgs.size()), side(), 4, null,
                    codes.subList(0, Math.min(10, codes.size())), -1, 1), true);
        }
        double[][] v = rows(d);
        int cellH = Math.max(2, Math.min(14, 700 / Math.max(1, d.rows())));
        return new Picture(SvqvaeImages.heatmap(v, d.ids(), null, Math.max(1, Math.min(3, 1000 / Math.max(1, d.cols()))), cellH,
                true, -10, 10, false, "Decoded codes (codes x genes)", "z-score"), false);
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
        try (TsvReader in = TsvReader.open(f, false)) {
            String[] header = in.next();
            if (header == null) {
                throw new InputException(f, "empty TSV");
            }
            List<List<String>> rows = new ArrayList<>();
            String[] row;
            while ((row = in.next()) != null) {
                if (!(row.length == 1 && row[0].isEmpty())) {
                    rows.add(List.of(row));
                }
            }
            return new Tsv(List.of(header), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nearest code of every class's training rows: a bar chart per class (grid) or a heatmap; null without the file. */
    Picture frequency(JsonNode m) {
        Path f = file(m, "code_frequency");
        if (f == null) {
            return null;
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
                Charts.style(chart, Charts.Size.SMALL);
                CategoryPlot plot = chart.getCategoryPlot();
                BarRenderer r = (BarRenderer) plot.getRenderer();
                r.setBarPainter(new StandardBarPainter());
                r.setShadowVisible(false);
                r.setSeriesPaint(0, Charts.color(0));
                plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
                charts.add(chart);
            }
            return new Picture(SvqvaeImages.chartGrid(charts, Math.min(5, charts.size()), 300, 260), true);
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
            return new Picture(SvqvaeImages.heatmap(frac, trainClasses, codeNames, cell, Math.max(4, Math.min(12, 900 / frac.length)),
                    false, 0, 1, false, "Nearest-code frequency (rows: classes, columns: codes)", "fraction"), false);
        }
    }

    /** The heatmap of pairwise distances between the codes; null without the file. */
    Picture distances(JsonNode m) {
        Path f = file(m, "code_distances");
        if (f == null) {
            return null;
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
        return new Picture(SvqvaeImages.heatmap(d, labels, labels, cell, cell, false, lo, hi, true,
                "Euclidean distances between codes", "distance"), false);
    }

    /** The closest pairs of codes of this run (at most 5) beside the paper's. */
    List<PairRow> closestPairs(JsonNode m) {
        JsonNode pairs = m.path("closest_pairs");
        JsonNode paperPairs = paper.path("closest_pairs").path(dataset);
        int n = Math.max(Math.min(pairs.size(), 5), paperPairs.size());
        List<PairRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode a = pairs.path(i);
            JsonNode b = paperPairs.path(i);
            rows.add(new PairRow(pair(a), a.isMissingNode() ? "" : num3(a.path("distance")), pair(b),
                    b.isMissingNode() ? "" : num3(b.path("distance"))));
        }
        return rows;
    }

    private static String pair(JsonNode p) {
        return p.isMissingNode() ? "" : p.path("a").asText() + " \u2013 " + p.path("b").asText();
    }

    /** Arrows from every code to its nearest other code, coloured by community; null without the file. */
    Picture graph(JsonNode m) {
        Path f = file(m, "code_graph");
        if (f == null) {
            return null;
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
        return new Picture(SvqvaeImages.graph(names, partner, community, "Nearest-partner graph, modularity "
                + num3(g.path("modularity"))), false);
    }

    /**
     * Generated samples: images, a row per group (grid), or a heatmap of profiles; a picture without PNG
     * when none were generated; null without the file.
     */
    Picture generated(JsonNode m) {
        Path f = file(m, "generated");
        if (f == null) {
            return null;
        }
        DenseMatrix d = ArrowMatrixReader.readAll(f);
        if (d.rows() == 0) {
            return new Picture(null, false);
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
            return new Picture(SvqvaeImages.imageGrid(imgs, cols, side(), 3, new ArrayList<>(groups.keySet()), null, -1, 1), true);
        }
        int cellH = Math.max(1, Math.min(8, 800 / d.rows()));
        return new Picture(SvqvaeImages.heatmap(rows(d), null, null, Math.max(1, Math.min(3, 1000 / Math.max(1, d.cols()))), cellH,
                true, -10, 10, false, "Generated profiles (rows grouped by class)", "z-score"), false);
    }

    private static float[] blank(int n) {
        float[] b = new float[n];
        java.util.Arrays.fill(b, 1f);
        return b;
    }

}
