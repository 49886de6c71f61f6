package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class QuantileNormalizerTest {
    /** Three samples of four genes; sorted columns {2,3,4,5}, {1,2,3,4}, {3,4,6,8}. */
    private static final float[][] SAMPLES = {{5, 2, 3, 4}, {4, 1, 3, 2}, {3, 4, 6, 8}};

    @Test
    void referenceIsTheMeanOfSortedSamples() {
        QuantileNormalizer q = new QuantileNormalizer(4);
        for (float[] s : SAMPLES) {
            q.accumulate(s, 0);
        }
        // (2+1+3)/3, (3+2+4)/3, (4+3+6)/3, (5+4+8)/3
        assertArrayEquals(new double[] {2, 3, 13.0 / 3, 17.0 / 3}, q.reference(), 1e-12);
    }

    @Test
    void valuesTakeTheQuantileOfTheirRank() {
        double[] ref = {2, 3, 13.0 / 3, 17.0 / 3};
        float[] s = {5, 2, 3, 4};
        QuantileNormalizer.apply(ref, s, 0);
        assertArrayEquals(new float[] {17f / 3, 2, 3, 13f / 3}, s, 1e-6f);
    }

    @Test
    void tiesShareTheirTruncatedAverageRank() {
        double[] ref = {10, 20, 30, 40};
        // 1 has rank 1; the two 7s have ranks 2 and 3 -> average 2.5 -> 2; 9 has rank 4
        float[] s = {7, 1, 9, 7};
        QuantileNormalizer.apply(ref, s, 0);
        assertArrayEquals(new float[] {20, 10, 40, 20}, s);
        // three ties at ranks 2,3,4 -> average 3
        float[] t = {5, 5, 0, 5};
        QuantileNormalizer.apply(ref, t, 0);
        assertArrayEquals(new float[] {30, 30, 10, 30}, t);
    }

    @Test
    void appliesAtAnOffsetWithoutTouchingNeighbours() {
        double[] ref = {1, 2};
        float[] row = {99, 5, 3, 99};
        QuantileNormalizer.apply(ref, row, 1);
        assertArrayEquals(new float[] {99, 2, 1, 99}, row);
    }

    @Test
    void negativeValuesZerosAndTiesAcrossSignsSortNumerically() {
        double[] ref = {10, 20, 30, 40, 50};
        // ranks: -3 -> 1, -0.0 and 0.0 tie at 2,3 -> 2, 1.5 -> 4, 7 -> 5
        float[] s = {0f, -3f, 7f, -0f, 1.5f};
        QuantileNormalizer.apply(ref, s, 0);
        assertArrayEquals(new float[] {20, 10, 50, 20, 40}, s);
    }

    @Test
    void agreesWithASortByComparatorOnRandomRowsWithTies() {
        java.util.Random r = new java.util.Random(4);
        double[] ref = new double[200];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i * 0.5;
        }
        for (int t = 0; t < 50; t++) {
            float[] row = new float[200];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) Math.round(r.nextGaussian() * 20) / 4f; // many ties, both signs
            }
            float[] expected = new float[200];
            Integer[] order = new Integer[200];
            for (int i = 0; i < 200; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(row[a] == 0f ? 0f : row[a], row[b] == 0f ? 0f : row[b]));
            for (int i = 0; i < 200; ) {
                int j = i;
                while (j + 1 < 200 && row[order[j + 1]] == row[order[i]]) {
                    j++;
                }
                for (int k = i; k <= j; k++) {
                    expected[order[k]] = (float) ref[(int) (((i + 1) + (j + 1)) / 2.0) - 1];
                }
                i = j + 1;
            }
            QuantileNormalizer.apply(ref, row, 0);
            assertArrayEquals(expected, row);
        }
    }
}
