package io.gexflow.report;

import com.fasterxml.jackson.databind.JsonNode;
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

    private PerturbReport(JsonNode metrics) {
        this.metrics = metrics;
    }

    public static String render(Path metricsJson) {
        JsonNode m = Json.readObject(metricsJson, "missing: evaluate-perturb writes it");
        return Templates.render("perturb.jte", Map.of("r", new PerturbReport(m)));
    }

    public static void write(Path metricsJson, Path outHtml) {
        AtomicFile.writeString(outHtml, render(metricsJson));
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
