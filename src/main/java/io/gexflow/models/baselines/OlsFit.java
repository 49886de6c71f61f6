package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Ordinary least squares with intercept for all targets at once (spec dgex.md, baselines LR and
 * LR-L2).
 *
 * <p>With the design matrix {@code A = [1, X]} (n x (L+1)) the coefficients solve the normal
 * equations {@code (A^T A + lambda I') B = A^T Y}, where {@code I'} is the identity with a zero
 * for the intercept; {@code A^T A} and {@code A^T Y} are summed in double as the rows stream in
 * ({@link CrossProducts}), so memory is O(L * (L + T)). Plain OLS with fewer samples than landmarks + 1
 * (normal equations singular by construction) gives the minimum-norm least-squares solution, see
 * {@link #minimumNorm()}; with enough samples, collinear landmarks remain an error.
 */
public final class OlsFit {
    private final CrossProducts cp;

    public OlsFit(int nIn, int nOut) {
        this(new CrossProducts(nIn, nOut));
    }

    public OlsFit(CrossProducts cp) {
        this.cp = cp;
    }

    /** Adds {@code n} rows: x is n x nIn and y is n x nOut, row-major. */
    public void accumulate(float[] x, float[] y, int n) {
        cp.accumulate(x, y, n);
    }

    public long rows() {
        return cp.rows();
    }

    public CrossProducts crossProducts() {
        return cp;
    }

    /**
     * Solves the normal equations, adding {@code lambda * I} to the non-intercept block: ridge
     * regression minimising {@code ||y - b0 - X b||^2 + lambda ||b||^2} for every target (the
     * convention of scikit-learn's {@code Ridge(alpha=lambda)}: the squared error is summed, not
     * averaged; lambda = 0 is plain OLS). Returns B, (L+1) x T: row 0 the intercepts, row j+1
     * landmark j.
     */
    public DMatrixRMaj solve(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        int nIn = cp.inputs();
        if (lambda == 0 && cp.rows() <= nIn) {
            return minimumNorm();
        }
        DMatrixRMaj lhs = cp.ata().copy();
        for (int j = 1; j <= nIn; j++) {
            lhs.add(j, j, lambda);
        }
        // lhs = L L^T; B = L^-T (L^-1 A^T Y): the O(L^3) factor and inverse on EJML, the two
        // O(L^2 T) products on the engine's BLAS
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(nIn + 1, true);
        double largest = 0;
        for (int j = 0; j <= nIn; j++) {
            largest = Math.max(largest, lhs.get(j, j));
        }
        if (!chol.decompose(lhs) || nearlySingular(chol.getT(null), largest)) {
            throw new IllegalStateException("normal equations are singular: landmark genes are collinear or constant");
        }
        DMatrixRMaj inverse = chol.getT(null);
        TriangularSolver_DDRM.invertLower(inverse.data, nIn + 1);
        for (int i = 0; i <= nIn; i++) {
            for (int j = i + 1; j <= nIn; j++) {
                inverse.unsafe_set(i, j, 0);
            }
        }
        DMatrixRMaj half = EngineProducts.multiply(inverse, cp.aty());
        return EngineProducts.multiply(inverse, true, half, false);
    }

    /**
     * A Cholesky factor whose smallest pivot is at rounding level: {@code min L_jj^2 <= (L+1) 2^-52 max A_jj}
     * (the rcond convention of lstsq). Exactly collinear landmarks can leave such a pivot positive
     * instead of zero, and solving with it would return rounding noise.
     */
    private static boolean nearlySingular(DMatrixRMaj factor, double largestDiagonal) {
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < factor.numRows; j++) {
            double d = factor.get(j, j);
            smallest = Math.min(smallest, d * d);
        }
        return !(smallest > factor.numRows * Math.ulp(1.0) * largestDiagonal);
    }

    /**
     * OLS when the normal equations are singular because there are no more samples than landmarks:
     * the minimum-norm least-squares solution, what scikit-learn's
     * {@code LinearRegression} (scipy's {@code lstsq}) returns. With the centred landmarks
     * {@code Xc} and targets {@code Yc}, {@code b = pinv(Xc^T Xc) Xc^T Yc = pinv(Xc) Yc} and
     * {@code b0 = mean(y) - mean(x) . b}. The pseudo-inverse comes from the symmetric
     * eigendecomposition of {@code G = Xc^T Xc / n} ({@link GramSpectrum}); eigenvalues at or below
     * {@code max(n, L) * 2^-52 * max eigenvalue} count as zero (the rcond convention of lstsq,
     * applied to G). Among all coefficient vectors that fit the training data best (exactly, when
     * n <= L), this one has the smallest Euclidean norm.
     */
    public DMatrixRMaj minimumNorm() {
        return new GramSpectrum(cp.centered()).minimumNorm();
    }
}
