package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LassoPathTest {
    /** Columns 1..7 of the 8 x 8 Sylvester-Hadamard matrix: mean 0, mutually orthogonal, |h|^2 = 8. */
    private static int hadamard(int i, int j) {
        return Integer.bitCount(i & j) % 2 == 0 ? 1 : -1;
    }

    @Test
    void orthogonalDesignIsSoftThresholdingOfTheCorrelations() {
        // X^T X / n = I, so each coefficient is S(x_j . y / n, lambda) and the intercept is mean(y)
        int n = 8;
        int l = 3;
        float[] x = new float[n * l];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                x[i * l + j] = hadamard(i, j + 1);
            }
            // target 0: 2 + 3 h1 - 0.5 h2 + 0.125 h3, plus 0.25 h4 (orthogonal to every landmark)
            y[i * 2] = (float) (2 + 3 * hadamard(i, 1) - 0.5 * hadamard(i, 2) + 0.125 * hadamard(i, 3) + 0.25 * hadamard(i, 4));
            // target 1: -1 - 0.125 h1 + 0.75 h3 (every value exact in float32)
            y[i * 2 + 1] = (float) (-1 - 0.125 * hadamard(i, 1) + 0.75 * hadamard(i, 3));
        }
        CrossProducts cp = new CrossProducts(l, 2);
        cp.accumulate(x, y, n);
        LassoPath path = new LassoPath(cp.centered(), 1e-12, 1000);
        assertEquals(3, path.lambdaMax(), 1e-12);
        LassoPath.Step s = path.fit(0.25);
        assertEquals(0, s.notConverged());
        DMatrixRMaj b = path.coefficientMatrix();
        // by hand: S(3, .25) = 2.75, S(-.5, .25) = -.25, S(.125, .25) = 0; S(-.125, .25) = 0, S(0, .25) = 0, S(.75, .25) = .5
        double[][] expected = {{2, -1}, {2.75, 0}, {-0.25, 0}, {0, 0.5}};
        for (int j = 0; j <= l; j++) {
            for (int t = 0; t < 2; t++) {
                assertEquals(expected[j][t], b.get(j, t), 1e-9, "coefficient " + j + " of target " + t);
            }
        }
        assertEquals(3, s.nonZero());
        // one full sweep solves an orthogonal design; a pass over the active set and a full pass confirm it
        assertEquals(3, s.maxSweeps());
        // above lambda_max every coefficient is zero and the prediction is the training mean
        LassoPath zero = new LassoPath(cp.centered(), 1e-12, 1000);
        zero.fit(3.0);
        DMatrixRMaj z = zero.coefficientMatrix();
        assertEquals(2, z.get(0, 0), 1e-9);
        for (int j = 1; j <= l; j++) {
            assertEquals(0, z.get(j, 0));
            assertEquals(0, z.get(j, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> path.fit(0.3), "the path only goes down");
    }

    private record Problem(float[] x, float[] y, int n, int l, int t) {}

    private static Problem correlated(long seed, int n, int l, int t) {
        Random r = new Random(seed);
        float[] x = new float[n * l];
        float[] y = new float[n * t];
        for (int i = 0; i < n; i++) {
            double f1 = r.nextGaussian();
            double f2 = r.nextGaussian();
            for (int j = 0; j < l; j++) {
                x[i * l + j] = (float) ((j % 2 == 0 ? f1 : f2) * 0.7 + r.nextGaussian() * 0.7 + 0.1 * j);
            }
            for (int k = 0; k < t; k++) {
                double v = 0.3 * k + r.nextGaussian() * 0.5;
                for (int j = 0; j < l; j++) {
                    v += ((j * 7 + k * 3) % 5 - 2) * 0.2 * x[i * l + j];
                }
                y[i * t + k] = (float) v;
            }
        }
        return new Problem(x, y, n, l, t);
    }

    /** (1/n) Xc^T (yc - Xc b) computed from the samples, independently of the Gram form. */
    private static double[] gradientFromSamples(Problem p, DMatrixRMaj coef, int t) {
        double[] mx = new double[p.l()];
        double my = 0;
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.l(); j++) {
                mx[j] += p.x()[i * p.l() + j] / (double) p.n();
            }
            my += p.y()[i * p.t() + t] / (double) p.n();
        }
        double[] g = new double[p.l()];
        for (int i = 0; i < p.n(); i++) {
            double res = p.y()[i * p.t() + t] - my;
            for (int j = 0; j < p.l(); j++) {
                res -= (p.x()[i * p.l() + j] - mx[j]) * coef.get(j + 1, t);
            }
            for (int j = 0; j < p.l(); j++) {
                g[j] += (p.x()[i * p.l() + j] - mx[j]) * res / p.n();
            }
        }
        // and the intercept is optimal: the residuals sum to zero
        double sum = 0;
        for (int i = 0; i < p.n(); i++) {
            double pred = coef.get(0, t);
            for (int j = 0; j < p.l(); j++) {
                pred += p.x()[i * p.l() + j] * coef.get(j + 1, t);
            }
            sum += p.y()[i * p.t() + t] - pred;
        }
        assertEquals(0, sum / p.n(), 1e-9, "mean residual of target " + t);
        return g;
    }

    @Test
    void kktConditionsHoldAlongTheWarmStartedPath() {
        Problem p = correlated(5, 300, 12, 6);
        CrossProducts cp = new CrossProducts(p.l(), p.t());
        cp.accumulate(p.x(), p.y(), p.n());
        LassoPath path = new LassoPath(cp.centered(), 1e-20, 100_000);
        double max = path.lambdaMax();
        int sparse = 0;
        for (double lambda : new double[] {max * 0.7, max * 0.2, max * 0.05, max * 0.01, max * 0.001}) {
            LassoPath.Step s = path.fit(lambda);
            assertEquals(0, s.notConverged(), "converged at " + lambda);
            DMatrixRMaj coef = path.coefficientMatrix();
            for (int t = 0; t < p.t(); t++) {
                double[] g = gradientFromSamples(p, coef, t);
                double[] kept = path.gradient(t);
                for (int j = 0; j < p.l(); j++) {
                    double b = coef.get(j + 1, t);
                    assertEquals(g[j], kept[j], 1e-9, "incremental gradient");
                    if (b != 0) {
                        assertEquals(lambda * Math.signum(b), g[j], 1e-8, "active KKT, lambda " + lambda);
                    } else {
                        assertTrue(Math.abs(g[j]) <= lambda + 1e-8, "inactive KKT: |" + g[j] + "| <= " + lambda);
                        sparse++;
                    }
                }
            }
            // a cold start at the same lambda reaches the same (unique, X has full rank) solution
            LassoPath cold = new LassoPath(cp.centered(), 1e-20, 100_000);
            cold.fit(lambda);
            DMatrixRMaj c = cold.coefficientMatrix();
            for (int i = 0; i < c.getNumElements(); i++) {
                assertEquals(c.get(i), coef.get(i), 1e-6);
            }
        }
        assertTrue(sparse > 0, "some coefficients are exactly zero on the path");
    }

    @Test
    void atLambdaZeroTheLassoIsOls() {
        Problem p = correlated(8, 200, 8, 3);
        CrossProducts cp = new CrossProducts(p.l(), p.t());
        cp.accumulate(p.x(), p.y(), p.n());
        LassoPath path = new LassoPath(cp.centered(), 1e-16, 100_000);
        path.fit(0);
        DMatrixRMaj lasso = path.coefficientMatrix();
        DMatrixRMaj ols = new OlsFit(cp).solve(0);
        for (int i = 0; i < ols.getNumElements(); i++) {
            assertEquals(ols.get(i), lasso.get(i), 1e-6 * Math.max(1, Math.abs(ols.get(i))));
        }
    }

    @Test
    void aConstantLandmarkGetsNoWeightAndAConstantTargetOnlyItsMean() {
        int n = 50;
        float[] x = new float[n * 2];
        float[] y = new float[n * 2];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i * 2] = (float) r.nextGaussian();
            x[i * 2 + 1] = 0; // z-scoring maps a constant gene to 0
            y[i * 2] = 2 * x[i * 2] + 1;
            y[i * 2 + 1] = 4;
        }
        CrossProducts cp = new CrossProducts(2, 2);
        cp.accumulate(x, y, n);
        LassoPath path = new LassoPath(cp.centered());
        assertEquals(0, path.fit(0.01).notConverged());
        DMatrixRMaj b = path.coefficientMatrix();
        assertEquals(0, b.get(2, 0));
        assertEquals(0, b.get(1, 1));
        assertEquals(0, b.get(2, 1));
        assertEquals(4, b.get(0, 1), 1e-6);
        assertTrue(b.get(1, 0) > 1.9 && b.get(1, 0) < 2);
    }
}
