package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class GramSpectrumTest {
    /** Well-conditioned random data: Gaussian landmarks with non-zero means, targets linear plus noise. */
    static float[][] data(long seed, int n, int l, int t) {
        Random r = new Random(seed);
        float[] x = new float[n * l];
        float[] y = new float[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                x[i * l + j] = (float) (r.nextGaussian() + 0.1 * j);
            }
            for (int k = 0; k < t; k++) {
                double v = k - 1;
                for (int j = 0; j < l; j++) {
                    v += Math.cos(j * 1.3 + k) * x[i * l + j];
                }
                y[i * t + k] = (float) (v + 0.3 * r.nextGaussian());
            }
        }
        return new float[][] {x, y};
    }

    /** The normal equations of ridge, built from the samples in plain Java and solved by EJML's LU. */
    static DMatrixRMaj normalEquationSolve(float[] x, float[] y, int n, int l, int t, double lambda) {
        DesignMatrix design = DesignMatrix.of(x, y, n, l, t);
        DMatrixRMaj a = design.a();
        DMatrixRMaj b = design.b();
        DMatrixRMaj lhs = new DMatrixRMaj(l + 1, l + 1);
        CommonOps_DDRM.multTransA(a, a, lhs);
        for (int j = 1; j <= l; j++) {
            lhs.add(j, j, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(l + 1, t);
        CommonOps_DDRM.multTransA(a, b, rhs);
        DMatrixRMaj coef = new DMatrixRMaj(l + 1, t);
        if (!CommonOps_DDRM.solve(lhs, rhs, coef)) {
            throw new IllegalStateException("singular");
        }
        return coef;
    }

    static void assertRelative(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.get(i), actual.get(i), tol * Math.max(1e-3, Math.abs(expected.get(i))), what + ", entry " + i);
        }
    }

    @Test
    void oneDecompositionGivesRidgeForEveryLambdaAsTheNormalEquations() {
        int n = 200;
        int l = 15;
        int t = 6;
        float[][] d = data(3, n, l, t);
        CrossProducts cp = new CrossProducts(l, t);
        cp.accumulate(d[0], d[1], n);
        GramSpectrum spectrum = new GramSpectrum(cp.centered());
        for (double lambda : new double[] {1e4, 1000, 100, 10, 1, 0.1, 0.01}) {
            assertRelative(normalEquationSolve(d[0], d[1], n, l, t, lambda), spectrum.ridge(lambda), 1e-9, "lambda " + lambda);
        }
        assertThrows(IllegalArgumentException.class, () -> spectrum.ridge(0));
    }

    @Test
    void minimumNormOfFullRankDataIsOls() {
        int n = 120;
        int l = 9;
        int t = 4;
        float[][] d = data(11, n, l, t);
        CrossProducts cp = new CrossProducts(l, t);
        cp.accumulate(d[0], d[1], n);
        assertRelative(normalEquationSolve(d[0], d[1], n, l, t, 0), new GramSpectrum(cp.centered()).minimumNorm(), 1e-9, "OLS");
    }

    @Test
    void validationErrorsFromTheSpectrumEqualThoseOfTheFormedCoefficients() {
        int l = 12;
        int t = 5;
        float[][] d = data(8, 150, l, t);
        float[][] v = data(9, 37, l, t);
        CrossProducts cp = new CrossProducts(l, t);
        cp.accumulate(d[0], d[1], 150);
        GramSpectrum spectrum = new GramSpectrum(cp.centered());
        RidgeValidation rv = new RidgeValidation(spectrum, new LinearBaselines.ValidationSet(v[0], v[1], 37));
        for (double lambda : new double[] {100, 1, 0.01}) {
            double[] direct = Validation.perGeneMae(spectrum.ridge(lambda), v[0], v[1], 37);
            double[] fromSpectrum = rv.perGeneMae(lambda);
            for (int k = 0; k < t; k++) {
                assertEquals(direct[k], fromSpectrum[k], 1e-9 * direct[k], "lambda " + lambda + ", target " + k);
            }
        }
    }
}
