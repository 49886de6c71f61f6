package io.gexflow.report;

import io.gexflow.eval.History;

import io.gexflow.io.AtomicFile;
import static io.gexflow.report.Html.esc;
import static io.gexflow.report.Html.f4;
import static io.gexflow.report.Html.meanSd;
import static io.gexflow.report.Html.pct1;
import static io.gexflow.report.Html.pct2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;

/**
 * The self-contained HTML report of the D-GEX track: run metadata; this run in the layout of the paper's
 * Table 1 (GEO-te, 10% dropout) or Table 2 (GTEx-te, 25% dropout): per dropout rate a layers x hidden-units
 * grid of this run's overall MAE with the paper's cell beside it, the baselines, and the best D-GEX's
 * relative improvement over LR and KNN-GE; every model vs the paper; comparisons; the paper's figures
 * redrawn from this run (inline PNG): Fig 1 overall error vs hidden units, a line per layer count, with
 * the LR line; Fig 2 per-gene MAE densities; Fig 3/4 per-gene scatters vs LR and KNN-GE; Fig 5 error per
 * epoch for each dropout rate of the best architecture; optionally the interpretation extras written by
 * {@code gexflow interpret-dgex} (see {@link Interpretation}); and the paper's Tables 1 and 2.
 *
 * <p>The output depends only on the inputs: no timestamps, no absolute paths, deterministic charts, so
 * the same inputs give byte-identical HTML.
 */
public final class DgexReport {
    /** Model keys with a paper counterpart among the baselines. */
    static final List<String> BASELINE_KEYS = List.of("lr", "lr_l1", "lr_l2", "knn");

    private final Metrics metrics;
    private final PaperNumbers paper;
    private final Map<String, PerGeneMae> perGene = new LinkedHashMap<>();
    private final Map<String, History> histories = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Optional<Interpretation> interpretation;
    private final Optional<InferenceSummary> inference;
    private int figureNo = 0;

    private DgexReport(Metrics metrics, PaperNumbers paper, Optional<Interpretation> interpretation,
            Optional<InferenceSummary> inference) {
        this.metrics = metrics;
        this.paper = paper;
        this.interpretation = interpretation;
        this.inference = inference;
    }

    /** Reads metrics.json and the files it names, and returns the report as HTML text. */
    public static String render(Path metricsJson) {
        return render(metricsJson, Optional.empty());
    }

    /**
     * The report of {@code metricsJson}, with the interpretation section when {@code interpretationDir}
     * (a directory written by {@code gexflow interpret-dgex}, holding {@value Interpretation#FILE}) is given.
     */
    public static String render(Path metricsJson, Optional<Path> interpretationDir) {
        return render(metricsJson, interpretationDir, Optional.empty());
    }

    /** As {@link #render(Path, Optional)}, with the inference line of {@code inferenceJson} (infer --out-summary) when given. */
    public static String render(Path metricsJson, Optional<Path> interpretationDir, Optional<Path> inferenceJson) {
        DgexReport r = new DgexReport(Metrics.read(metricsJson), PaperNumbers.load(), interpretationDir.map(Interpretation::read),
                inferenceJson.map(InferenceSummary::read));
        r.loadInputs();
        return r.html();
    }

    /** The report for already-read metrics and paper numbers; reads the per-gene and history files. */
    public static String render(Metrics metrics, PaperNumbers paper) {
        return render(metrics, paper, Optional.empty());
    }

    /** As {@link #render(Metrics, PaperNumbers)}, with an optional interpretation section. */
    public static String render(Metrics metrics, PaperNumbers paper, Optional<Interpretation> interpretation) {
        DgexReport r = new DgexReport(metrics, paper, interpretation, Optional.empty());
        r.loadInputs();
        return r.html();
    }

    /**
     * Renders the report of {@code metricsJson} and writes it to {@code outHtml}: into a temporary file
     * in the target directory first, then renamed over the target atomically, so readers never see a
     * partial file.
     */
    public static void write(Path metricsJson, Path outHtml) {
        write(metricsJson, Optional.empty(), outHtml);
    }

    /** As {@link #write(Path, Path)}, with the interpretation section of {@code interpretationDir} when given. */
    public static void write(Path metricsJson, Optional<Path> interpretationDir, Path outHtml) {
        write(metricsJson, interpretationDir, Optional.empty(), outHtml);
    }

    /** As {@link #write(Path, Optional, Path)}, with the inference line of {@code inferenceJson} when given. */
    public static void write(Path metricsJson, Optional<Path> interpretationDir, Optional<Path> inferenceJson, Path outHtml) {
        AtomicFile.writeString(outHtml, render(metricsJson, interpretationDir, inferenceJson));
    }

    // ---------------------------------------------------------------- inputs

    private void loadInputs() {
        PerGeneMae first = null;
        for (Metrics.Model m : metrics.models().values()) {
            PerGeneMae t = PerGeneMae.read(m.perGeneMae());
            if (metrics.nTargets() > 0 && t.size() != metrics.nTargets()) {
                throw new InputException(m.perGeneMae(), "has " + t.size() + " genes, but "
                        + metrics.file().getFileName() + " says n_targets = " + metrics.nTargets());
            }
            if (first == null) {
                first = t;
            } else {
                first.alignedValuesOf(t); // every model must cover the same target genes
            }
            perGene.put(m.key(), t);
            double mean = t.mean();
            if (Math.abs(mean - m.overallMae()) > 5e-4 + 1e-3 * Math.abs(m.overallMae())) {
                warnings.add("Model " + m.label() + ": overall_mae in metrics.json is " + f4(m.overallMae())
                        + " but the mean of its per-gene MAE table is " + f4(mean) + ".");
            }
            if (m.history().isPresent()) {
                histories.put(m.key(), History.read(m.history().get(), Charts.TRAIN_MAE, Charts.VALID_MAE));
            }
        }
        for (Metrics.Comparison c : metrics.comparisons()) {
            Metrics.Model a = metrics.models().get(c.model());
            Metrics.Model b = metrics.models().get(c.baseline());
            double rel = (b.overallMae() - a.overallMae()) / b.overallMae();
            if (b.overallMae() > 0 && Math.abs(rel - c.relativeImprovement()) > 1e-3) {
                warnings.add("Comparison " + a.label() + " vs " + b.label() + ": relative_improvement is "
                        + pct1(c.relativeImprovement()) + " but the overall MAEs give " + pct1(rel) + ".");
            }
            if (c.fractionGenesImproved().isPresent()) {
                double frac = fractionLower(a.key(), b.key());
                if (Math.abs(frac - c.fractionGenesImproved().get()) > 1e-3) {
                    warnings.add("Comparison " + a.label() + " vs " + b.label() + ": fraction_genes_improved is "
                            + pct1(c.fractionGenesImproved().get()) + " but the per-gene tables give " + pct1(frac) + ".");
                }
            }
        }
        interpretation.ifPresent(in -> {
            if (metrics.nTargets() > 0 && in.nTargets() != metrics.nTargets()) {
                warnings.add("The interpretation covers " + in.nTargets() + " target genes, but " + metrics.file().getFileName()
                        + " says n_targets = " + metrics.nTargets() + ": it may belong to another run.");
            }
        });
    }

    /** Fraction of genes where model {@code a} has a strictly lower MAE than model {@code b}. */
    private double fractionLower(String a, String b) {
        PerGeneMae ta = perGene.get(a);
        double[] vb = ta.alignedValuesOf(perGene.get(b));
        int n = 0;
        for (int i = 0; i < vb.length; i++) {
            if (ta.mae()[i] < vb[i]) {
                n++;
            }
        }
        return (double) n / vb.length;
    }

    // ---------------------------------------------------------------- html

    private String html() {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>gexflow report: D-GEX gene expression inference</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>D-GEX: gene expression inference from landmark genes</h1>\n");
        h.append("<p class=\"sub\">gexflow report of track <code>").append(esc(metrics.track()))
                .append("</code>; reference: ").append(esc(paper.citation())).append("</p>\n");
        header(h);
        data(h);
        paperLayout(h);
        thisRunVsPaper(h);
        comparisons(h);
        figures(h);
        interpretation.ifPresent(in -> interpretation(h, in));
        paperTables(h);
        h.append("<footer>Generated by <code>gexflow report</code> from <code>")
                .append(esc(String.valueOf(metrics.file().getFileName())))
                .append("</code>. Overall error = mean over target genes of the per-gene mean absolute error on the test set; "
                        + "&plusmn; is the standard deviation over genes. The paper's numbers are transcribed from its Tables 1 and 2 and text "
                        + "(bundled resource <code>io/gexflow/report/dgex_paper.json</code>).</footer>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private boolean isPaperData() {
        return metrics.dataset().toLowerCase(Locale.ROOT).contains("bgedv2");
    }

    private void header(StringBuilder h) {
        h.append("<table class=\"meta\">\n");
        row(h, "Dataset", esc(metrics.dataset()));
        row(h, "Test set", esc(metrics.testSet()));
        row(h, "Scale", esc(metrics.scale()));
        row(h, "Test samples", String.valueOf(metrics.nTestSamples()));
        row(h, "Landmark genes (inputs)", String.valueOf(metrics.nLandmarks()));
        row(h, "Target genes (outputs)", String.valueOf(metrics.nTargets()));
        row(h, "Models", String.valueOf(metrics.models().size()));
        h.append("</table>\n");
        if (!isPaperData()) {
            h.append("<div class=\"note\"><strong>Not the paper's data.</strong> The dataset of this run (")
                    .append(esc(metrics.dataset()))
                    .append(") is not the paper's GEO bgedv2 compendium, so its numbers are <strong>not expected to match</strong> "
                            + "the paper's; the paper's columns are shown for orientation only.</div>\n");
        }
        if (!paper.isPaperTestSet(metrics.testSet())) {
            h.append("<div class=\"note\">The test set <code>").append(esc(metrics.testSet()))
                    .append("</code> is not one of the paper's (GEO-te, GTEx-te); the paper's ")
                    .append(esc(paperSet().testSet())).append(" numbers are shown for comparison.</div>\n");
        }
        if (!warnings.isEmpty()) {
            h.append("<div class=\"warn\"><strong>Input consistency warnings.</strong><ul>\n");
            for (String w : warnings) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul></div>\n");
        }
    }

    /**
     * What CONVERT matched and dropped for the test data (metrics.json {@code convert}) and what INFER
     * predicted; nothing when neither is known.
     */
    private void data(StringBuilder h) {
        if (metrics.convert().isEmpty() && inference.isEmpty()) {
            return;
        }
        h.append("<h2>Data: conversion and inference</h2>\n");
        metrics.convert().ifPresent(c -> {
            String input = c.path("input").asText("");
            h.append("<p>From CONVERT of the test data").append(input.isEmpty() ? "" : " (<code>" + esc(input) + "</code>)")
                    .append(", carried in the splits' schema metadata <code>gexflow.convert</code>.</p>\n");
            JsonNode maps = c.path("gene_maps");
            if (maps.isObject()) {
                boolean byProbe = !"ensembl".equals(maps.path("match_by").asText());
                String what = byProbe ? "probes" : "Ensembl ids";
                h.append("<table class=\"num\">\n<thead><tr><th>Role</th><th>Map</th><th>Genes</th><th>Map ").append(what)
                        .append("</th><th>Absent from the matrix</th><th>Genes losing some</th><th>Genes losing all</th></tr></thead>\n<tbody>\n");
                for (String role : List.of("landmarks", "targets")) {
                    JsonNode m = maps.path(role);
                    if (!m.isObject()) {
                        continue;
                    }
                    h.append("<tr><td>").append(role).append("</td><td><code>").append(esc(m.path("map").asText("")))
                            .append("</code></td><td>").append(count(m, "genes")).append("</td><td>")
                            .append(count(m, byProbe ? "probes" : "ids")).append("</td><td>").append(count(m, "absent_from_input"))
                            .append("</td><td>").append(count(m, "genes_losing_some")).append("</td><td>")
                            .append(count(m, "genes_losing_all")).append("</td></tr>\n");
                }
                h.append("</tbody>\n</table>\n");
            }
            JsonNode miss = c.path("missing");
            if (miss.isObject()) {
                h.append("<p>Missing values, policy <code>--missing ").append(esc(miss.path("policy").asText("?"))).append("</code>: ")
                        .append(count(miss, "values_without_finite_probe"))
                        .append(" sample &times; gene values had no finite probe; dropped ")
                        .append(count(miss, "samples_dropped")).append(" of ").append(count(miss, "samples_in")).append(" samples")
                        .append(listed(miss.path("dropped_samples"))).append(" and ")
                        .append(count(miss, "features_dropped")).append(" of ").append(count(miss, "features_in")).append(" genes")
                        .append(listed(miss.path("dropped_features"))).append(".</p>\n");
            }
        });
        inference.ifPresent(in -> h.append("<p><strong>Inference:</strong> ").append(String.format(Locale.ROOT, "%,d", in.targets()))
                .append(" target genes predicted for ").append(String.format(Locale.ROOT, "%,d", in.profiles()))
                .append(" profiles of <code>").append(esc(in.input())).append("</code> from ").append(in.landmarks())
                .append(" landmark genes, by <code>").append(esc(in.model())).append("</code> (").append(esc(in.modelType()))
                .append(", ").append(esc(in.scale())).append(" scale).</p>\n"));
    }

    private static String count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? "&ndash;" : String.format(Locale.ROOT, "%,d", v.longValue());
    }

    /** " (a, b, c, ...)" of at most 10 names, or nothing. */
    private static String listed(JsonNode names) {
        if (!names.isArray() || names.isEmpty()) {
            return "";
        }
        List<String> l = new ArrayList<>();
        for (int i = 0; i < Math.min(10, names.size()); i++) {
            l.add(esc(names.get(i).asText()));
        }
        return " (" + String.join(", ", l) + (names.size() > 10 ? ", &hellip; " + (names.size() - 10) + " more" : "") + ")";
    }

    private static void row(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private PaperNumbers.TestSet paperSet() {
        return paper.forTestSet(metrics.testSet());
    }

    private static String arch(Metrics.Architecture a) {
        String s = a.hiddenLayers() + " &times; " + a.hiddenUnits();
        if (!Double.isNaN(a.dropout())) {
            s += ", dropout " + pct0(a.dropout());
        }
        return s;
    }

    private static String pct0(double fraction) {
        double p = 100.0 * fraction;
        return p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** The paper's number for a model, as HTML. */
    private String paperCell(Metrics.Model m) {
        PaperNumbers.TestSet ts = paperSet();
        if (m.isDgex()) {
            if (m.architecture().isEmpty()) {
                return "<span class=\"na\">n/a (architecture not recorded in metrics.json)</span>";
            }
            Metrics.Architecture a = m.architecture().get();
            Optional<PaperNumbers.Cell> cell = ts.cell(a.hiddenLayers(), a.hiddenUnits());
            if (cell.isEmpty()) {
                return "<span class=\"na\">n/a (architecture not in the paper's grid)</span>";
            }
            String s = meanSd(cell.get().mean(), cell.get().sd()) + " <span class=\"src\">(" + esc(ts.table()) + ", "
                    + a.hiddenLayers() + " &times; " + a.hiddenUnits() + ", dropout " + pct0(ts.dropout()) + ")</span>";
            if (!Double.isNaN(a.dropout()) && Math.abs(a.dropout() - ts.dropout()) > 1e-9) {
                s += " <span class=\"na\">paper's cell is for " + pct0(ts.dropout()) + " dropout, this model uses "
                        + pct0(a.dropout()) + "</span>";
            }
            return s;
        }
        Optional<PaperNumbers.Baseline> b = ts.baseline(m.key());
        if (b.isPresent()) {
            return meanSd(b.get().mean(), b.get().sd()) + " <span class=\"src\">(" + esc(b.get().label()) + ", "
                    + esc(ts.testSet()) + ")</span>";
        }
        return "<span class=\"na\">n/a (not a model the paper reports)</span>";
    }

    private void thisRunVsPaper(StringBuilder h) {
        h.append("<h2>Every model of this run vs the paper</h2>\n");
        h.append("<p>Overall MAE on ").append(esc(metrics.testSet()))
                .append(": mean &plusmn; sd over target genes, 4 decimals. Paper: ")
                .append(esc(paperSet().description())).append(" (").append(esc(paperSet().table()))
                .append(") and its baselines.</p>\n");
        h.append("<table class=\"num\">\n<thead><tr><th>Model</th><th>Kind</th><th>Architecture (layers &times; units)</th>"
                + "<th>This run</th><th>Paper</th></tr></thead>\n<tbody>\n");
        for (Metrics.Model m : metrics.models().values()) {
            h.append("<tr><td>").append(esc(m.label())).append(" <code>").append(esc(m.key())).append("</code></td><td>")
                    .append(esc(m.kind())).append("</td><td>")
                    .append(m.architecture().map(DgexReport::arch).orElse("&ndash;")).append("</td><td>")
                    .append(meanSd(m.overallMae(), m.sdMae())).append("</td><td>")
                    .append(paperCell(m)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** The one-sentence verdict of a comparison, plain text (escape before use). */
    static String sentence(String model, String baseline, double rel, Optional<Double> frac) {
        String genes = frac.map(f -> " (lower error on " + pct1(f) + " of target genes)").orElse("");
        if (rel > 0) {
            return model + " beats " + baseline + " by " + pct1(rel) + genes;
        }
        if (rel == 0) {
            return model + " does NOT beat " + baseline + ": equal overall error" + genes;
        }
        return model + " does NOT beat " + baseline + ": its overall error is " + pct1(-rel) + " higher" + genes;
    }

    private void comparisons(StringBuilder h) {
        h.append("<h2>Comparisons</h2>\n");
        if (metrics.comparisons().isEmpty()) {
            h.append("<p class=\"na\">metrics.json lists no comparisons.</p>\n");
        } else {
            h.append("<ul class=\"verdicts\">\n");
            for (Metrics.Comparison c : metrics.comparisons()) {
                String a = metrics.models().get(c.model()).label();
                String b = metrics.models().get(c.baseline()).label();
                h.append("<li class=\"").append(c.relativeImprovement() > 0 ? "good" : "bad").append("\">")
                        .append(esc(sentence(a, b, c.relativeImprovement(), c.fractionGenesImproved()))).append(".</li>\n");
            }
            h.append("</ul>\n");
            h.append("<table class=\"num\">\n<thead><tr><th>Model</th><th>Baseline</th>"
                    + "<th>Relative improvement<br>(MAE<sub>base</sub> &minus; MAE<sub>model</sub>) / MAE<sub>base</sub></th>"
                    + "<th>Target genes with lower error</th></tr></thead>\n<tbody>\n");
            for (Metrics.Comparison c : metrics.comparisons()) {
                h.append("<tr><td>").append(esc(metrics.models().get(c.model()).label())).append("</td><td>")
                        .append(esc(metrics.models().get(c.baseline()).label())).append("</td><td>")
                        .append(pct1(c.relativeImprovement())).append("</td><td>")
                        .append(c.fractionGenesImproved().map(Html::pct1).orElse("n/a")).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<p>The paper (").append(esc(paperSet().testSet())).append("): ");
        List<String> parts = new ArrayList<>();
        for (PaperNumbers.Headline hl : paperSet().headlines()) {
            parts.add(esc(hl.model()) + " beats " + esc(hl.baseline()) + " by " + pct2(hl.relativeImprovement())
                    + Optional.ofNullable(hl.fractionGenesImproved())
                            .map(f -> " (lower error on " + pct2(f) + " of target genes)").orElse(""));
        }
        h.append(String.join("; ", parts)).append(".</p>\n");
    }

    private void figure(StringBuilder h, JFreeChart chart, String alt, String caption) {
        figurePng(h, Charts.png(chart), Charts.WIDTH, Charts.HEIGHT, alt, caption);
    }

    private void figurePng(StringBuilder h, byte[] png, int width, int height, String alt, String caption) {
        figureNo++;
        h.append("<figure>\n<img alt=\"").append(esc(alt)).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption><strong>Figure ")
                .append(figureNo).append(".</strong> ").append(caption).append("</figcaption>\n</figure>\n");
    }

    /** A PNG file written by another step, embedded as it is (its size read from the file). */
    private void figureFile(StringBuilder h, Path png, String alt, String caption) {
        byte[] bytes;
        java.awt.image.BufferedImage img;
        try {
            bytes = Files.readAllBytes(png);
            img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new InputException(png, "cannot read: " + e, e);
        }
        if (img == null || bytes.length < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            throw new InputException(png, "not a PNG image");
        }
        figurePng(h, bytes, img.getWidth(), img.getHeight(), alt, caption);
    }

    /** The D-GEX models that record their architecture. */
    private List<Metrics.Model> dgexWithArchitecture() {
        return metrics.models().values().stream().filter(m -> m.isDgex() && m.architecture().isPresent()).toList();
    }

    /** The D-GEX model with the lowest overall MAE on this test set (first one on ties), if any. */
    private Optional<Metrics.Model> bestDgex() {
        Metrics.Model best = null;
        for (Metrics.Model m : metrics.models().values()) {
            if (m.isDgex() && (best == null || m.overallMae() < best.overallMae())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Dropout rates of the D-GEX models with an architecture, ascending (NaN, unrecorded, last). */
    private List<Double> dropoutRates() {
        return dgexWithArchitecture().stream().map(m -> m.architecture().get().dropout()).distinct()
                .sorted((a, b) -> Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : Double.isNaN(b) ? -1 : Double.compare(a, b))
                .toList();
    }

    private static boolean sameRate(double a, double b) {
        return (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }

    private static String rateText(double dropout) {
        return Double.isNaN(dropout) ? "unrecorded dropout" : pct0(dropout) + " dropout";
    }

    // ---------------------------------------------------------------- the paper's layout

    /**
     * Table 1 (GEO-te) or Table 2 (GTEx-te) of the paper, filled with this run: per dropout rate a layers x
     * hidden-units grid with this run's overall MAE and the paper's cell beside it; the baselines below;
     * the best D-GEX's relative improvement over LR and KNN-GE with the paper's.
     */
    private void paperLayout(StringBuilder h) {
        PaperNumbers.TestSet ts = paperSet();
        h.append("<h2>This run in the layout of the paper's ").append(esc(ts.table())).append("</h2>\n");
        h.append("<p>Overall MAE on ").append(esc(metrics.testSet()))
                .append(" (mean &plusmn; sd over target genes). Beside each cell of this run, the paper's cell for the same "
                        + "layers &times; hidden units from its ").append(esc(ts.table())).append(" (")
                .append(esc(ts.description())).append("); &ndash; where this run has no such model or the paper no such "
                        + "architecture. The lowest overall error of this run is in bold.</p>\n");
        List<Metrics.Model> dgex = dgexWithArchitecture();
        if (dgex.isEmpty()) {
            h.append("<p class=\"na\">No D-GEX model with a recorded architecture in metrics.json.</p>\n");
        }
        Optional<Metrics.Model> best = bestDgex();
        java.util.SortedSet<Integer> units = new java.util.TreeSet<>();
        java.util.SortedSet<Integer> layers = new java.util.TreeSet<>(List.of(1, 2, 3));
        for (Metrics.Model m : dgex) {
            units.add(m.architecture().get().hiddenUnits());
            layers.add(m.architecture().get().hiddenLayers());
        }
        for (double rate : dropoutRates()) {
            boolean paperRate = sameRate(rate, ts.dropout());
            h.append("<h3>D-GEX with ").append(rateText(rate)).append("</h3>\n");
            if (!paperRate) {
                h.append("<p class=\"na\">The paper's ").append(esc(ts.table())).append(" reports D-GEX with ")
                        .append(pct0(ts.dropout())).append(" dropout only: its cells beside this grid are for that rate.</p>\n");
            }
            h.append("<table class=\"num grid\">\n<thead><tr><th rowspan=\"2\">layers \\ hidden units</th>");
            for (int u : units) {
                h.append("<th colspan=\"2\">").append(u).append("</th>");
            }
            h.append("</tr>\n<tr>");
            for (int i = 0; i < units.size(); i++) {
                h.append("<th>this run</th><th class=\"paper\">paper").append(paperRate ? "" : " (" + pct0(ts.dropout()) + ")")
                        .append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (int l : layers) {
                h.append("<tr><th>").append(l).append("</th>");
                for (int u : units) {
                    Optional<Metrics.Model> cell = dgex.stream().filter(m -> {
                        Metrics.Architecture a = m.architecture().get();
                        return a.hiddenLayers() == l && a.hiddenUnits() == u && sameRate(a.dropout(), rate);
                    }).findFirst();
                    h.append("<td>");
                    if (cell.isPresent()) {
                        boolean isBest = best.isPresent() && best.get().key().equals(cell.get().key());
                        String v = meanSd(cell.get().overallMae(), cell.get().sdMae());
                        h.append(isBest ? "<strong>" + v + "</strong>" : v);
                    } else {
                        h.append("&ndash;");
                    }
                    h.append("</td><td class=\"paper\">")
                            .append(ts.cell(l, u).map(c -> meanSd(c.mean(), c.sd())).orElse("&ndash;")).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        h.append("<h3>Baselines</h3>\n<table class=\"num\">\n<thead><tr><th>Model</th><th>This run</th>"
                + "<th class=\"paper\">Paper (").append(esc(ts.testSet())).append(")</th></tr></thead>\n<tbody>\n");
        for (PaperNumbers.Baseline b : ts.baselines()) {
            Metrics.Model m = metrics.models().get(b.model());
            h.append("<tr><td>").append(esc(b.label())).append("</td><td>")
                    .append(m == null ? "<span class=\"na\">not in this run</span>" : meanSd(m.overallMae(), m.sdMae()))
                    .append("</td><td class=\"paper\">").append(meanSd(b.mean(), b.sd())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<h3>Best D-GEX vs LR and KNN-GE</h3>\n");
        if (best.isEmpty()) {
            h.append("<p class=\"na\">No D-GEX model in metrics.json.</p>\n");
            return;
        }
        Metrics.Model d = best.get();
        h.append("<p>Best D-GEX of this run (lowest overall error on ").append(esc(metrics.testSet())).append("): <strong>")
                .append(esc(d.label())).append("</strong>, ").append(meanSd(d.overallMae(), d.sdMae())).append(".</p>\n");
        h.append("<table class=\"num\">\n<thead><tr><th>Best D-GEX vs</th><th>This run: relative improvement</th>"
                + "<th>This run: target genes with lower error</th><th class=\"paper\">Paper</th></tr></thead>\n<tbody>\n");
        for (String key : List.of("lr", "knn")) {
            Metrics.Model b = metrics.models().get(key);
            String baseLabel = ts.baseline(key).map(PaperNumbers.Baseline::label).orElse(key);
            h.append("<tr><td>").append(esc(baseLabel)).append("</td>");
            if (b == null) {
                h.append("<td colspan=\"2\"><span class=\"na\">no model <code>").append(key).append("</code> in this run</span></td>");
            } else {
                double rel = (b.overallMae() - d.overallMae()) / b.overallMae();
                h.append("<td>").append(pct2(rel)).append("</td><td>").append(pct1(fractionLower(d.key(), key))).append("</td>");
            }
            Optional<PaperNumbers.Headline> hl = ts.headlines().stream().filter(x -> x.baseline().equals(baseLabel)).findFirst();
            h.append("<td class=\"paper\">").append(hl.map(x -> esc(x.model()) + ": " + pct2(x.relativeImprovement())
                    + (x.fractionGenesImproved() == null ? " (fraction of genes not reported)"
                            : ", lower error on " + pct2(x.fractionGenesImproved()) + " of target genes"))
                    .orElse("&ndash;")).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    // ---------------------------------------------------------------- figures

    private void figures(StringBuilder h) {
        h.append("<h2>Figures</h2>\n");
        List<Metrics.Model> models = List.copyOf(metrics.models().values());
        Optional<Metrics.Model> lr = Optional.ofNullable(metrics.models().get("lr"));
        OptionalDouble lrMae = lr.map(m -> OptionalDouble.of(m.overallMae())).orElse(OptionalDouble.empty());
        List<String> labels = models.stream().map(Metrics.Model::label).toList();

        fig1(h, lrMae);

        // Fig 2: density of per-gene MAE
        figure(h, Charts.density(labels, models.stream().map(m -> perGene.get(m.key()).mae()).toList()),
                "Density of per-gene MAE per model",
                "Density of the per-gene MAE of every model (Gaussian kernel density estimate, Silverman bandwidth) "
                        + "&mdash; paper Fig. 2.");

        // Fig 3 / Fig 4: scatter of each D-GEX model vs LR and vs KNN-GE
        List<Metrics.Model> dgex = models.stream().filter(Metrics.Model::isDgex).toList();
        for (String baseKey : List.of("lr", "knn")) {
            Metrics.Model base = metrics.models().get(baseKey);
            String paperFig = baseKey.equals("lr") ? "Fig. 3" : "Fig. 4";
            if (base == null) {
                h.append("<p class=\"na\">Paper ").append(paperFig).append(" (D-GEX vs ")
                        .append(baseKey.equals("lr") ? "LR" : "KNN-GE").append(" per gene) needs a model <code>")
                        .append(baseKey).append("</code> in metrics.json; there is none.</p>\n");
                continue;
            }
            if (dgex.isEmpty()) {
                h.append("<p class=\"na\">Paper ").append(paperFig)
                        .append(" needs a model of kind <code>dgex</code> in metrics.json; there is none.</p>\n");
                continue;
            }
            PerGeneMae tb = perGene.get(baseKey);
            for (Metrics.Model d : dgex) {
                double[] y = tb.alignedValuesOf(perGene.get(d.key()));
                figure(h, Charts.scatter("Per-gene MAE: " + d.label() + " vs " + base.label(), base.label(), tb.mae(), d.label(), y),
                        "Per-gene MAE scatter, " + d.label() + " vs " + base.label(),
                        "Per-gene MAE of " + esc(d.label()) + " (y) against " + esc(base.label())
                                + " (x), one point per target gene; genes below the dashed diagonal y = x are predicted better by "
                                + esc(d.label()) + " &mdash; paper " + paperFig + ".");
            }
        }

        fig5(h, lrMae);

        // every D-GEX model's own learning curve, folded
        List<Metrics.Model> withHistory = models.stream().filter(m -> histories.containsKey(m.key())).toList();
        if (!withHistory.isEmpty()) {
            h.append("<details>\n<summary>Learning curve of each D-GEX model (").append(withHistory.size())
                    .append(")</summary>\n");
            for (Metrics.Model d : withHistory) {
                History hist = histories.get(d.key());
                Optional<Integer> bestEpoch = Optional.ofNullable(hist.bestEpoch()).or(d::bestEpoch);
                figure(h, Charts.learningCurve("Training of " + d.label(), hist, lrMae,
                                bestEpoch.map(b -> OptionalDouble.of(b)).orElse(OptionalDouble.empty())),
                        "Learning curve of " + d.label(),
                        "Training of " + esc(d.label()) + ": MAE on the fixed training subset and on the validation set per epoch"
                                + (lr.isPresent() ? ", LR overall test error as a dashed line" : "")
                                + bestEpoch.map(b -> ", best validation epoch " + b + " marked").orElse("") + ".");
            }
            h.append("</details>\n");
        }
    }

    /** Paper Fig. 1: overall error against hidden units, a line per layer count, one chart per dropout rate. */
    private void fig1(StringBuilder h, OptionalDouble lrMae) {
        List<Metrics.Model> dgex = dgexWithArchitecture();
        if (dgex.isEmpty()) {
            h.append("<p class=\"na\">Paper Fig. 1 (overall error vs architecture) needs D-GEX models with a recorded "
                    + "architecture in metrics.json; there are none.</p>\n");
            return;
        }
        PaperNumbers.TestSet ts = paperSet();
        for (double rate : dropoutRates()) {
            java.util.Map<String, double[][]> lines = new LinkedHashMap<>();
            java.util.SortedSet<Integer> layerCounts = new java.util.TreeSet<>();
            java.util.Set<Integer> runUnits = new java.util.TreeSet<>();
            for (Metrics.Model m : dgex) {
                if (sameRate(m.architecture().get().dropout(), rate)) {
                    layerCounts.add(m.architecture().get().hiddenLayers());
                    runUnits.add(m.architecture().get().hiddenUnits());
                }
            }
            for (int l : layerCounts) {
                List<double[]> pts = new ArrayList<>();
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (Metrics.Model m : dgex) {
                    Metrics.Architecture a = m.architecture().get();
                    if (a.hiddenLayers() == l && sameRate(a.dropout(), rate) && seen.add(a.hiddenUnits())) {
                        pts.add(new double[] {a.hiddenUnits(), m.overallMae()});
                    }
                }
                lines.put(l + " hidden layer" + (l == 1 ? "" : "s"), pts.toArray(new double[0][]));
            }
            // the paper's cells as reference when this rate is the paper's and the grids share hidden units
            java.util.Map<String, double[][]> reference = new LinkedHashMap<>();
            boolean overlap = runUnits.stream().anyMatch(ts.hiddenUnits()::contains);
            if (sameRate(rate, ts.dropout()) && overlap) {
                for (int l : layerCounts) {
                    List<double[]> pts = new ArrayList<>();
                    for (int u : ts.hiddenUnits()) {
                        ts.cell(l, u).ifPresent(c -> pts.add(new double[] {u, c.mean()}));
                    }
                    if (!pts.isEmpty()) {
                        reference.put("paper, " + l + " hidden layer" + (l == 1 ? "" : "s"), pts.toArray(new double[0][]));
                    }
                }
            }
            OptionalDouble paperLr = reference.isEmpty() ? OptionalDouble.empty()
                    : ts.baseline("lr").map(b -> OptionalDouble.of(b.mean())).orElse(OptionalDouble.empty());
            figure(h, Charts.architectureLines("Overall error vs architecture, D-GEX with " + rateText(rate), lines, lrMae,
                            reference, paperLr),
                    "Overall MAE vs hidden units per number of hidden layers, " + rateText(rate),
                    "Overall error on " + esc(metrics.testSet()) + " of D-GEX with " + rateText(rate)
                            + " against the hidden units per layer, one line per number of hidden layers"
                            + (lrMae.isPresent() ? "; this run's LR overall error as a dashed line" : "")
                            + (reference.isEmpty() ? "" : "; dashed with squares: the paper's " + esc(ts.table()) + " cells and LR")
                            + " &mdash; paper Fig. 1.");
        }
    }

    /** Paper Fig. 5: per epoch, the overall error of the best D-GEX architecture for each dropout rate. */
    private void fig5(StringBuilder h, OptionalDouble lrMae) {
        Optional<Metrics.Model> best = bestDgex().filter(m -> m.architecture().isPresent());
        if (best.isEmpty()) {
            return;
        }
        Metrics.Architecture a = best.get().architecture().get();
        List<String> labels = new ArrayList<>();
        List<History> hs = new ArrayList<>();
        for (double rate : dropoutRates()) {
            for (Metrics.Model m : dgexWithArchitecture()) {
                Metrics.Architecture b = m.architecture().get();
                if (b.hiddenLayers() == a.hiddenLayers() && b.hiddenUnits() == a.hiddenUnits() && sameRate(b.dropout(), rate)
                        && histories.containsKey(m.key())) {
                    labels.add(rateText(rate));
                    hs.add(histories.get(m.key()));
                    break;
                }
            }
        }
        if (hs.isEmpty()) {
            h.append("<p class=\"na\">Paper Fig. 5 (error per epoch per dropout rate) needs training histories; "
                    + "metrics.json names none for the best D-GEX architecture.</p>\n");
            return;
        }
        String arch = a.hiddenLayers() + "x" + a.hiddenUnits();
        figure(h, Charts.dropoutCurves("Overall error per epoch, D-GEX " + arch + ", by dropout rate", labels, hs, lrMae),
                "Overall MAE per epoch of D-GEX " + arch + " for each dropout rate",
                "Overall error per epoch of D-GEX " + a.hiddenLayers() + " &times; " + a.hiddenUnits()
                        + " (the best architecture of this run) for each dropout rate of the run: validation MAE solid, "
                        + "MAE on the fixed training subset dashed"
                        + (lrMae.isPresent() ? "; this run's LR overall test error as a dashed line" : "")
                        + " &mdash; paper Fig. 5.");
    }

    // ---------------------------------------------------------------- interpretation

    private void interpretation(StringBuilder h, Interpretation in) {
        h.append("<h2>Interpretation of ").append(esc(in.modelLabel())).append("</h2>\n");
        h.append("<p>From <code>").append(esc(Interpretation.FILE)).append("</code> written by <code>gexflow interpret-dgex</code>: "
                + "the major weights of the trained network and the adjusted R&sup2; of its last hidden layer vs the landmark "
                + "genes (the paper's interpretation extras).</p>\n");
        h.append("<h3>Major weights</h3>\n<p>").append(esc(in.majorWeightDefinition())).append(".</p>\n");
        h.append("<table class=\"num\">\n<thead><tr><th>Matrix</th><th>Weights (to &times; from)</th><th>sd</th>");
        for (double t : in.thresholds()) {
            String k = num(t);
            h.append("<th>Beyond ").append(k).append(" sd: positive / negative (share)</th><th>Units carrying them beyond ")
                    .append(k).append(" sd: from / to</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        boolean partitions = in.matrices().stream().anyMatch(m -> m.partition() > 0);
        for (Interpretation.Matrix m : in.matrices()) {
            h.append("<tr><td>").append(esc(m.name())).append(partitions ? " (partition " + (m.partition() + 1) + ")" : "")
                    .append("</td><td>").append(m.toUnits()).append(" &times; ").append(m.fromUnits()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4g", m.sd())).append("</td>");
            for (Interpretation.Count c : m.counts()) {
                h.append("<td>").append(c.positive()).append(" / ").append(c.negative()).append(" (")
                        .append(pct2(c.fraction())).append(")</td><td>").append(c.fromUnitsWithMajor()).append(" of ")
                        .append(m.fromUnits()).append(" / ").append(c.toUnitsWithMajor()).append(" of ").append(m.toUnits())
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        for (Interpretation.Matrix m : in.matrices()) {
            figureFile(h, m.mapPng(), "Major-weight map, " + m.name(),
                    "Major-weight map of " + esc(m.name()) + (partitions ? " (partition " + (m.partition() + 1) + ")" : "")
                            + ": where the weights beyond " + num(in.thresholds().get(0)) + " sd lie (red positive, blue negative, "
                            + "darker beyond " + num(in.thresholds().get(1)) + " sd), with the count per from-unit above and "
                            + "per to-unit on the right.");
        }
        Interpretation.R2 r = in.r2();
        h.append("<h3>Adjusted R&sup2; of the last hidden layer vs the landmarks</h3>\n");
        h.append("<p>Per target gene, ordinary least squares with intercept on the ").append(r.landmarks().predictors())
                .append(" landmark genes and on the ").append(r.hiddenUnits()).append(" units of hidden layer ")
                .append(r.hiddenLayer()).append(" (the last; network in evaluation mode), fitted on the ")
                .append(r.trainingSamples()).append(" training samples: adjusted R&sup2; = 1 &minus; (1 &minus; R&sup2;)(n &minus; 1)/"
                        + "(n &minus; p &minus; 1). On the ").append(r.testSamples())
                .append(" test samples the same coefficients give the out-of-sample R&sup2; (not adjusted).</p>\n");
        h.append("<table class=\"num\">\n<thead><tr><th>Predictors</th><th>p (used)</th><th>Adjusted R&sup2;, training: "
                + "mean &plusmn; sd (median)</th><th>R&sup2;, training: mean</th><th>R&sup2;, test: mean &plusmn; sd (median)</th>"
                + "</tr></thead>\n<tbody>\n");
        r2Row(h, "landmark genes", r.landmarks());
        r2Row(h, "last hidden layer", r.hidden());
        r2Row(h, "network output (its own prediction)", r.network());
        h.append("</tbody>\n</table>\n");
        for (Interpretation.Stats s : List.of(r.landmarks(), r.hidden())) {
            s.notComputed().ifPresent(why -> h.append("<div class=\"note\">").append(esc(sentence(
                    s == r.landmarks() ? "Landmark genes: " + why : "Last hidden layer: " + why))).append("</div>\n"));
        }
        h.append("<p>");
        r.fractionHigherAdjusted().ifPresent(f -> h.append("The last hidden layer has the higher adjusted R&sup2; on <strong>")
                .append(pct1(f)).append("</strong> of the ").append(r.genes()).append(" target genes. "));
        r.fractionHigherTest().ifPresent(f -> h.append("On the test samples its out-of-sample R&sup2; is the higher on ")
                .append(pct1(f)).append(" of them."));
        h.append("</p>\n");
        r.trainPng().ifPresent(png -> figureFile(h, png, "Adjusted R2 per gene: last hidden layer vs landmarks",
                "Adjusted R&sup2; per target gene on the training samples: OLS on the last hidden layer (y) against OLS on the "
                        + "landmark genes (x); points above the dashed diagonal are genes the hidden layer explains better."));
        r.testPng().ifPresent(png -> figureFile(h, png, "Out-of-sample R2 per gene: last hidden layer vs landmarks",
                "Out-of-sample R&sup2; per target gene on the test samples, coefficients fitted on the training samples."));
        r.figuresNotDrawn().ifPresent(why -> h.append("<p class=\"na\">Figures of the per-gene R&sup2; not drawn: ")
                .append(esc(sentence(why))).append("</p>\n"));
    }

    /** The text with a capital first letter and a final full stop. */
    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static void r2Row(StringBuilder h, String name, Interpretation.Stats s) {
        if (s.notComputed().isPresent()) {
            h.append("<tr><td>").append(esc(name)).append("</td><td>")
                    .append(s.predictors() > 0 ? s.predictors() + (s.predictorsUsed().isEmpty() ? "" : " (" + esc(s.predictorsUsed()) + ")")
                            : "&ndash;")
                    .append("</td><td colspan=\"3\" class=\"na\">").append(esc(sentence(s.notComputed().get()))).append("</td></tr>\n");
            return;
        }
        h.append("<tr><td>").append(esc(name)).append("</td><td>")
                .append(s.predictors() > 0 ? s.predictors() + (s.predictorsUsed().isEmpty() ? "" : " (" + esc(s.predictorsUsed()) + ")")
                        : "&ndash;")
                .append("</td><td>").append(Double.isNaN(s.adjMean()) ? "&ndash;"
                        : meanSd(s.adjMean(), s.adjSd()) + " (" + f4(s.adjMedian()) + ")")
                .append("</td><td>").append(Double.isNaN(s.r2Mean()) ? "&ndash;" : f4(s.r2Mean()))
                .append("</td><td>").append(Double.isNaN(s.testMean()) ? "&ndash;"
                        : meanSd(s.testMean(), s.testSd()) + " (" + f4(s.testMedian()) + ")")
                .append("</td></tr>\n");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void paperTables(StringBuilder h) {
        h.append("<h2>The paper's numbers (reference)</h2>\n<p>").append(esc(paper.metric())).append(".</p>\n");
        for (PaperNumbers.TestSet ts : paper.testSets()) {
            h.append("<h3>").append(esc(ts.table())).append(": ").append(esc(ts.description())).append("</h3>\n");
            h.append("<table class=\"num\">\n<thead><tr><th>layers \\ hidden units</th>");
            for (int u : ts.hiddenUnits()) {
                h.append("<th>").append(u).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (int l : ts.layers()) {
                h.append("<tr><th>").append(l).append("</th>");
                for (int u : ts.hiddenUnits()) {
                    h.append("<td>").append(ts.cell(l, u).map(c -> meanSd(c.mean(), c.sd())).orElse("&ndash;")).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
            h.append("<table class=\"num\">\n<thead><tr><th>Baseline</th><th>Overall MAE</th></tr></thead>\n<tbody>\n");
            for (PaperNumbers.Baseline b : ts.baselines()) {
                h.append("<tr><td>").append(esc(b.label())).append("</td><td>").append(meanSd(b.mean(), b.sd())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
            h.append("<ul>\n");
            for (PaperNumbers.Headline hl : ts.headlines()) {
                h.append("<li>").append(esc(hl.model())).append(" vs ").append(esc(hl.baseline()))
                        .append(": relative improvement ").append(pct2(hl.relativeImprovement()))
                        .append(hl.fractionGenesImproved() == null
                                ? ", fraction of target genes with lower error not reported"
                                : ", lower error on " + pct2(hl.fractionGenesImproved()) + " of target genes")
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    private static final String CSS = String.join("\n",
            "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
            "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}",
            "p.sub{color:#555;margin-top:0}",
            "table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}",
            "thead th{background:#f2f2f2}table.meta th{background:#f7f7f7;font-weight:600}",
            "table.num td{font-variant-numeric:tabular-nums}",
            "table.grid td.paper,table.grid th.paper,table.num td.paper,table.num th.paper{color:#555;background:#fafafa}",
            "details{margin:1em 0}details summary{cursor:pointer;font-weight:600}",
            ".note{background:#fff7e0;border-left:4px solid #e6a000;padding:.6em 1em;margin:1em 0}",
            ".warn{background:#fdecea;border-left:4px solid #b00020;padding:.6em 1em;margin:1em 0}",
            ".na{color:#777;font-style:italic}.src{color:#666;font-size:.9em}",
            "ul.verdicts li.good{color:#05603a}ul.verdicts li.bad{color:#b00020;font-weight:600}",
            "figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#444;font-size:.95em}",
            "code{background:#f4f4f4;padding:0 .2em}footer{margin-top:3em;color:#666;font-size:.9em;border-top:1px solid #ccc;padding-top:.5em}",
            "");
}
