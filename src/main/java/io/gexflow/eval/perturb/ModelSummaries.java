package io.gexflow.eval.perturb;

import io.gexflow.eval.PerturbMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The numbers of {@link PerturbMetrics} per model over its seeds ({@link SeedSummary}): MCC, target F1, test IWELBO,
 * IWELBO after transfer, and the ATE Pearson r of each treatment set ({@code ate_r_all}, {@code ate_r_test}, ...).
 * A number no run defines is left out.
 */
public final class ModelSummaries {
    private ModelSummaries() {}

    public static Map<String, SeedSummary> of(Map<String, PerturbMetrics.Model> runs) {
        Map<String, List<String>> groups = new TreeMap<>();
        runs.keySet().forEach(name -> groups.computeIfAbsent(SeedSummary.group(name), g -> new ArrayList<>()).add(name));
        Map<String, SeedSummary> out = new TreeMap<>();
        groups.forEach((group, names) -> {
            names.sort(Comparator.comparing((String n) -> runs.get(n).seed(), Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Function.identity()));
            List<PerturbMetrics.Model> ms = names.stream().map(runs::get).toList();
            Map<String, SeedSummary.Stat> values = new LinkedHashMap<>();
            put(values, "mcc_pearson", ms, m -> m.recovery() == null ? null : m.recovery().mccPearson());
            put(values, "target_f1", ms, m -> m.recovery() == null ? null : m.recovery().targetF1());
            put(values, "target_f1_oracle", ms, m -> m.recovery() == null ? null : m.recovery().targetF1Oracle());
            put(values, "iwelbo", ms, PerturbMetrics.Model::iwelbo);
            put(values, "transfer_iwelbo", ms, m -> m.transfer() == null ? null : m.transfer().iwelbo());
            for (String set : sets()) {
                put(values, "ate_r_" + set, ms, m -> m.ate() == null || m.ate().get(set) == null ? null : m.ate().get(set).pearson());
            }
            out.put(group, new SeedSummary(names, ms.stream().map(PerturbMetrics.Model::seed).toList(), values));
        });
        return out;
    }

    private static List<String> sets() {
        List<String> s = new ArrayList<>(List.of(ConditionSets.ALL));
        s.addAll(ConditionSets.SPLITS);
        return s;
    }

    private static void put(Map<String, SeedSummary.Stat> values, String key, List<PerturbMetrics.Model> ms,
            Function<PerturbMetrics.Model, Double> f) {
        List<Double> v = ms.stream().map(f).toList();
        if (v.stream().anyMatch(x -> x != null)) {
            values.put(key, SeedSummary.Stat.of(v));
        }
    }
}
