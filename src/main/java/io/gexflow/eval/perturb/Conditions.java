package io.gexflow.eval.perturb;

import io.gexflow.data.perturb.PerturbationData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The perturbation conditions of a data set: the distinct non-empty rows of the dosage matrix D (a single
 * treatment, or a combination of several), in order of first appearance. ATEs are per condition, so a
 * combination is its own condition beside its singles.
 *
 * @param treatments each condition's treatment indices (columns of D), ascending
 * @param names      each condition's name: its treatments' names joined by {@code +}
 * @param cells      each condition's cells (row indices)
 * @param controls   the control cells (empty dosage rows)
 */
public record Conditions(List<int[]> treatments, List<String> names, List<int[]> cells, int[] controls) {
    public static Conditions of(PerturbationData d) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<int[]> treatments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<List<Integer>> cells = new ArrayList<>();
        List<Integer> controls = new ArrayList<>();
        long[] off = d.dosage().offsets();
        int[] idx = d.dosage().indices();
        float[] val = d.dosage().values();
        for (int i = 0; i < d.cells().size(); i++) {
            List<Integer> ts = new ArrayList<>();
            for (long k = off[i]; k < off[i + 1]; k++) {
                if (val[(int) k] != 0) {
                    ts.add(idx[(int) k]);
                }
            }
            if (ts.isEmpty()) {
                controls.add(i);
                continue;
            }
            int[] t = ts.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            String key = Arrays.toString(t);
            Integer c = index.get(key);
            if (c == null) {
                c = treatments.size();
                index.put(key, c);
                treatments.add(t);
                StringBuilder sb = new StringBuilder();
                for (int j : t) {
                    sb.append(sb.length() == 0 ? "" : "+").append(d.treatments().get(j));
                }
                names.add(sb.toString());
                cells.add(new ArrayList<>());
            }
            cells.get(c).add(i);
        }
        List<int[]> cellArrays = cells.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        return new Conditions(List.copyOf(treatments), List.copyOf(names), cellArrays,
                controls.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return names.size();
    }
}
