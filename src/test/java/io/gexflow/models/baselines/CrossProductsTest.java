package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossProductsTest {
    @Test
    void engineSumsOverChunksEqualPlainDoubleLoops() {
        Random r = new Random(17);
        int n = 23;
        int l = 4;
        int t = 3;
        float[] x = new float[n * l];
        float[] y = new float[n * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() + 0.5);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (2 * r.nextGaussian() - 1);
        }
        // 14 doubles per chunk: 2 rows of 4 + 3 values, so 12 chunks, the last one a single row; and a
        // second call adds to the first
        CrossProducts cp = new CrossProducts(l, t, 14);
        cp.accumulate(x, y, 20);
        cp.accumulate(java.util.Arrays.copyOfRange(x, 20 * l, n * l), java.util.Arrays.copyOfRange(y, 20 * t, n * t), 3);
        assertEquals(n, cp.rows());
        for (int j = 0; j <= l; j++) {
            for (int k = 0; k <= l; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (j == 0 ? 1 : (double) x[i * l + j - 1]) * (k == 0 ? 1 : (double) x[i * l + k - 1]);
                }
                assertEquals(s, cp.ata().get(j, k), 1e-12 * Math.max(1, Math.abs(s)), "A^T A " + j + "," + k);
            }
            for (int k = 0; k < t; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (j == 0 ? 1 : (double) x[i * l + j - 1]) * y[i * t + k];
                }
                assertEquals(s, cp.aty().get(j, k), 1e-12 * Math.max(1, Math.abs(s)), "A^T Y " + j + "," + k);
            }
        }
        for (int k = 0; k < t; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (double) y[i * t + k] * y[i * t + k];
            }
            assertEquals(s, cp.sumSquaresY(k), 1e-12 * s);
        }
    }

    @Test
    void hasOneColumnOfOnesInTheDesignByHand() {
        // x = (1, 2, 3), y = (2, 4, 7): A^T A = [[3, 6], [6, 14]], A^T y = (13, 31), sum y^2 = 69
        CrossProducts cp = new CrossProducts(1, 1, 2);
        cp.accumulate(new float[] {1, 2, 3}, new float[] {2, 4, 7}, 3);
        assertEquals(3, cp.ata().get(0, 0));
        assertEquals(6, cp.ata().get(0, 1));
        assertEquals(6, cp.ata().get(1, 0));
        assertEquals(14, cp.ata().get(1, 1));
        assertEquals(13, cp.aty().get(0, 0));
        assertEquals(31, cp.aty().get(1, 0));
        assertEquals(69, cp.sumSquaresY(0));
        assertEquals(2, cp.meanX(0), 1e-15);
    }
}
