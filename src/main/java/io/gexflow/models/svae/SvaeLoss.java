package io.gexflow.models.svae;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.gexflow.models.perturb.LogDensities;
import io.gexflow.models.perturb.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The losses of the sVAE family (spec perturbation.md "sVAE+ (SpikeSlabVAE) and baselines"), each in one
 * method with its equation. Every method returns the named terms in {@link #TERMS} order: {@code loss}
 * (differentiated), {@code recon} (mean over the batch of -log p(x | z)), {@code kl} (mean over the batch of
 * KL(q(z | x) || p(z | a)), unweighted) and, for the masked variants, {@code sparsity} (the penalty as it
 * enters the loss).
 */
public final class SvaeLoss {
    public static final String LOSS = "loss";
    public static final String RECON = "recon";
    public static final String KL = "kl";
    public static final String SPARSITY = "sparsity";

    private SvaeLoss() {}

    /**
     * KL between diagonal Gaussians, summed over the last axis (one value per cell):
     *
     * <pre>
     * KL(N(m1, v1) || N(m2, v2)) = sum_k [ log(sqrt(v2) / sqrt(v1)) + (v1 + (m1 - m2)^2) / (2 v2) - 1/2 ]
     * </pre>
     *
     * Here p = N(m2, I) (v2 = 1): sum_k [ (v1 + (m1 - m2)^2 - 1 - log v1) / 2 ].
     */
    public static NDArray klToUnitVariance(NDArray qMean, NDArray qVar, NDArray priorMean) {
        NDArray d = qMean.sub(priorMean);
        return Scalars.times(qVar.add(d.square()).sub(1f).sub(qVar.log()), 0.5).sum(new int[] {-1});
    }

    /** -log NB(x; mu, theta) summed over genes, one value per cell ({@link LogDensities#negativeBinomial}). */
    public static NDArray reconstruction(NDArray counts, NDArray nbMean, NDArray theta) {
        return LogDensities.negativeBinomial(counts, nbMean, theta.broadcast(nbMean.getShape())).sum(new int[] {-1}).neg();
    }

    /**
     * log Beta(p; 1, b) of the mask probabilities p = sigmoid(logits), summed over every entry:
     *
     * <pre>
     * log Beta(p; 1, b) = log Gamma(1 + b) - log Gamma(1) - log Gamma(b) + (b - 1) log(1 - p) = log b + (b - 1) log(1 - p)
     * </pre>
     *
     * with log(1 - sigmoid(l)) = -softplus(l) for stability.
     */
    public static NDArray logBetaOneB(NDArray logits, double b) {
        NDArray log1mP = Activation.softPlus(logits).neg();
        return Scalars.times(log1mP, b - 1).add((float) Math.log(b)).sum();
    }

    /**
     * sVAE+ (SpikeSlabVAE), prior p(z | a) = N(mask_a * mu_a, I):
     *
     * <pre>
     * loss = N * mean_cells(recon + beta * klw * KL(q(z|x) || N(mask_a * mu_a, I))) - klw * sum_{a,k} log Beta(sigmoid(logits_ak); 1, sparse_penalty)
     * </pre>
     *
     * N = the number of training cells ({@code nObs}); the Beta term is the log prior of the global mask
     * probabilities, weighted by the KL warm-up as in the reference.
     */
    public static Map<String, NDArray> svaePlus(SvaeNetwork.Pass p, NDArray counts, double nObs, double beta, double klw,
            double sparsePenalty) {
        NDArray recon = reconstruction(counts, p.nbMean(), p.theta());
        NDArray kl = klToUnitVariance(p.qMean(), p.qVar(), p.priorMean());
        NDArray sparsity = Scalars.times(logBetaOneB(p.maskLogits(), sparsePenalty), -klw);
        NDArray loss = Scalars.times(recon.add(Scalars.times(kl, beta * klw)).mean(), nObs).add(sparsity);
        return terms(loss, recon, kl, sparsity);
    }

    /**
     * sVAE (and iVAE with sparse_penalty 0), prior N(mask_a * mu_a, I):
     *
     * <pre>
     * loss = mean_cells(recon + beta * klw * KL(q(z|x) || N(mask_a * mu_a, I))) + sparse_penalty * mean_{a,k} sigmoid(logits_ak)
     * </pre>
     */
    public static Map<String, NDArray> svae(SvaeNetwork.Pass p, NDArray counts, double beta, double klw, double sparsePenalty) {
        NDArray recon = reconstruction(counts, p.nbMean(), p.theta());
        NDArray kl = klToUnitVariance(p.qMean(), p.qVar(), p.priorMean());
        NDArray sparsity = Scalars.times(Activation.sigmoid(p.maskLogits()).mean(), sparsePenalty);
        NDArray loss = recon.add(Scalars.times(kl, beta * klw)).mean().add(sparsity);
        return terms(loss, recon, kl, sparsity);
    }

    /**
     * VAE / beta-VAE, prior N(0, I) for every cell:
     *
     * <pre>
     * loss = mean_cells(recon + beta * klw * KL(q(z|x) || N(0, I)))
     * </pre>
     */
    public static Map<String, NDArray> vae(SvaeNetwork.Pass p, NDArray counts, double beta, double klw) {
        NDArray recon = reconstruction(counts, p.nbMean(), p.theta());
        NDArray kl = klToUnitVariance(p.qMean(), p.qVar(), p.qMean().zerosLike());
        NDArray loss = recon.add(Scalars.times(kl, beta * klw)).mean();
        return terms(loss, recon, kl, null);
    }

    /** The loss of a variant ({@link SvaeHyperParameters#variant()}) at KL weight {@code klw}. */
    public static Map<String, NDArray> of(SvaeHyperParameters hp, SvaeNetwork.Pass p, NDArray counts, double nObs,
            double klw) {
        return switch (hp.variant()) {
            case SVAE_PLUS -> svaePlus(p, counts, nObs, hp.beta(), klw, hp.sparsePenalty());
            case SVAE, IVAE -> svae(p, counts, hp.beta(), klw, hp.sparsePenalty());
            case VAE, BETA_VAE -> vae(p, counts, hp.beta(), klw);
        };
    }

    private static Map<String, NDArray> terms(NDArray loss, NDArray recon, NDArray kl, NDArray sparsity) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put(LOSS, loss);
        m.put(RECON, recon.mean());
        m.put(KL, kl.mean());
        if (sparsity != null) {
            m.put(SPARSITY, sparsity);
        }
        return m;
    }
}
