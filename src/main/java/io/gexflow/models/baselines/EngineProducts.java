package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Dense float64 matrix products on the engine's BLAS (PyTorch through DJL): the O(L^2 T) products
 * of the linear baselines' solves, which EJML's Java kernels run many times slower.
 */
final class EngineProducts {
    private EngineProducts() {}

    /** {@code op(a) op(b)}, where op transposes when asked; a new matrix. */
    static DMatrixRMaj multiply(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb) {
            throw new IllegalArgumentException("inner dimensions differ: " + k + " and " + kb);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(values(a), new Shape(a.numRows, a.numCols));
            NDArray y = manager.create(values(b), new Shape(b.numRows, b.numCols));
            NDArray product = (transA ? x.transpose() : x).matMul(transB ? y.transpose() : y);
            return new DMatrixRMaj(m, n, true, product.toDoubleArray());
        }
    }

    /** The matrix's values, without the unused tail its array may have after a reshape. */
    static double[] values(DMatrixRMaj a) {
        int size = a.getNumElements();
        return a.data.length == size ? a.data : java.util.Arrays.copyOf(a.data, size);
    }

    /** {@code a b}. */
    static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
        return multiply(a, false, b, false);
    }
}
