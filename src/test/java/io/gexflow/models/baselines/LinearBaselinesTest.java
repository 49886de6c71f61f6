package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.eval.GeneErrors;
import io.gexflow.models.baselines.LinearBaselines.Penalty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LinearBaselinesTest {
    private static final int L = 20;
    private static final int T = 5;

    /** Few samples, many landmarks, sparse truth: penalties help, so the validation choice is not at an edge. */
    private static float[][] data(Random r, int n) {
        float[] x = new float[n * L];
        float[] y = new float[n * T];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < L; j++) {
                x[i * L + j] = (float) r.nextGaussian();
            }
            for (int t = 0; t < T; t++) {
                y[i * T + t] = (float) (x[i * L + t] - 0.5 * x[i * L + t + 1] + 1.5 * r.nextGaussian());
            }
        }
        return new float[][] {x, y};
    }

    private static double validationMae(DMatrixRMaj coef, float[][] v, int n) {
        LinearRegressionModel m = new LinearRegressionModel(Collections.nCopies(L, "x"), Collections.nCopies(T, "y"), coef);
        return GeneErrors.mean(GeneErrors.perGeneMae(m.predict(v[0], n), v[1], n, T));
    }

    @Test
    void penaltyIsTheGridValueWithTheLowestValidationMae() {
        Random r = new Random(4);
        float[][] tr = data(r, 40);
        float[][] va = data(r, 500);
        CrossProducts cp = new CrossProducts(L, T);
        cp.accumulate(tr[0], tr[1], 40);
        LinearBaselines.ValidationSet vs = new LinearBaselines.ValidationSet(va[0], va[1], 500);
        for (Penalty p : List.of(Penalty.L1, Penalty.L2)) {
            // in increasing order: the order given does not matter, the path runs from the largest
            List<Double> grid = p == Penalty.L1 ? List.of(0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
                    : List.of(0.0, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0);
            List<String> log = new ArrayList<>();
            LinearBaselines.Result res = LinearBaselines.fit(cp, p, grid, vs, new LinearBaselines.LassoSettings(1e-12, 100_000), log::add);
            assertEquals(grid.size(), res.trials().size());
            assertEquals(grid.size(), log.size());
            double best = Double.POSITIVE_INFINITY;
            for (int q = 0; q < res.trials().size(); q++) {
                LinearBaselines.Trial t = res.trials().get(q);
                if (q > 0) {
                    assertTrue(t.lambda() < res.trials().get(q - 1).lambda(), "decreasing lambda");
                }
                best = Math.min(best, t.validationMae());
            }
            double chosen = res.lambda();
            assertEquals(best, res.trials().stream().filter(t -> t.lambda() == chosen).findFirst().orElseThrow().validationMae());
            // neither the smallest nor the largest penalty wins on this data
            assertTrue(chosen < grid.get(grid.size() - 1) && chosen > grid.get(0), p + " chose " + chosen);
            // the recorded error is the model's error, recomputed through the model's own predict
            assertEquals(best, validationMae(res.coefficients(), va, 500), 1e-5);
            DMatrixRMaj ref = p == Penalty.L2 ? new OlsFit(cp).solve(chosen) : cold(cp, chosen);
            for (int i = 0; i < ref.getNumElements(); i++) {
                assertEquals(ref.get(i), res.coefficients().get(i), 1e-5);
            }
            if (p == Penalty.L1) {
                assertTrue(res.trials().get(0).nonZero() < res.trials().get(grid.size() - 1).nonZero());
            } else {
                assertNull(res.trials().get(0).sweeps());
            }
        }
        LinearBaselines.Result ols = LinearBaselines.fit(cp, Penalty.NONE, List.of(0.0), null, LinearBaselines.LassoSettings.DEFAULT, null);
        assertTrue(Double.isNaN(ols.trials().get(0).validationMae()));
        assertThrows(IllegalArgumentException.class,
                () -> LinearBaselines.fit(cp, Penalty.L2, List.of(1.0, 2.0), null, LinearBaselines.LassoSettings.DEFAULT, null));
        assertThrows(IllegalArgumentException.class,
                () -> LinearBaselines.fit(cp, Penalty.L1, List.of(1.0, -2.0), vs, LinearBaselines.LassoSettings.DEFAULT, null));
        assertThrows(IllegalArgumentException.class, () -> Penalty.of("l3"));
    }

    private static DMatrixRMaj cold(CrossProducts cp, double lambda) {
        LassoPath p = new LassoPath(cp.centered(), 1e-12, 100_000);
        p.fit(lambda);
        return p.coefficientMatrix();
    }
}
