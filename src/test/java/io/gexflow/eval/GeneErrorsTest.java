package io.gexflow.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeneErrorsTest {
    @Test
    void perGeneMaeOnA3x2Matrix() {
        float[] truth = {1, 2, 3, 4, 5, 6};
        float[] pred = {1.5f, 2, 2, 5, 5, 3};
        // gene 1: |0.5|+|1|+|0| = 1.5 / 3 = 0.5 ; gene 2: |0|+|1|+|3| = 4 / 3
        assertArrayEquals(new double[] {0.5, 4.0 / 3}, GeneErrors.perGeneMae(pred, truth, 3, 2), 1e-7);
    }

    @Test
    void summariesAndComparisons() {
        double[] a = {0.2, 0.4};
        double[] b = {0.3, 0.3};
        assertEquals(0.3, GeneErrors.mean(a), 1e-12);
        assertEquals(0.1, GeneErrors.sd(a), 1e-12); // population sd
        assertEquals((0.5 - 0.4) / 0.5, GeneErrors.relativeImprovement(0.4, 0.5), 1e-12);
        assertEquals(0.5, GeneErrors.fractionImproved(a, b), 0);
        assertEquals(0.0, GeneErrors.fractionImproved(b, b), 0, "ties do not count as improved");
    }
}
