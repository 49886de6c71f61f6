package io.gexflow.eval.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MajorWeightsTest {
    static final int TO = 100;
    static final int FROM = 100;

    /**
     * A 100 x 100 matrix with mean 0 and sd 1 (up to float rounding): 11 weights at +4.5, 9 at -5.5
     * (11 * 4.5 = 9 * 5.5, so the mean stays 0) and the other 9,980 at +-c alternating, c chosen so that
     * the sum of squares is 10,000. Beyond 4 sd: 11 positive, 9 negative; beyond 5 sd: 0 and 9.
     */
    static float[] constructed() {
        int n = TO * FROM;
        float c = (float) Math.sqrt((n - 11 * 4.5 * 4.5 - 9 * 5.5 * 5.5) / (n - 20));
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 2 == 0 ? c : -c;
        }
        // positives: row 3 (to-unit 3), columns 0..10 (keeps the +-c pairs balanced: 11 + 9 slots taken
        // from an even run of 20 cells split 10/10 between +c and -c)
        for (int i = 0; i < 11; i++) {
            w[3 * FROM + 40 + i] = 4.5f;
        }
        for (int i = 0; i < 9; i++) {
            w[3 * FROM + 51 + i] = -5.5f;
        }
        return w;
    }

    @Test
    void constructedMatrixHasMeanZeroAndSdOne() {
        double[] ms = MajorWeights.meanSd(constructed());
        assertEquals(0, ms[0], 1e-7);
        assertEquals(1, ms[1], 1e-6);
    }

    @Test
    void countsBeyondFourAndFiveSd() {
        MajorWeights mw = MajorWeights.count(constructed(), TO, FROM, 4, 5);
        assertEquals(11, mw.positive(0));
        assertEquals(9, mw.negative(0));
        assertEquals(20, mw.total(0));
        assertEquals(0, mw.positive(1), "4.5 sd is beyond 4 but not 5");
        assertEquals(9, mw.negative(1));
        assertEquals(10_000, mw.weights());
        // all in to-unit 3; from-units 40..50 positive, 51..59 negative
        assertEquals(11, mw.toPositive(0, 3));
        assertEquals(9, mw.toNegative(0, 3));
        assertEquals(9, mw.toNegative(1, 3));
        assertEquals(1, mw.toUnitsWithMajor(0));
        assertEquals(20, mw.fromUnitsWithMajor(0));
        assertEquals(9, mw.fromUnitsWithMajor(1));
        for (int i = 0; i < FROM; i++) {
            assertEquals(i >= 40 && i <= 50 ? 1 : 0, mw.fromPositive(0, i), "from " + i);
            assertEquals(i >= 51 && i <= 59 ? 1 : 0, mw.fromNegative(0, i), "from " + i);
            assertEquals(i >= 51 && i <= 59 ? 1 : 0, mw.fromNegative(1, i), "from " + i);
        }
    }

    @Test
    void deviationFromTheMeanNotFromZero() {
        float[] w = constructed();
        for (int i = 0; i < w.length; i++) {
            w[i] += 10f; // a common shift changes no z-score
        }
        MajorWeights mw = MajorWeights.count(w, TO, FROM, 4, 5);
        assertEquals(11, mw.positive(0));
        assertEquals(9, mw.negative(0));
        assertEquals(9, mw.negative(1));
        MajorWeights flat = MajorWeights.count(new float[12], 3, 4, 4, 5);
        assertEquals(0, flat.total(0));
        assertEquals(0, flat.sd());
    }

    @Test
    void mapBlocksSumToTheCounts() {
        float[] w = constructed();
        MajorWeightMap full = MajorWeightMap.of(w, TO, FROM, 4, 5, 600, 420);
        assertEquals(1, full.blockFrom());
        assertEquals(1, full.blockTo());
        assertEquals(100, full.columns());
        assertEquals(1, full.positiveLow()[3 * 100 + 40]);
        assertEquals(0, full.positiveHigh()[3 * 100 + 40]);
        assertEquals(1, full.negativeHigh()[3 * 100 + 59]);
        // 30 x 7 blocks at most: blocks of 4 (from) x 15 (to) weights -> 25 x 7 blocks
        MajorWeightMap small = MajorWeightMap.of(w, TO, FROM, 4, 5, 30, 7);
        assertEquals(4, small.blockFrom());
        assertEquals(15, small.blockTo());
        assertEquals(25, small.columns());
        assertEquals(7, small.rows());
        assertEquals(11, Arrays.stream(small.positiveLow()).sum());
        assertEquals(9, Arrays.stream(small.negativeLow()).sum());
        assertEquals(0, Arrays.stream(small.positiveHigh()).sum());
        assertEquals(9, Arrays.stream(small.negativeHigh()).sum());
        // from-units 40..43 -> block column 10, to-unit 3 -> block row 0
        assertEquals(4, small.positiveLow()[10]);
        int[] expectedRow0 = new int[25];
        expectedRow0[10] = 4;
        expectedRow0[11] = 4;
        expectedRow0[12] = 3;
        assertArrayEquals(expectedRow0, Arrays.copyOfRange(small.positiveLow(), 0, 25));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> MajorWeights.count(new float[6], 2, 4, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> MajorWeights.count(new float[8], 2, 4, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> MajorWeightMap.of(new float[8], 2, 4, 5, 4, 10, 10));
    }
}
