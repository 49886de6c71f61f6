package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;

class OlsFitTest {
    @Test
    void streamedNormalEquationsMatchQrLeastSquaresOnTheDesignMatrix() {
        Random r = new Random(9);
        int n = 400;
        int l = 12;
        int t = 7;
        float[] x = new float[n * l];
        float[] y = new float[n * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
                double v = 0.5 * k + r.nextGaussian() * 0.1;
                for (int j = 0; j < l; j++) {
                    v += Math.sin(j + k) * x[i * l + j];
                }
                y[i * t + k] = (float) v;
            }
        }
        OlsFit fit = new OlsFit(l, t);
        // in three uneven batches, as the CLI would stream them
        int[] cuts = {0, 150, 151, n};
        for (int c = 0; c + 1 < cuts.length; c++) {
            int m = cuts[c + 1] - cuts[c];
            fit.accumulate(java.util.Arrays.copyOfRange(x, cuts[c] * l, cuts[c + 1] * l),
                    java.util.Arrays.copyOfRange(y, cuts[c] * t, cuts[c + 1] * t), m);
        }
        DMatrixRMaj coef = fit.solve(0);

        // independent reference: Householder QR least squares on [1, X] directly
        DesignMatrix design = DesignMatrix.of(x, y, n, l, t);
        DMatrixRMaj a = design.a();
        DMatrixRMaj b = design.b();
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        qr.setA(a);
        DMatrixRMaj ref = new DMatrixRMaj(l + 1, t);
        qr.solve(b, ref);
        for (int i = 0; i < ref.getNumElements(); i++) {
            assertEquals(ref.get(i), coef.get(i), 1e-6 * Math.max(1, Math.abs(ref.get(i))));
        }
        LinearRegressionModel model = new LinearRegressionModel(List.of("a"), List.of("b"), coef);
        assertEquals(coef.get(0, 0) + coef.get(1, 0) * 2 + coef.get(2, 0) * -1,
                new LinearRegressionModel(java.util.Collections.nCopies(l, "x"), java.util.Collections.nCopies(t, "y"), coef)
                        .predict(pad(l, 2, -1), 1)[0], 1e-4);
        assertEquals(List.of("a"), model.inputs());
    }

    private static float[] pad(int l, float v0, float v1) {
        float[] x = new float[l];
        x[0] = v0;
        x[1] = v1;
        return x;
    }

    @Test
    void collinearLandmarksAreReportedNotSolvedIntoGarbage() {
        OlsFit fit = new OlsFit(2, 1);
        float[] x = new float[20];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[i * 2] = i;
            x[i * 2 + 1] = 2 * i; // second landmark = 2 x first
            y[i] = i;
        }
        fit.accumulate(x, y, 10);
        assertThrows(IllegalStateException.class, () -> fit.solve(0));
    }

    @Test
    void ridgeClosedFormMatchesQrOnTheAugmentedLeastSquaresProblem() {
        // ridge minimises |Y - A B|^2 + lambda |B without its intercept row|^2, which is ordinary least
        // squares on [A; sqrt(lambda) I'] against [Y; 0], I' the identity without the intercept column
        Random r = new Random(21);
        int n = 60;
        int l = 15;
        int t = 4;
        float[] x = new float[n * l];
        float[] y = new float[n * t];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < l; j++) {
                x[i * l + j] = (float) (0.8 * common + 0.6 * r.nextGaussian() + 0.3);
            }
            for (int k = 0; k < t; k++) {
                y[i * t + k] = (float) (x[i * l + k] - 0.5 * x[i * l + k + 3] + 1.5 + r.nextGaussian());
            }
        }
        OlsFit fit = new OlsFit(l, t);
        fit.accumulate(x, y, n);
        for (double lambda : new double[] {0.01, 1, 37.5, 1e4}) {
            DMatrixRMaj coef = fit.solve(lambda);
            DesignMatrix design = DesignMatrix.of(x, y, n, l, t, l);
            DMatrixRMaj a = design.a();
            DMatrixRMaj b = design.b();
            for (int j = 0; j < l; j++) {
                a.set(n + j, j + 1, Math.sqrt(lambda));
            }
            LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
            qr.setA(a);
            DMatrixRMaj ref = new DMatrixRMaj(l + 1, t);
            qr.solve(b, ref);
            double scale = 0;
            for (int i = 0; i < ref.getNumElements(); i++) {
                scale = Math.max(scale, Math.abs(ref.get(i)));
            }
            for (int i = 0; i < ref.getNumElements(); i++) {
                assertEquals(ref.get(i), coef.get(i), 1e-6 * Math.max(Math.abs(ref.get(i)), 1e-3 * scale), "lambda " + lambda + " entry " + i);
            }
        }
        // with fewer samples than landmarks OLS is undetermined: it gives the minimum-norm solution
        // (fewerSamplesThanLandmarksGiveTheMinimumNormSolution); ridge is determined
        OlsFit few = new OlsFit(l, t);
        few.accumulate(x, y, 5);
        assertEquals(l + 1, few.solve(0).numRows);
        assertEquals(l + 1, few.solve(1).numRows);
        assertThrows(IllegalArgumentException.class, () -> fit.solve(-1));
    }

    @Test
    void fewerSamplesThanLandmarksGiveTheMinimumNormSolution() {
        // two samples, three landmarks: x1 = 0, x2 = (1, 2, 2); y = 0, 3. Every b with (1,2,2).b = 3 fits
        // exactly; the smallest is 3 (1,2,2) / 9, and the intercept is then 0.
        OlsFit tiny = new OlsFit(3, 1);
        tiny.accumulate(new float[] {0, 0, 0, 1, 2, 2}, new float[] {0, 3}, 2);
        DMatrixRMaj c = tiny.solve(0);
        assertEquals(0, c.get(0, 0), 1e-9);
        assertEquals(1.0 / 3, c.get(1, 0), 1e-9);
        assertEquals(2.0 / 3, c.get(2, 0), 1e-9);
        assertEquals(2.0 / 3, c.get(3, 0), 1e-9);

        // 12 samples, 30 landmarks, 4 targets: the training data are fitted exactly, and the solution is the
        // limit of ridge as lambda -> 0 (which is the minimum-norm one)
        Random r = new Random(4);
        int n = 12;
        int p = 30;
        int t = 4;
        float[] x = new float[n * p];
        float[] y = new float[n * t];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextGaussian();
        }
        OlsFit fit = new OlsFit(p, t);
        fit.accumulate(x, y, n);
        DMatrixRMaj b = fit.solve(0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
                double pred = b.get(0, k);
                for (int j = 0; j < p; j++) {
                    pred += x[i * p + j] * b.get(j + 1, k);
                }
                assertEquals(y[i * t + k], pred, 1e-6, "sample " + i + " target " + k + " is fitted exactly");
            }
        }
        DMatrixRMaj ridge = fit.solve(1e-7);
        for (int j = 0; j <= p; j++) {
            for (int k = 0; k < t; k++) {
                assertEquals(ridge.get(j, k), b.get(j, k), 1e-5);
            }
        }
    }

    @Test
    void choleskyOnTheEngineEqualsEjmlsDirectSolveOnWellConditionedData() {
        int n = 300;
        int l = 20;
        int t = 8;
        float[][] d = GramSpectrumTest.data(5, n, l, t);
        OlsFit fit = new OlsFit(new CrossProducts(l, t, 25 * 7)); // 7 rows a chunk
        fit.accumulate(d[0], d[1], n);
        for (double lambda : new double[] {0, 0.5, 300}) {
            GramSpectrumTest.assertRelative(GramSpectrumTest.normalEquationSolve(d[0], d[1], n, l, t, lambda), fit.solve(lambda), 1e-9,
                    "lambda " + lambda);
        }
    }

    @Test
    void exactlyCollinearLandmarksAreRefusedEvenWhenRoundingLeavesAPositivePivot() {
        // x4 = x1 + x2 / 2 - x3 on small integers: every sum is exact, the normal equations are exactly
        // singular, yet EJML's Cholesky finishes on this draw with a last pivot of ~3e-7 (measured), and
        // solving with it would return rounding noise
        Random r = new Random(22);
        int n = 50;
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i * 4] = r.nextInt(21) - 10;
            x[i * 4 + 1] = r.nextInt(21) - 10;
            x[i * 4 + 2] = r.nextInt(7);
            x[i * 4 + 3] = x[i * 4] + 0.5f * x[i * 4 + 1] - x[i * 4 + 2];
            y[i] = (float) r.nextGaussian();
        }
        OlsFit fit = new OlsFit(4, 1);
        fit.accumulate(x, y, n);
        assertThrows(IllegalStateException.class, () -> fit.solve(0));
        assertEquals(5, fit.solve(1).numRows, "a positive lambda makes it determined");
    }
}
