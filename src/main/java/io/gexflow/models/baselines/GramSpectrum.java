package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * One symmetric eigendecomposition {@code G = V diag(s) V^T} of the landmarks' centred Gram matrix
 * {@code G = Xc^T Xc / n}, reused for every penalty of a ridge path and for the minimum-norm OLS
 * solution. With {@code c_t = Xc^T yc_t / n} and {@code Z = V^T C} computed once:
 * <ul>
 * <li>ridge, {@code min |y - b0 - X b|^2 + lambda |b|^2}: {@code (G + lambda/n I) b = c}, so
 * {@code B = V diag(1 / (s + lambda/n)) Z};</li>
 * <li>minimum-norm least squares: {@code B = V diag(1/s over the kept eigenvalues) Z}, with
 * {@code s <= max(n, L) * 2^-52 * max(s)} counted as zero (the rcond convention of lstsq, applied to G).</li>
 * </ul>
 * Either way {@code b0 = mean(y) - mean(x) . b}. The decomposition runs on EJML (O(L^3) once); the two
 * O(L^2 T) products per penalty run on the engine ({@link EngineProducts}).
 */
final class GramSpectrum {
    private final CrossProducts.Centered stats;
    /** Eigenvectors as columns, L x L. */
    private final DMatrixRMaj vectors;
    private final double[] values;
    /** {@code V^T C}, L x T. */
    private final DMatrixRMaj projected;

    GramSpectrum(CrossProducts.Centered stats) {
        this.stats = stats;
        int nIn = stats.inputs();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(nIn, true, true);
        if (!eig.decompose(new DMatrixRMaj(nIn, nIn, true, stats.gram().clone()))) {
            throw new IllegalStateException("eigendecomposition of the landmarks' covariance failed");
        }
        vectors = new DMatrixRMaj(nIn, nIn);
        values = new double[nIn];
        for (int i = 0; i < nIn; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int j = 0; j < nIn; j++) {
                vectors.unsafe_set(j, i, v.data[j]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(stats.outputs(), nIn, true, stats.cov());
        projected = EngineProducts.multiply(vectors, true, cov, true);
    }

    CrossProducts.Centered stats() {
        return stats;
    }

    /** Eigenvectors as columns, L x L. Not a copy: do not modify. */
    DMatrixRMaj vectors() {
        return vectors;
    }

    /** {@code V^T C}, L x T. Not a copy: do not modify. */
    DMatrixRMaj projected() {
        return projected;
    }

    /** The diagonal of ridge's {@code diag(1 / (s + lambda/n))}. */
    double[] ridgeScale(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        double shift = lambda / stats.rows();
        double[] scale = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // rounding can leave a zero eigenvalue slightly negative; G is positive semi-definite
            scale[i] = 1 / (Math.max(values[i], 0) + shift);
        }
        return scale;
    }

    /** Ridge coefficients for {@code lambda > 0} (summed-squares convention), (L+1) x T with the intercepts in row 0. */
    DMatrixRMaj ridge(double lambda) {
        return withIntercepts(scaled(ridgeScale(lambda)));
    }

    /** Minimum-norm least-squares coefficients, (L+1) x T with the intercepts in row 0. */
    DMatrixRMaj minimumNorm() {
        double max = 0;
        for (double s : values) {
            max = Math.max(max, s);
        }
        double tol = Math.max(stats.rows(), values.length) * Math.ulp(1.0) * max;
        double[] scale = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scale[i] = values[i] > tol ? 1 / values[i] : 0;
        }
        return withIntercepts(scaled(scale));
    }

    /** {@code V diag(scale) Z}, L x T. */
    private DMatrixRMaj scaled(double[] scale) {
        int nOut = projected.numCols;
        DMatrixRMaj z = projected.copy();
        for (int i = 0; i < scale.length; i++) {
            int row = i * nOut;
            for (int t = 0; t < nOut; t++) {
                z.data[row + t] *= scale[i];
            }
        }
        return EngineProducts.multiply(vectors, z);
    }

    private DMatrixRMaj withIntercepts(DMatrixRMaj b) {
        int nIn = b.numRows;
        int nOut = b.numCols;
        DMatrixRMaj coef = new DMatrixRMaj(nIn + 1, nOut);
        System.arraycopy(b.data, 0, coef.data, nOut, nIn * nOut);
        double[] meanX = stats.meanX();
        for (int t = 0; t < nOut; t++) {
            coef.data[t] = stats.meanY()[t];
        }
        for (int j = 0; j < nIn; j++) {
            int row = j * nOut;
            for (int t = 0; t < nOut; t++) {
                coef.data[t] -= meanX[j] * b.data[row + t];
            }
        }
        return coef;
    }
}
