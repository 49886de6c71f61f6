package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Vector quantisation: nearest code, code lookup and the straight-through estimator. */
public final class Quantizer {
    private Quantizer() {}

    /**
     * Squared Euclidean distances between every row of z (N x D) and every code (K x D), N x K:
     * ||z||^2 + ||e||^2 - 2 z e^T. No gradient flows through it (an argmin follows).
     */
    public static NDArray squaredDistances(NDArray z, NDArray codebook) {
        NDArray zs = z.stopGradient();
        NDArray es = codebook.stopGradient();
        NDArray zz = zs.square().sum(new int[] {1}, true);
        NDArray ee = es.square().sum(new int[] {1}).reshape(1, -1);
        return zz.add(ee).sub(zs.matMul(es.transpose()).mul(2));
    }

    /** k(n) = argmin_j ||z_n - e_j||, as int64 indices (N). */
    public static NDArray nearest(NDArray z, NDArray codebook) {
        return squaredDistances(z, codebook).argMin(1);
    }

    /**
     * The codes of the given indices, N x D, as a one-hot matrix times E, so that the gradient reaches
     * exactly the rows of E that were looked up.
     */
    public static NDArray lookup(NDArray codebook, NDArray indices) {
        int k = (int) codebook.getShape().get(0);
        return indices.toType(DataType.INT64, false).oneHot(k, DataType.FLOAT32).matMul(codebook);
    }

    /**
     * Straight-through estimator: z_q = z_e + sg(e - z_e). Its value is e; its gradient with respect to
     * z_e is the identity, and e receives none through it.
     */
    public static NDArray straightThrough(NDArray zE, NDArray e) {
        return zE.add(e.sub(zE).stopGradient());
    }

    /** 1[k != y] as a float column (N x 1), for broadcasting over D. */
    public static NDArray misassigned(NDArray nearest, NDArray labels) {
        return nearest.toType(DataType.INT64, false).neq(labels.toType(DataType.INT64, false))
                .toType(DataType.FLOAT32, false).reshape(-1, 1);
    }
}
