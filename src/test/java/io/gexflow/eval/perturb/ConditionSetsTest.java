package io.gexflow.eval.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ATE agreement by treatment set on a hand-made example of three treatments. */
class ConditionSetsTest {
    /**
     * Cells 0-1 controls; a: cells 2 (train), 3 (val); b: cells 4 (train), 5 (test); c: cells 6, 7 (test only).
     * So train = {a, b}, val = {a}, test = {b, c}.
     */
    static final Conditions C = new Conditions(List.of(new int[] {0}, new int[] {1}, new int[] {2}), List.of("a", "b", "c"),
            List.of(new int[] {2, 3}, new int[] {4, 5}, new int[] {6, 7}), new int[] {0, 1});
    static final List<String> SPLIT = Arrays.asList("train", null, "train", "val", "train", "test", "test", "test");

    @Test
    void aConditionIsInEverySplitItHasCellsIn() {
        ConditionSets s = ConditionSets.of(C, SPLIT);
        assertEquals(List.of("all", "train", "val", "test"), List.copyOf(s.rows().keySet()));
        assertArrayEquals(new int[] {0, 1, 2}, s.rows().get("all"));
        assertArrayEquals(new int[] {0, 1}, s.rows().get("train"));
        assertArrayEquals(new int[] {0}, s.rows().get("val"));
        assertArrayEquals(new int[] {1, 2}, s.rows().get("test"));
        // no val cells at all: the val set is left out
        ConditionSets noVal = ConditionSets.of(C, Arrays.asList("train", "train", "train", "train", "train", "test", "test",
                "test"));
        assertFalse(noVal.rows().containsKey("val"));
    }

    @Test
    void agreementPerSetByHand() {
        // two genes; data ATEs a (1, 0), b (0, 2), c (3, 1); the model is exact on a and b, wrong on c: (1, 3)
        double[][] data = {{1, 0}, {0, 2}, {3, 1}};
        double[][] model = {{1, 0}, {0, 2}, {1, 3}};
        Map<String, AteAgreement> a = ConditionSets.of(C, SPLIT).agreement(data, model);
        // train = {a, b}: exact -> r = 1, R^2 = 1
        assertEquals(1, a.get("train").pearson(), 1e-12);
        assertEquals(1, a.get("train").r2(), 1e-12);
        assertEquals(2, a.get("train").conditions());
        // val = {a}: data (1, 0), model (1, 0): r = 1
        assertEquals(1, a.get("val").pearson(), 1e-12);
        // test = {b, c}: data (0, 2, 3, 1), model (0, 2, 1, 3); means 1.5 and 1.5;
        // deviations d (-1.5, .5, 1.5, -.5), m (-1.5, .5, -.5, 1.5): sum dm = 2.25 + .25 - .75 - .75 = 1, sum d^2 = 5
        assertEquals(1.0 / 5, a.get("test").pearson(), 1e-12);
        // R^2 = 1 - SS_res / SS_tot = 1 - (0 + 0 + 4 + 4) / 5 = -0.6
        assertEquals(-0.6, a.get("test").r2(), 1e-12);
        // all = {a, b, c}: data (1, 0, 0, 2, 3, 1), mean 7/6; residuals only on c: 4 + 4 = 8
        double mean = 7.0 / 6;
        double tot = 0;
        for (double v : new double[] {1, 0, 0, 2, 3, 1}) {
            tot += (v - mean) * (v - mean);
        }
        assertEquals(1 - 8 / tot, a.get("all").r2(), 1e-12);
        assertEquals(3, a.get("all").conditions());
    }
}
