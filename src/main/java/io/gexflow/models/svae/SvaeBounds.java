package io.gexflow.models.svae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.models.perturb.LogDensities;
import io.gexflow.models.perturb.Noise;

/**
 * Per-cell evidence bounds of a trained model in eval mode (spec perturbation.md, transfer protocol and
 * "Metrics"), with S draws z_s ~ q(z | x) and the log weights
 *
 * <pre>
 * w_s = log p(x | z_s) + log N(z_s; m_prior, I) - log q(z_s | x)
 * ELBO  = (1 / S) sum_s w_s
 * IWELBO = logsumexp_s(w_s) - log S
 * </pre>
 *
 * m_prior is the cell's prior mean (hard mask 1[sigmoid(logit) > 0.5] times mu_a; 0 for controls and VAEs),
 * given by the caller per cell.
 */
final class SvaeBounds {
    /** At most this many (draw, cell) rows through the decoder at once. */
    private static final int ROWS = 20_000;

    private SvaeBounds() {}

    /** {@code [elbo, iwelbo]} per cell of {@code d}, with prior means {@code priorMeans} (cells x latents). */
    static double[][] of(SvaeModel model, PerturbationData d, float[][] priorMeans, int samples, Noise noise) {
        SvaeNetwork net = model.network();
        int n = d.cells().size();
        int g = d.genes().size();
        int k = model.hyperParameters().latentDim();
        int per = Math.max(1, ROWS / samples);
        double[][] out = new double[2][n];
        for (int from = 0; from < n; from += per) {
            int to = Math.min(n, from + per);
            int b = to - from;
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(d.counts().denseRows(SvaeTrainer.range(from, to)), new Shape(b, g));
                NDArray[] q = net.encode(model.parameterStore(), x, false);
                float[] pm = new float[b * k];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(priorMeans[from + i], 0, pm, i * k, k);
                }
                NDArray prior = m.create(pm, new Shape(1, b, k));
                NDArray sd = q[1].sqrt().expandDims(0);
                NDArray mean = q[0].expandDims(0);
                NDArray z = mean.add(sd.mul(noise.normal(m, new Shape(samples, b, k)))); // S x b x K
                NDArray library = x.sum(new int[] {1}, true).expandDims(0).repeat(0, samples).reshape(samples * b, 1);
                NDArray nb = net.decodeMean(model.parameterStore(), z.reshape(samples * b, k), library, false);
                NDArray xs = x.expandDims(0).repeat(0, samples).reshape(samples * b, g);
                NDArray t0 = net.theta(model.parameterStore(), m.getDevice(), false);
                t0.attach(m);
                NDArray theta = t0.broadcast(new Shape(samples * b, g));
                NDArray logLik = LogDensities.negativeBinomial(xs, nb, theta).sum(new int[] {1}).reshape(samples, b);
                NDArray logPrior = LogDensities.standardNormal(z.sub(prior)).sum(new int[] {2});
                NDArray logQ = LogDensities.normal(z, mean, sd).sum(new int[] {2});
                NDArray w = logLik.add(logPrior).sub(logQ);
                float[] elbo = w.mean(new int[] {0}).toFloatArray();
                float[] iw = LogDensities.logSumExp(w, 0).sub((float) Math.log(samples)).toFloatArray();
                for (int i = 0; i < b; i++) {
                    out[0][from + i] = elbo[i];
                    out[1][from + i] = iw[i];
                }
            }
        }
        return out;
    }
}
