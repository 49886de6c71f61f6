package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with intercept for all targets at once (spec dgex.md, baselines LR and
 * LR-L2).
 *
 * <p>With the design matrix {@code A = [1, X]} (n x (L+1)) the coefficients solve the normal
 * equations {@code (A^T A + lambda I') B = A^T Y}, where {@code I'} is the identity with a zero
 * for the intercept; {@code A^T A} and {@code A^T Y} are summed in double as the rows stream in
 * ({@link CrossProducts}), so memory is O(L * (L + T)).
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
            throw new IllegalStateException("OLS needs more samples (" + cp.rows() + ") than landmarks + 1 (" + (nIn + 1) + ")");
        }
        DMatrixRMaj lhs = cp.ata().copy();
        for (int j = 1; j <= nIn; j++) {
            lhs.add(j, j, lambda);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(nIn + 1);
        if (!solver.setA(lhs)) {
            throw new IllegalStateException("normal equations are singular: landmark genes are collinear or constant");
        }
        DMatrixRMaj coef = new DMatrixRMaj(nIn + 1, cp.outputs());
        solver.solve(cp.aty().copy(), coef);
        return coef;
    }
}
