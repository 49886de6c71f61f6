package io.gexflow.report;

import static io.gexflow.report.Html.f4;
import static io.gexflow.report.Html.pct1;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.eval.History;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The D-GEX family's report, its sections (templates {@code dgex*.jte}) in the one page of every report
 * ({@code page.jte}): run metadata; this run in the layout of the paper's
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
    double fractionLower(String a, String b) {
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

    // ---------------------------------------------------------------- what the templates read

    /** One chart of paper Fig. 1: a dropout rate, with the paper's cells drawn beside this run's or not. */
    record Fig1(double rate, byte[] png, boolean withPaper) {}

    /** Paper Fig. 5 for the best architecture; {@code png} is null when no model of it has a history. */
    record Fig5(int layers, int units, byte[] png) {}

    /** A PNG with its size in pixels. */
    record Png(byte[] bytes, int width, int height) {}

    private String html() {
        return Templates.render("dgex.jte", Map.of("r", this));
    }

    Metrics metrics() {
        return metrics;
    }

    PaperNumbers paper() {
        return paper;
    }

    List<String> warnings() {
        return warnings;
    }

    Optional<Interpretation> interpretation() {
        return interpretation;
    }

    Optional<InferenceSummary> inference() {
        return inference;
    }

    boolean isPaperData() {
        return metrics.dataset().toLowerCase(Locale.ROOT).contains("bgedv2");
    }

    /** The paper's test set this run is set beside (its own, or the paper's GEO-te). */
    PaperNumbers.TestSet paperSet() {
        return paper.forTestSet(metrics.testSet());
    }

    /** The label of model {@code key}. */
    String label(String key) {
        return metrics.models().get(key).label();
    }

    /** A count of CONVERT's summary with thousands separators, or {@code &ndash;} (HTML) where there is none. */
    static String count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? "&ndash;" : thousands(v.longValue());
    }

    static String thousands(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String pct0(double fraction) {
        double p = 100.0 * fraction;
        return p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
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

    /** The text with a capital first letter and a final full stop. */
    static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    /** The D-GEX models that record their architecture. */
    List<Metrics.Model> dgexWithArchitecture() {
        return metrics.models().values().stream().filter(m -> m.isDgex() && m.architecture().isPresent()).toList();
    }

    /** The D-GEX models. */
    List<Metrics.Model> dgex() {
        return metrics.models().values().stream().filter(Metrics.Model::isDgex).toList();
    }

    /** The D-GEX model with the lowest overall MAE on this test set (first one on ties), if any. */
    Optional<Metrics.Model> bestDgex() {
        Metrics.Model best = null;
        for (Metrics.Model m : metrics.models().values()) {
            if (m.isDgex() && (best == null || m.overallMae() < best.overallMae())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    boolean isBest(Metrics.Model m) {
        return bestDgex().map(b -> b.key().equals(m.key())).orElse(false);
    }

    /** Dropout rates of the D-GEX models with an architecture, ascending (NaN, unrecorded, last). */
    List<Double> dropoutRates() {
        return dgexWithArchitecture().stream().map(m -> m.architecture().get().dropout()).distinct()
                .sorted((a, b) -> Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : Double.isNaN(b) ? -1 : Double.compare(a, b))
                .toList();
    }

    static boolean sameRate(double a, double b) {
        return (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }

    static String rateText(double dropout) {
        return Double.isNaN(dropout) ? "unrecorded dropout" : pct0(dropout) + " dropout";
    }

    // ---------------------------------------------------------------- the paper's layout

    /** The hidden-unit columns of the paper-layout grids: every width of this run's D-GEX models. */
    SortedSet<Integer> gridUnits() {
        SortedSet<Integer> units = new TreeSet<>();
        dgexWithArchitecture().forEach(m -> units.add(m.architecture().get().hiddenUnits()));
        return units;
    }

    /** The layer rows of the paper-layout grids: the paper's 1, 2, 3 and every depth of this run. */
    SortedSet<Integer> gridLayers() {
        SortedSet<Integer> layers = new TreeSet<>(List.of(1, 2, 3));
        dgexWithArchitecture().forEach(m -> layers.add(m.architecture().get().hiddenLayers()));
        return layers;
    }

    /** This run's D-GEX model of {@code layers} x {@code units} at dropout {@code rate}, if any. */
    Optional<Metrics.Model> gridCell(int layers, int units, double rate) {
        return dgexWithArchitecture().stream().filter(m -> {
            Metrics.Architecture a = m.architecture().get();
            return a.hiddenLayers() == layers && a.hiddenUnits() == units && sameRate(a.dropout(), rate);
        }).findFirst();
    }

    /** The paper's name of baseline {@code key} (e.g. "KNN-GE" for knn), or the key. */
    String baselineLabel(String key) {
        return paperSet().baseline(key).map(PaperNumbers.Baseline::label).orElse(key);
    }

    /** The paper's headline of the best D-GEX against the baseline it calls {@code baselineLabel}. */
    Optional<PaperNumbers.Headline> headline(String baselineLabel) {
        return paperSet().headlines().stream().filter(x -> x.baseline().equals(baselineLabel)).findFirst();
    }

    // ---------------------------------------------------------------- figures

    /** This run's LR overall MAE, when there is an LR model. */
    OptionalDouble lrMae() {
        Metrics.Model lr = metrics.models().get("lr");
        return lr == null ? OptionalDouble.empty() : OptionalDouble.of(lr.overallMae());
    }

    /** Paper Fig. 1: overall error against hidden units, a line per layer count, one chart per dropout rate. */
    List<Fig1> fig1() {
        List<Metrics.Model> dgex = dgexWithArchitecture();
        PaperNumbers.TestSet ts = paperSet();
        List<Fig1> charts = new ArrayList<>();
        for (double rate : dgex.isEmpty() ? List.<Double>of() : dropoutRates()) {
            Map<String, double[][]> lines = new LinkedHashMap<>();
            SortedSet<Integer> layerCounts = new TreeSet<>();
            Set<Integer> runUnits = new TreeSet<>();
            for (Metrics.Model m : dgex) {
                if (sameRate(m.architecture().get().dropout(), rate)) {
                    layerCounts.add(m.architecture().get().hiddenLayers());
                    runUnits.add(m.architecture().get().hiddenUnits());
                }
            }
            for (int l : layerCounts) {
                List<double[]> pts = new ArrayList<>();
                Set<Integer> seen = new HashSet<>();
                for (Metrics.Model m : dgex) {
                    Metrics.Architecture a = m.architecture().get();
                    if (a.hiddenLayers() == l && sameRate(a.dropout(), rate) && seen.add(a.hiddenUnits())) {
                        pts.add(new double[] {a.hiddenUnits(), m.overallMae()});
                    }
                }
                lines.put(l + " hidden layer" + (l == 1 ? "" : "s"), pts.toArray(new double[0][]));
            }
            // the paper's cells as reference when this rate is the paper's and the grids share hidden units
            Map<String, double[][]> reference = new LinkedHashMap<>();
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
            charts.add(new Fig1(rate, Charts.png(Charts.architectureLines("Overall error vs architecture, D-GEX with "
                    + rateText(rate), lines, lrMae(), reference, paperLr)), !reference.isEmpty()));
        }
        return charts;
    }

    /** Paper Fig. 2: the density of every model's per-gene MAE. */
    byte[] densityPng() {
        List<Metrics.Model> models = List.copyOf(metrics.models().values());
        return Charts.png(Charts.density(models.stream().map(Metrics.Model::label).toList(),
                models.stream().map(m -> perGene.get(m.key()).mae()).toList()));
    }

    /** Paper Fig. 3/4: per-gene MAE of D-GEX model {@code d} against baseline {@code base}. */
    byte[] scatterPng(Metrics.Model d, Metrics.Model base) {
        PerGeneMae tb = perGene.get(base.key());
        double[] y = tb.alignedValuesOf(perGene.get(d.key()));
        return Charts.png(Charts.scatter("Per-gene MAE: " + d.label() + " vs " + base.label(), base.label(), tb.mae(), d.label(), y));
    }

    /** Paper Fig. 5: per epoch, the overall error of the best D-GEX architecture for each dropout rate; null without one. */
    Fig5 fig5() {
        Optional<Metrics.Model> best = bestDgex().filter(m -> m.architecture().isPresent());
        if (best.isEmpty()) {
            return null;
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
        String arch = a.hiddenLayers() + "x" + a.hiddenUnits();
        return new Fig5(a.hiddenLayers(), a.hiddenUnits(), hs.isEmpty() ? null
                : Charts.png(Charts.dropoutCurves("Overall error per epoch, D-GEX " + arch + ", by dropout rate", labels, hs, lrMae())));
    }

    /** The models with a training history, in metrics.json's order. */
    List<Metrics.Model> withHistory() {
        return metrics.models().values().stream().filter(m -> histories.containsKey(m.key())).toList();
    }

    /** The best validation epoch of a model: from its history, else from metrics.json. */
    Optional<Integer> bestEpoch(Metrics.Model d) {
        return Optional.ofNullable(histories.get(d.key()).bestEpoch()).or(d::bestEpoch);
    }

    /** A model's own learning curve. */
    byte[] learningCurvePng(Metrics.Model d) {
        return Charts.png(Charts.learningCurve("Training of " + d.label(), histories.get(d.key()), lrMae(),
                bestEpoch(d).map(b -> OptionalDouble.of(b)).orElse(OptionalDouble.empty())));
    }

    /** A PNG file written by another step, embedded as it is (its size read from the file). */
    static Png pngFile(Path png) {
        byte[] bytes;
        BufferedImage img;
        try {
            bytes = Files.readAllBytes(png);
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new InputException(png, "cannot read: " + e, e);
        }
        if (img == null || bytes.length < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            throw new InputException(png, "not a PNG image");
        }
        return new Png(bytes, img.getWidth(), img.getHeight());
    }
}
