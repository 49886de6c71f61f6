package io.gexflow.data.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerturbationSplitsTest {
    /** 20 singles g0..g19; 40 combinations g(i)+g(i+1 mod 20) and g(i)+g(i+2 mod 20); 25 cells each; 100 controls. */
    static PerturbationData norman() {
        List<int[]> rows = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            rows.add(new int[0]);
        }
        for (int t = 0; t < 20; t++) {
            for (int c = 0; c < 25; c++) {
                rows.add(new int[] {t});
            }
        }
        for (int step = 1; step <= 2; step++) {
            for (int t = 0; t < 20; t++) {
                int[] pair = {Math.min(t, (t + step) % 20), Math.max(t, (t + step) % 20)};
                for (int c = 0; c < 25; c++) {
                    rows.add(pair);
                }
            }
        }
        int n = rows.size();
        long[] off = new long[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int t : rows.get(i)) {
                idx.add(t);
            }
            off[i + 1] = idx.size();
            cells.add("c" + i);
        }
        float[] ones = new float[idx.size()];
        java.util.Arrays.fill(ones, 1f);
        List<String> treatments = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            treatments.add(String.format("g%02d", t));
        }
        return new PerturbationData(cells, List.of("x"), treatments,
                new SparseRows(n, 1, new long[n + 1], new int[0], new float[0]),
                new SparseRows(n, 20, off, idx.stream().mapToInt(Integer::intValue).toArray(), ones));
    }

    @Test
    void randomIs64_16_20() {
        String[] s = PerturbationSplits.random(10_000, 3, 0.2, 0.2);
        int[] n = new int[3];
        for (String x : s) {
            n[x.equals("train") ? 0 : x.equals("val") ? 1 : 2]++;
        }
        assertArrayEquals(new int[] {6_400, 1_600, 2_000}, n);
        assertArrayEquals(s, PerturbationSplits.random(10_000, 3, 0.2, 0.2));
    }

    @Test
    void oodKeepsHeldOutCombinationsOutOfTraining() {
        PerturbationData d = norman();
        List<String> combos = PerturbationSplits.comboLabels(d);
        Set<Set<String>> previous = null;
        for (double frac : new double[] {0, .25, .5, .75, 1}) {
            String[] s = PerturbationSplits.normanOod(d, 5, frac, 0.25);
            assertArrayEquals(s, PerturbationSplits.normanOod(d, 5, frac, 0.25), "seeded");
            Set<String> trainCombos = new HashSet<>();
            Set<String> testCombos = new HashSet<>();
            Set<String> trainCells = new HashSet<>();
            for (int i = 0; i < s.length; i++) {
                if (combos.get(i) == null) {
                    assertNotNull(s[i], "single and control cells are always in train or val");
                    assertTrue(!s[i].equals("test"));
                    continue;
                }
                if (s[i] == null) {
                    continue;
                }
                if (s[i].equals("test")) {
                    testCombos.add(combos.get(i));
                } else {
                    trainCombos.add(combos.get(i));
                    trainCells.add(d.cells().get(i));
                }
            }
            assertEquals(Math.floor(frac * 40), trainCombos.size(), "train combos at " + frac);
            assertEquals(10, testCombos.size(), "the last 25% of 40 combinations");
            if (frac <= 0.75) {
                Set<String> overlap = new HashSet<>(trainCombos);
                overlap.retainAll(testCombos);
                assertTrue(overlap.isEmpty(), "held-out combinations never train at " + frac);
            }
            if (previous != null) {
                assertTrue(trainCells.containsAll(previous.iterator().next()), "a larger fraction trains on a superset");
            }
            previous = Set.of(trainCells);
        }
        assertNull(PerturbationSplits.comboLabels(d).get(0));
        assertEquals("g00+g01", PerturbationSplits.comboLabels(d).get(600));
    }

    @Test
    void capControlsKeepsEveryTreatedCell() {
        PerturbationData d = norman();
        int[] keep = PerturbationSplits.capControls(d, 30, 1);
        assertEquals(d.cells().size() - 70, keep.length);
        assertEquals(30, java.util.Arrays.stream(keep).filter(d::isControl).count());
    }
}
