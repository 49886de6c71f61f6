package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneStandardizerTest {
    @Test
    void populationStatisticsOfASmallColumn() {
        GeneStandardizer s = new GeneStandardizer(1);
        for (float v : new float[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            s.accumulate(new float[] {v}, 0);
        }
        assertEquals(5.0, s.means()[0], 1e-12);
        assertEquals(2.0, s.stds()[0], 1e-12); // the textbook population sd of this sample
        float[] row = {9};
        GeneStandardizer.apply(s.means(), s.stds(), row, 0);
        assertEquals((9 - 5) / (2 + 1e-3), row[0], 1e-6);
    }

    @Test
    void welfordMatchesTwoPassOnLargeOffsets() {
        Random r = new Random(5);
        int n = 20000;
        float[] v = new float[n];
        GeneStandardizer s = new GeneStandardizer(1);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (1e4 + r.nextGaussian());
            s.accumulate(v, i);
        }
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        assertArrayEquals(new double[] {mean}, s.means(), 1e-9);
        assertArrayEquals(new double[] {Math.sqrt(ss / n)}, s.stds(), 1e-9);
    }
}
