package io.gexflow.eval.perturb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of each treatment set (spec perturbation.md "Metrics": ATE agreement "for all / train / val /
 * test treatments"): {@code all} holds every condition; a split's set holds each condition with at least one cell
 * in that split (so under a random split a condition is in all three, and a held-out intervention only in
 * {@code test}). Sets with no condition are left out.
 *
 * @param rows each set's condition indices (rows of a {@link Conditions}-ordered ATE matrix), ascending
 */
public record ConditionSets(Map<String, int[]> rows) {
    public static final String ALL = "all";
    /** The split names, in the order the sets are listed. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    public ConditionSets {
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /** The sets of {@code c}'s conditions given each cell's split label ({@code split.get(i)}: null for none). */
    public static ConditionSets of(Conditions c, List<?> split) {
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put(ALL, java.util.stream.IntStream.range(0, c.size()).toArray());
        for (String s : SPLITS) {
            List<Integer> in = new ArrayList<>();
            for (int k = 0; k < c.size(); k++) {
                for (int cell : c.cells().get(k)) {
                    Object v = split.get(cell);
                    if (v != null && s.equals(v.toString())) {
                        in.add(k);
                        break;
                    }
                }
            }
            if (!in.isEmpty()) {
                out.put(s, in.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new ConditionSets(out);
    }

    /** The ATE agreement of {@code model} with {@code data} (conditions x genes, {@link Conditions} order) per set. */
    public Map<String, AteAgreement> agreement(double[][] data, double[][] model) {
        Map<String, AteAgreement> out = new LinkedHashMap<>();
        rows.forEach((set, r) -> {
            double[][] d = new double[r.length][];
            double[][] m = new double[r.length][];
            for (int i = 0; i < r.length; i++) {
                d[i] = data[r[i]];
                m[i] = model[r[i]];
            }
            out.put(set, AteAgreement.of(d, m));
        });
        return out;
    }
}
