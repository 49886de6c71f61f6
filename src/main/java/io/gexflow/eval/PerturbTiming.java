package io.gexflow.eval;

import io.gexflow.eval.perturb.SeedSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code timing.json} of {@code gexflow evaluate-perturb}: each run's training time (the train verbs' {@code --timing}
 * files) and, per model, its mean and standard deviation over seeds. Wall-clock seconds differ between two runs of the
 * same command, so they live here and not in the byte-reproducible metrics.json.
 *
 * @param note    what the numbers are
 * @param runs    seconds per run, by the {@code --model} name
 * @param summary per model (the {@link PerturbMetrics#summary()} groups): seconds over its seeds
 */
@MetricsJson
public record PerturbTiming(String note, Map<String, Double> runs, Map<String, SeedSummary.Stat> summary) {
    public static final String FILE = "timing.json";
    public static final String NOTE = "wall-clock seconds of each train verb (reading data, training, writing the model); "
            + "not reproducible, so outside metrics.json";

    /** The timing of {@code seconds} (by run) grouped as {@code groups} (model -> its runs in seed order). */
    public static PerturbTiming of(Map<String, Double> seconds, Map<String, SeedSummary> groups) {
        Map<String, SeedSummary.Stat> summary = new TreeMap<>();
        groups.forEach((g, s) -> {
            List<Double> v = new ArrayList<>();
            s.runs().forEach(r -> v.add(seconds.get(r)));
            if (v.stream().anyMatch(x -> x != null)) {
                summary.put(g, SeedSummary.Stat.of(v));
            }
        });
        return new PerturbTiming(NOTE, new TreeMap<>(seconds), summary);
    }
}
