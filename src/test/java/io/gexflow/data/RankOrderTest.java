package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankOrderTest {
    /** The order a comparison sort gives: by value (-0.0 == 0.0), equal values by position. */
    private static int[] byComparator(float[] row, int offset, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) QuantileNormalizer.sortableBits(row[offset + i]) << 32) | i;
        }
        Arrays.sort(keys);
        return Arrays.stream(keys).mapToInt(k -> (int) k).toArray();
    }

    private static int[] byRadix(RankOrder order, float[] row, int offset) {
        order.sort(row, offset);
        int[] idx = new int[order.length()];
        for (int r = 0; r < idx.length; r++) {
            idx[r] = order.index(r);
        }
        return idx;
    }

    @Test
    void handExample() {
        float[] row = {9f, 3f, 2f, 3f, -1f, 0f, -0f, 100f};
        RankOrder order = new RankOrder(6);
        // offset 1: 3, 2, 3, -1, 0, -0 -> -1 (3), 0 (4), -0 (5), 2 (1), 3 (0), 3 (2)
        assertArrayEquals(new int[] {3, 4, 5, 1, 0, 2}, byRadix(order, row, 1));
        assertEquals(order.key(1), order.key(2)); // 0.0 and -0.0 tie
        assertEquals(order.key(4), order.key(5));
    }

    @Test
    void agreesWithAComparisonSortOnRowsOfEveryKind() {
        Random rnd = new Random(11);
        int n = 5003;
        RankOrder order = new RankOrder(n);
        for (int trial = 0; trial < 40; trial++) {
            float[] row = new float[n + 7];
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (trial % 4) {
                    case 0 -> (float) rnd.nextGaussian();                           // every pass moves values
                    case 1 -> 5f + rnd.nextInt(50) / 8f;                             // many ties, one high digit
                    case 2 -> (rnd.nextBoolean() ? -1 : 1) * (float) Math.exp(rnd.nextGaussian() * 30);
                    default -> rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0f : -0f)
                            : rnd.nextInt(3) == 0 ? Float.NEGATIVE_INFINITY : rnd.nextFloat() * 1e6f - 5e5f;
                };
            }
            int offset = trial % 7;
            assertArrayEquals(byComparator(row, offset, n), byRadix(order, row, offset), "trial " + trial);
        }
    }

    @Test
    void aRowOfOneValueKeepsItsOrder() {
        float[] row = new float[300];
        Arrays.fill(row, 2.5f);
        int[] expected = new int[300];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, byRadix(new RankOrder(300), row, 0));
    }
}
