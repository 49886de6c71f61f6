package io.gexflow.data.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which interventions the transfer protocol holds out, on a hand-made split. */
class HeldOutInterventionsTest {
    @Test
    void unseenInterventionsWithMoreThanMinCellsInTheHeldOutSplit() {
        // treatments a, b, c, d; cells: 1 control (test), a: 1 train + 3 test, b: 3 test, c: 2 test, d: 3 val
        List<String> split = new ArrayList<>();
        List<int[]> dose = new ArrayList<>();
        add(split, dose, "test", new int[] {});
        add(split, dose, "train", new int[] {0});
        for (int i = 0; i < 3; i++) {
            add(split, dose, "test", new int[] {0});
            add(split, dose, "test", new int[] {1});
            add(split, dose, "val", new int[] {3});
        }
        add(split, dose, "test", new int[] {2});
        add(split, dose, "test", new int[] {2});
        PerturbationData d = data(dose, List.of("a", "b", "c", "d"));
        // more than 2 cells: b (3 test cells, never trained); a has a training cell, c only 2, d none in test
        HeldOutInterventions h = HeldOutInterventions.of(d, split, "test", "train", 2);
        assertEquals(List.of("b"), h.interventions());
        assertEquals(3, h.data().cells().size());
        assertEquals(List.of("b"), h.data().treatments());
        assertArrayEquals(new int[] {0, 0, 0}, h.data().dosage().indices()); // column 0: b
        // more than 1 cell: b and c, in column order
        h = HeldOutInterventions.of(d, split, "test", "train", 1);
        assertEquals(List.of("b", "c"), h.interventions());
        assertEquals(5, h.data().cells().size());
        // d, held out as val
        assertEquals(List.of("d"), HeldOutInterventions.of(d, split, "val", "train", 2).interventions());
    }

    private static void add(List<String> split, List<int[]> dose, String s, int[] t) {
        split.add(s);
        dose.add(t);
    }

    private static PerturbationData data(List<int[]> dose, List<String> treatments) {
        int n = dose.size();
        long[] off = new long[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        long[] cOff = new long[n + 1];
        int[] cIdx = new int[n];
        float[] cVal = new float[n];
        for (int i = 0; i < n; i++) {
            for (int t : dose.get(i)) {
                idx.add(t);
            }
            off[i + 1] = idx.size();
            cells.add("c" + i);
            cOff[i + 1] = i + 1;
            cVal[i] = i + 1;
        }
        float[] ones = new float[idx.size()];
        java.util.Arrays.fill(ones, 1f);
        SparseRows dosage = new SparseRows(n, treatments.size(), off, idx.stream().mapToInt(Integer::intValue).toArray(), ones);
        SparseRows counts = new SparseRows(n, 1, cOff, cIdx, cVal);
        return new PerturbationData(cells, List.of("g"), treatments, counts, dosage);
    }
}
