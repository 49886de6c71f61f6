package io.gexflow.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with intercept for all targets at once (spec dgex.md, baseline LR).
 *
 * <p>With the design matrix {@code A = [1, X]} (n x (L+1)) the coefficients solve the normal
 * equations {@code (A^T A) B = A^T Y}; {@code A^T A} and {@code A^T Y} are summed one batch at a
 * time in double, so the training set is streamed and memory is O(L * (L + T)).
 */
public final class OlsFit {
    private final int nIn;
    private final int nOut;
    private final DMatrixRMaj ata;
    private final DMatrixRMaj aty;
    private long rows;

    public OlsFit(int nIn, int nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.ata = new DMatrixRMaj(nIn + 1, nIn + 1);
        this.aty = new DMatrixRMaj(nIn + 1, nOut);
    }

    /** Adds {@code n} rows: x is n x nIn and y is n x nOut, row-major. */
    public void accumulate(float[] x, float[] y, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, nIn + 1);
        DMatrixRMaj b = new DMatrixRMaj(n, nOut);
        for (int i = 0; i < n; i++) {
            a.unsafe_set(i, 0, 1.0);
            for (int j = 0; j < nIn; j++) {
                a.unsafe_set(i, j + 1, x[i * nIn + j]);
            }
            for (int t = 0; t < nOut; t++) {
                b.unsafe_set(i, t, y[i * nOut + t]);
            }
        }
        CommonOps_DDRM.multAddTransA(a, a, ata);
        CommonOps_DDRM.multAddTransA(a, b, aty);
        rows += n;
    }

    public long rows() {
        return rows;
    }

    /**
     * Solves the normal equations, adding {@code lambda * I} to the non-intercept block (ridge;
     * lambda = 0 is plain OLS). Returns B, (L+1) x T: row 0 the intercepts, row j+1 landmark j.
     */
    public DMatrixRMaj solve(double lambda) {
        if (rows <= nIn) {
            throw new IllegalStateException("OLS needs more samples (" + rows + ") than landmarks + 1 (" + (nIn + 1) + ")");
        }
        DMatrixRMaj lhs = ata.copy();
        for (int j = 1; j <= nIn; j++) {
            lhs.add(j, j, lambda);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(nIn + 1);
        if (!solver.setA(lhs)) {
            throw new IllegalStateException("normal equations are singular: landmark genes are collinear or constant");
        }
        DMatrixRMaj coef = new DMatrixRMaj(nIn + 1, nOut);
        solver.solve(aty.copy(), coef);
        return coef;
    }
}
