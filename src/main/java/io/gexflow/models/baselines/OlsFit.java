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
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(nIn + 1);
        if (!solver.setA(lhs)) {
            throw new IllegalStateException("normal equations are singular: landmark genes are collinear or constant");
        }
        DMatrixRMaj coef = new DMatrixRMaj(nIn + 1, cp.outputs());
        solver.solve(cp.aty().copy(), coef);
        return coef;
    }

    /**
     * OLS when the normal equations are singular because there are no more samples than landmarks:
     * the minimum-norm least-squares solution, what scikit-learn's
     * {@code LinearRegression} (scipy's {@code lstsq}) returns. With the centred landmarks
     * {@code Xc} and targets {@code Yc}, {@code b = pinv(Xc^T Xc) Xc^T Yc = pinv(Xc) Yc} and
     * {@code b0 = mean(y) - mean(x) . b}. The pseudo-inverse comes from the symmetric
     * eigendecomposition of {@code G = Xc^T Xc / n}; eigenvalues at or below
     * {@code max(n, L) * 2^-52 * max eigenvalue} count as zero (the rcond convention of lstsq,
     * applied to G). Among all coefficient vectors that fit the training data best (exactly, when
     * n <= L), this one has the smallest Euclidean norm.
     */
    public DMatrixRMaj minimumNorm() {
        CrossProducts.Centered c = cp.centered();
        int nIn = c.inputs();
        int nOut = c.outputs();
        DMatrixRMaj g = new DMatrixRMaj(nIn, nIn, true, c.gram());
        var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(nIn, true, true);
        if (!eig.decompose(g)) {
            throw new IllegalStateException("eigendecomposition of the landmarks' covariance failed");
        }
        double max = 0;
        for (int i = 0; i < nIn; i++) {
            max = Math.max(max, eig.getEigenvalue(i).getReal());
        }
        double tol = Math.max(c.rows(), nIn) * Math.ulp(1.0) * max;
        // pinv(G) C^T = sum over kept eigenpairs of v (v . c_t) / lambda
        DMatrixRMaj b = new DMatrixRMaj(nIn, nOut);
        double[] proj = new double[nOut];
        for (int i = 0; i < nIn; i++) {
            double lam = eig.getEigenvalue(i).getReal();
            if (!(lam > tol)) {
                continue;
            }
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int t = 0; t < nOut; t++) {
                double s = 0;
                int base = t * nIn;
                for (int j = 0; j < nIn; j++) {
                    s += v.data[j] * c.cov()[base + j];
                }
                proj[t] = s / lam;
            }
            for (int j = 0; j < nIn; j++) {
                double vj = v.data[j];
                int row = j * nOut;
                for (int t = 0; t < nOut; t++) {
                    b.data[row + t] += vj * proj[t];
                }
            }
        }
        DMatrixRMaj coef = new DMatrixRMaj(nIn + 1, nOut);
        for (int t = 0; t < nOut; t++) {
            double b0 = c.meanY()[t];
            for (int j = 0; j < nIn; j++) {
                double bj = b.get(j, t);
                coef.set(j + 1, t, bj);
                b0 -= c.meanX()[j] * bj;
            }
            coef.set(0, t, b0);
        }
        return coef;
    }
}
