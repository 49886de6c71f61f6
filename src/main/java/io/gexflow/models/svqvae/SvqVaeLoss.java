package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;

/**
 * The training objectives. Every squared error is averaged over its N x D (or N x inputs) entries, as
 * the reference code's {@code torch.mean}; sg[.] is the stop-gradient ({@link NDArray#stopGradient()}).
 */
public final class SvqVaeLoss {
    private SvqVaeLoss() {}

    /**
     * The parts of one loss value as they enter it (scalars). For VQ-VAE {@code push} and
     * {@code divergence} are zero.
     *
     * @param total the loss that is differentiated
     * @param reconstruction l_r, the MSE between x and its reconstruction
     * @param codebook ||sg[z_e] - e||^2 (moves the code)
     * @param commitment beta ||z_e - sg[e]||^2 (moves the encoder)
     * @param push 1[k != y] ||sg[z_e] - e_k||^2 (subtracted: moves a wrongly nearest code away)
     * @param divergence gamma 1[k != y] ||z_e - sg[e_k]||^2 (subtracted: moves the encoder away from it)
     */
    public record Terms(NDArray total, NDArray reconstruction, NDArray codebook, NDArray commitment, NDArray push,
            NDArray divergence) {
        /** The terms by name, the total first, as the numerics checks and logs report them. */
        public java.util.Map<String, NDArray> named() {
            java.util.Map<String, NDArray> m = new java.util.LinkedHashMap<>();
            m.put("total", total);
            m.put("reconstruction", reconstruction);
            m.put("codebook", codebook);
            m.put("commitment", commitment);
            m.put("push", push);
            m.put("divergence", divergence);
            return m;
        }
    }

    /**
     * S-VQ-VAE, paper eq. 3, with e_y the code of the sample's label and e_k its nearest code:
     *
     * <pre>
     * L = l_r(x, d(z_q)) + ||sg[z_e] - e_y||^2 + beta ||z_e - sg[e_y]||^2
     *     - 1[k != y] ( ||sg[z_e] - e_k||^2 + gamma ||z_e - sg[e_k]||^2 )
     * </pre>
     *
     * where z_q = z_e + sg(e_y - z_e) (value e_y), l_r = MSE, and the indicator (an N x 1 column of 0/1)
     * is applied per sample before averaging over N x D.
     *
     * @param x inputs, N x inputs
     * @param xHat d(z_q), N x inputs
     * @param zE encoder output, N x D
     * @param eY label codes, N x D
     * @param eK nearest codes, N x D
     * @param misassigned 1[k != y], N x 1
     */
    public static Terms svqvae(NDArray x, NDArray xHat, NDArray zE, NDArray eY, NDArray eK, NDArray misassigned,
            float beta, float gamma) {
        NDArray reconstruction = xHat.sub(x).square().mean();
        NDArray codebook = eY.sub(zE.stopGradient()).square().mean();
        NDArray commitment = zE.sub(eY.stopGradient()).square().mean().mul(beta);
        NDArray push = misassigned.mul(eK.sub(zE.stopGradient()).square()).mean();
        NDArray divergence = misassigned.mul(zE.sub(eK.stopGradient()).square()).mean().mul(gamma);
        NDArray total = reconstruction.add(codebook).add(commitment).sub(push).sub(divergence);
        return new Terms(total, reconstruction, codebook, commitment, push, divergence);
    }

    /**
     * VQ-VAE, paper eq. 1 (van den Oord et al. 2017), with e_k the nearest code:
     *
     * <pre>
     * L = l_r(x, d(z_q)) + ||sg[z_e] - e_k||^2 + beta ||z_e - sg[e_k]||^2
     * </pre>
     *
     * where z_q = z_e + sg(e_k - z_e) (value e_k) and l_r = MSE.
     */
    public static Terms vqvae(NDArray x, NDArray xHat, NDArray zE, NDArray eK, float beta) {
        NDArray reconstruction = xHat.sub(x).square().mean();
        NDArray codebook = eK.sub(zE.stopGradient()).square().mean();
        NDArray commitment = zE.sub(eK.stopGradient()).square().mean().mul(beta);
        NDArray zero = reconstruction.zerosLike();
        NDArray total = reconstruction.add(codebook).add(commitment);
        return new Terms(total, reconstruction, codebook, commitment, zero, zero);
    }
}
