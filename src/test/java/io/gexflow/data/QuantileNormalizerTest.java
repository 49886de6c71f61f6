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
}
