package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ValidationTest {
    @Test
    void perGeneMaeByHandInChunksOfOneAndOfEverything() {
        // y = 1 + 2 x1 - x2 (target 0) and 0.5 x2 (target 1)
        DMatrixRMaj coef = new DMatrixRMaj(new double[][] {{1, 0}, {2, 0}, {-1, 0.5}});
        float[] x = {0, 0, 1, 1, 2, -2};
        float[] y = {2, 1, 1, 0, 9, -1};
        // predictions: (1, 0), (2, 0.5), (7, -1); errors: (1, 1), (1, 0.5), (2, 0); MAE (4/3, 1.5/3)
        double[] expected = {4.0 / 3, 0.5};
        assertArrayEquals(expected, Validation.perGeneMae(coef, x, y, 3), 1e-15);
        assertArrayEquals(expected, Validation.perGeneMae(coef, x, y, 3, 1), 1e-15);
        // the first two samples only, in chunks of one: errors (1, 1) and (1, 0.5)
        assertArrayEquals(new double[] {1, 0.75}, Validation.perGeneMae(coef, x, y, 2, 6), 1e-15);
    }
}
