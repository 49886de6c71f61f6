package io.gexflow.report;

import io.gexflow.io.AtomicFile;
import static io.gexflow.report.Html.esc;
import static io.gexflow.report.Html.f4;
import static io.gexflow.report.Html.meanSd;
import static io.gexflow.report.Html.pct1;
import static io.gexflow.report.Html.pct2;

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
 * The self-contained HTML report of the D-GEX track: run metadata, "this run vs the paper", comparisons,
 * the paper's figures 1-5 redrawn from this run (inline PNG), and the paper's Tables 1 and 2.
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
    private final Map<String, TrainingHistory> histories = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int figureNo = 0;

    private DgexReport(Metrics metrics, PaperNumbers paper) {
        this.metrics = metrics;
        this.paper = paper;
    }

    /** Reads metrics.json and the files it names, and returns the report as HTML text. */
    public static String render(Path metricsJson) {
        return render(Metrics.read(metricsJson), PaperNumbers.load());
    }

    /** The report for already-read metrics and paper numbers; reads the per-gene and history files. */
    public static String render(Metrics metrics, PaperNumbers paper) {
        DgexReport r = new DgexReport(metrics, paper);
        r.loadInputs();
        return r.html();
    }

    /**
     * Renders the report of {@code metricsJson} and writes it to {@code outHtml}: into a temporary file
     * in the target directory first, then renamed over the target atomically, so readers never see a
     * partial file.
     */
    public static void write(Path metricsJson, Path outHtml) {
        AtomicFile.writeString(outHtml, render(metricsJson));
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
                histories.put(m.key(), TrainingHistory.read(m.history().get()));
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
        thisRunVsPaper(h);
        comparisons(h);
        figures(h);
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
        h.append("<h2>This run vs the paper</h2>\n");
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
        figureNo++;
        byte[] png = Charts.png(chart);
        h.append("<figure>\n<img alt=\"").append(esc(alt)).append("\" width=\"").append(Charts.WIDTH)
                .append("\" height=\"").append(Charts.HEIGHT).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption><strong>Figure ")
                .append(figureNo).append(".</strong> ").append(caption).append("</figcaption>\n</figure>\n");
    }

    private void figures(StringBuilder h) {
        h.append("<h2>Figures</h2>\n");
        List<Metrics.Model> models = List.copyOf(metrics.models().values());
        Optional<Metrics.Model> lr = Optional.ofNullable(metrics.models().get("lr"));
        OptionalDouble lrMae = lr.map(m -> OptionalDouble.of(m.overallMae())).orElse(OptionalDouble.empty());
        List<String> labels = models.stream().map(Metrics.Model::label).toList();

        // Fig 1-like: overall error per model with the LR line
        figure(h, Charts.overallBars(labels, models.stream().mapToDouble(Metrics.Model::overallMae).toArray(), lrMae),
                "Overall MAE per model",
                "Overall error of every model on " + esc(metrics.testSet())
                        + (lr.isPresent() ? ", the LR overall error as a dashed line" : "")
                        + " (paper Fig. 1 plots this against the D-GEX architecture).");

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
                if (baseKey.equals("lr")) {
                    h.append("<p class=\"na\">Paper Fig. 3 (D-GEX vs LR per gene) needs a model <code>lr</code> in metrics.json; there is none.</p>\n");
                }
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

        // Fig 5-like: learning curves
        for (Metrics.Model d : models) {
            TrainingHistory hist = histories.get(d.key());
            if (hist == null) {
                continue;
            }
            Optional<Integer> best = hist.bestEpoch().or(d::bestEpoch);
            figure(h, Charts.learningCurve("Training of " + d.label(), hist, lrMae,
                            best.map(b -> OptionalDouble.of(b)).orElse(OptionalDouble.empty())),
                    "Learning curve of " + d.label(),
                    "Training of " + esc(d.label()) + ": MAE on the fixed training subset and on the validation set per epoch"
                            + (lr.isPresent() ? ", LR overall test error as a dashed line" : "")
                            + best.map(b -> ", best validation epoch " + b + " marked").orElse("")
                            + " &mdash; like paper Fig. 5.");
        }
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
            ".note{background:#fff7e0;border-left:4px solid #e6a000;padding:.6em 1em;margin:1em 0}",
            ".warn{background:#fdecea;border-left:4px solid #b00020;padding:.6em 1em;margin:1em 0}",
            ".na{color:#777;font-style:italic}.src{color:#666;font-size:.9em}",
            "ul.verdicts li.good{color:#05603a}ul.verdicts li.bad{color:#b00020;font-weight:600}",
            "figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#444;font-size:.95em}",
            "code{background:#f4f4f4;padding:0 .2em}footer{margin-top:3em;color:#666;font-size:.9em;border-top:1px solid #ccc;padding-top:.5em}",
            "");
}
