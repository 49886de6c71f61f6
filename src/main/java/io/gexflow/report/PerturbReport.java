package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gexflow.eval.History;
import org.jfree.chart.JFreeChart;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The perturbation track's report: {@code evaluate-perturb}'s metrics.json (one row per model and the
 * additive baseline) beside the reference repository's Norman numbers of the spec. Reads the metrics file
 * only (no model classes); the words and markup are in {@code perturb.jte}.
 */
public final class PerturbReport {
    /** The spec's Norman OOD numbers of the reference repository: test IWELBO / ATE Pearson r on test perturbations. */
    public record PaperRow(String model, double iwelbo0, double ate0, double iwelbo100, double ate100) {}

    static final List<PaperRow> NORMAN = List.of(
            new PaperRow("SAMS-VAE (correlated)", -1780.43, 0.682, -1769.24, 0.775),
            new PaperRow("SAMS-VAE (mean-field)", -1778.19, 0.671, -1769.37, 0.777),
            new PaperRow("CPA-VAE", -1780.03, 0.643, -1769.59, 0.779),
            new PaperRow("Conditional VAE", -1782.86, 0.689, -1771.14, 0.769),
            new PaperRow("SVAE+", -1783.98, -0.034, -1772.09, 0.764));

    final JsonNode metrics;
    /** figures.json of evaluate-perturb (missing node when not given). */
    final JsonNode figures;
    /** timing.json of evaluate-perturb (missing node when not given): the page's only non-reproducible numbers. */
    final JsonNode timing;

    private PerturbReport(JsonNode metrics, JsonNode figures, JsonNode timing) {
        this.metrics = metrics;
        this.figures = figures;
        this.timing = timing;
    }

    public static String render(Path metricsJson) {
        return render(metricsJson, null, null);
    }

    /** The page from metrics.json and, when not null, figures.json and timing.json. */
    public static String render(Path metricsJson, Path figuresJson, Path timingJson) {
        JsonNode m = Json.readObject(metricsJson, "missing: evaluate-perturb writes it");
        JsonNode f = figuresJson == null ? MissingNode.getInstance()
                : Json.readObject(figuresJson, "missing: evaluate-perturb writes it beside metrics.json");
        JsonNode t = timingJson == null ? MissingNode.getInstance()
                : Json.readObject(timingJson, "missing: evaluate-perturb writes it when given the train verbs' --timing files");
        return Templates.render("perturb.jte", Map.of("r", new PerturbReport(m, f, t)));
    }

    public static void write(Path metricsJson, Path outHtml) {
        write(metricsJson, null, null, outHtml);
    }

    public static void write(Path metricsJson, Path figuresJson, Path timingJson, Path outHtml) {
        AtomicFile.writeString(outHtml, render(metricsJson, figuresJson, timingJson));
    }

    /** One model (its runs over seeds) in the table of every model. */
    record ModelRow(String name, String type, int runs, String seeds, String mcc, String targetF1, String targetF1Oracle, String iwelbo,
            String transferIwelbo, String ateAll, String ateTrain, String ateVal, String ateTest, String seconds) {}

    /** Every model of metrics.json's summary: each number as mean &plusmn; sd over seeds (a single value for one run). */
    List<ModelRow> everyModel() {
        List<ModelRow> out = new ArrayList<>();
        metrics.path("summary").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            JsonNode v = s.path("values");
            JsonNode first = metrics.path("models").path(s.path("runs").path(0).asText());
            String type = first.path("type").asText() + (first.has("guide") && "samsvae".equals(first.path("type").asText())
                    ? " (" + first.path("guide").asText() + ")" : "");
            List<String> seeds = new ArrayList<>();
            s.path("seeds").forEach(x -> seeds.add(x.isNull() ? "\u2013" : x.asText()));
            out.add(new ModelRow(e.getKey(), type, s.path("runs").size(), String.join(", ", seeds),
                    stat(v.path("mcc_pearson"), 3), stat(v.path("target_f1"), 3), stat(v.path("target_f1_oracle"), 3),
                    stat(v.path("iwelbo"), 2),
                    v.has("transfer_iwelbo") ? stat(v.path("transfer_iwelbo"), 2) : transferIwelbo(first), stat(v.path("ate_r_all"), 3), stat(v.path("ate_r_train"), 3),
                    stat(v.path("ate_r_val"), 3), stat(v.path("ate_r_test"), 3), stat(timing.path("summary").path(e.getKey()), 1)));
        });
        return out;
    }

    /** NONE_HELD_OUT: the transfer column of a run whose data hold no intervention out (transfer-svae --if-none skip). */
    static final String NONE_HELD_OUT = "none held out";

    /** A run's IWELBO after transfer: the number, {@link #NONE_HELD_OUT} when nothing was held out, else a dash. */
    static String transferIwelbo(JsonNode run) {
        JsonNode t = run.path("transfer");
        return t.hasNonNull("none") && !t.path("iwelbo").isNumber() ? NONE_HELD_OUT : num2(t.path("iwelbo"));
    }

    boolean hasTiming() {
        return timing.has("summary");
    }

    String timingNote() {
        return timing.path("note").asText("");
    }

    /** mean &plusmn; sd of a {@code SeedSummary.Stat} (the mean alone for one defined value; a dash for none). */
    static String stat(JsonNode s, int decimals) {
        if (s.isMissingNode() || !s.path("mean").isNumber()) {
            return "\u2013";
        }
        String mean = num(s.path("mean").asDouble(), decimals);
        return s.path("sd").isNumber() ? mean + " \u00b1 " + num(s.path("sd").asDouble(), decimals) : mean;
    }

    /** A paper row of the spec's Norman table and this run's model of the same kind (dashes when none ran). */
    record NormanRow(PaperRow paper, String model, String iwelbo, String ateTest) {}

    List<NormanRow> normanBeside() {
        List<NormanRow> out = new ArrayList<>();
        for (PaperRow p : NORMAN) {
            String group = null;
            for (var e : everyModelGroups()) {
                if (p.model().equals(paperName(e.getValue()))) {
                    group = e.getKey();
                    break;
                }
            }
            JsonNode v = group == null ? MissingNode.getInstance() : metrics.path("summary").path(group).path("values");
            JsonNode iw = v.has("iwelbo") ? v.path("iwelbo") : v.path("transfer_iwelbo");
            out.add(new NormanRow(p, group == null ? "\u2013" : group, stat(iw, 2), stat(v.path("ate_r_test"), 3)));
        }
        return out;
    }

    private List<Map.Entry<String, JsonNode>> everyModelGroups() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        metrics.path("summary").fields().forEachRemaining(e ->
                out.add(Map.entry(e.getKey(), metrics.path("models").path(e.getValue().path("runs").path(0).asText()))));
        return out;
    }

    /** The spec table's name for a run's model kind (null when the table has no such row). */
    static String paperName(JsonNode run) {
        return switch (run.path("type").asText()) {
            case "samsvae" -> "correlated".equals(run.path("guide").asText()) ? "SAMS-VAE (correlated)" : "SAMS-VAE (mean-field)";
            case "cpavae" -> "CPA-VAE";
            case "cvae" -> "Conditional VAE";
            case "svae+" -> "SVAE+";
            default -> null;
        };
    }

    /** A figure: its PNG and what it shows. */
    record Figure(String name, byte[] png, String caption) {}

    /** The first run of each model (and the additive baseline): its figures.json entry. */
    private List<Map.Entry<String, JsonNode>> firstRuns() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (var e : everyModelGroups()) {
            String run = metrics.path("summary").path(e.getKey()).path("runs").path(0).asText();
            JsonNode f = figures.path("runs").path(run);
            if (!f.isMissingNode()) {
                out.add(Map.entry(run, f));
            }
        }
        return out;
    }

    /** Data against model ATE per model (its first seed). */
    List<Figure> ateScatters() {
        List<Figure> out = new ArrayList<>();
        String genes = "top20".equals(figures.path("ate_genes").asText()) ? "each condition's top 20 genes by |data ATE|"
                : "every condition and gene";
        for (var e : firstRuns()) {
            double[] d = doubles(e.getValue().path("ate_data"));
            double[] m = doubles(e.getValue().path("ate_model"));
            if (d == null || m == null) {
                continue;
            }
            double r = io.gexflow.eval.perturb.AteAgreement.pearson(d, m);
            JFreeChart c = Charts.scatter("ATE: " + e.getKey(), "data ATE (log2 normalised expression)", d,
                    "model ATE", m, String.format(Locale.ROOT, "Pearson r %s over %d points (%s)",
                            Double.isFinite(r) ? num(r, 3) : "undefined", d.length, genes));
            out.add(new Figure(e.getKey(), Charts.png(c), genes));
        }
        return out;
    }

    /** True target graph against matched mask probabilities per model with masks (its first seed), on simulations. */
    List<Figure> maskHeatmaps() {
        List<Figure> out = new ArrayList<>();
        for (var e : firstRuns()) {
            JsonNode g = e.getValue().path("graph");
            if (g.isMissingNode()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            g.path("treatments").forEach(n -> names.add(n.asText()));
            int[][] truth = new int[g.path("truth").size()][];
            double[][] est = new double[truth.length][];
            for (int a = 0; a < truth.length; a++) {
                JsonNode row = g.path("truth").path(a);
                truth[a] = new int[row.size()];
                for (int i = 0; i < row.size(); i++) {
                    truth[a][i] = row.path(i).asInt();
                }
                est[a] = doubles(g.path("estimate").path(a));
            }
            out.add(new Figure(e.getKey(), MaskHeatmapChart.png("Targets: " + e.getKey(), names, truth, est), ""));
        }
        return out;
    }

    /** Loss columns per epoch of each model's history (its first seed). */
    List<Figure> learningCurves() {
        List<Figure> out = new ArrayList<>();
        for (var e : firstRuns()) {
            JsonNode h = e.getValue().path("history");
            if (h.isMissingNode()) {
                continue;
            }
            History hist;
            try {
                hist = Json.MAPPER.treeToValue(h, History.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalArgumentException("figures.json: the history of " + e.getKey() + " does not read: "
                        + ex.getOriginalMessage(), ex);
            }
            if (hist.epochs() == null || hist.epochs().isEmpty()) {
                continue;
            }
            List<String> cols = new ArrayList<>();
            for (String k : hist.epochs().get(0).values().keySet()) {
                if (k.contains("loss")) {
                    cols.add(k);
                }
            }
            if (cols.isEmpty()) {
                cols.addAll(hist.epochs().get(0).values().keySet());
            }
            JFreeChart c = Charts.epochLines("Training: " + e.getKey(), "loss", hist, cols, cols);
            out.add(new Figure(e.getKey(), Charts.png(c, 560, 340), String.join(", ", cols)));
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        if (!a.isArray()) {
            return null;
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.path(i);
            out[i] = x.isNumber() ? x.asDouble() : Double.NaN;
        }
        return out;
    }

    /** The models by name, in the file's order. */
    List<Map.Entry<String, JsonNode>> models() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = metrics.path("models").fields();
        it.forEachRemaining(out::add);
        return out;
    }

    List<PaperRow> norman() {
        return NORMAN;
    }

    List<Map.Entry<String, JsonNode>> definitions() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        metrics.path("definitions").fields().forEachRemaining(out::add);
        return out;
    }

    boolean simulation() {
        return metrics.hasNonNull("simulation");
    }

    /** A number with 3 decimals, or an en dash where there is none (absent, null, or NaN written as text). */
    static String num3(JsonNode n) {
        return num(n, 3);
    }

    static String num2(JsonNode n) {
        return num(n, 2);
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String num(JsonNode n, int decimals) {
        if (n == null || n.isMissingNode() || n.isNull() || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            return "\u2013";
        }
        return num(n.asDouble(), decimals);
    }
}
