package io.gexflow.models.svae;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hyper-parameters of an sVAE-family run as {@code model.json}'s {@code settings} (spec perturbation.md,
 * "sVAE+ (SpikeSlabVAE) and baselines"). Encoder on log(1 + x): {@code hiddenLayers} x {@code hiddenUnits}
 * Linear, BatchNorm (when {@code batchNorm}), ReLU, Dropout; the decoder mirrors its hidden layers (no
 * dropout) and ends in a softmax over genes scaled by the library size; NB likelihood with gene-wise
 * theta = exp(param).
 *
 * @param model the variant ({@link SvaeVariant#type()})
 * @param beta KL multiplier (1 except for beta-VAE)
 * @param sparsePenalty svae+: the b of Beta(1, b) on the mask probabilities; svae: the weight of
 *     mean(sigmoid(logits)); 0 for ivae, vae, beta-vae
 * @param klWarmupEpochs linear KL warm-up: klw = min(1, (epoch - 1) / klWarmupEpochs) (0: klw = 1 throughout)
 * @param validationFraction cells held out for the per-epoch validation ELBO (spec: 90/10)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SvaeHyperParameters(
        String model,
        @JsonProperty("latent_dim") int latentDim,
        @JsonProperty("hidden_units") int hiddenUnits,
        @JsonProperty("hidden_layers") int hiddenLayers,
        @JsonProperty("batch_norm") boolean batchNorm,
        double dropout,
        int epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("weight_decay") double weightDecay,
        double beta,
        @JsonProperty("sparse_penalty") double sparsePenalty,
        @JsonProperty("kl_warmup_epochs") int klWarmupEpochs,
        @JsonProperty("validation_fraction") double validationFraction,
        long seed) {
    public SvaeHyperParameters {
        SvaeVariant v = SvaeVariant.of(model);
        model = v.type();
        if (latentDim < 1 || hiddenUnits < 1 || hiddenLayers < 1) {
            throw new IllegalArgumentException("latent_dim, hidden_units and hidden_layers must be >= 1");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch_size must be >= 1");
        }
        if (!(learningRate > 0) || weightDecay < 0 || !(beta > 0) || sparsePenalty < 0 || klWarmupEpochs < 0) {
            throw new IllegalArgumentException("learning_rate and beta must be > 0; weight_decay, sparse_penalty and "
                    + "kl_warmup_epochs >= 0");
        }
        if (v == SvaeVariant.SVAE_PLUS && !(sparsePenalty > 0)) {
            throw new IllegalArgumentException("svae+ needs sparse_penalty > 0 (the b of its Beta(1, b) prior)");
        }
        if ((v == SvaeVariant.IVAE || v == SvaeVariant.VAE || v == SvaeVariant.BETA_VAE) && sparsePenalty != 0) {
            throw new IllegalArgumentException(model + " has no sparsity penalty (sparse_penalty 0), got " + sparsePenalty);
        }
        if (v != SvaeVariant.BETA_VAE && beta != 1) {
            throw new IllegalArgumentException(model + " has beta 1 (only beta-vae scales the KL), got " + beta);
        }
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation_fraction must be in [0, 1), got " + validationFraction);
        }
    }

    /**
     * The spec's settings for a variant: latent 15, 2 x 128, batch norm, dropout 0.1, Adam 1e-3 with weight
     * decay 1e-6, batch 128, 90/10 split, KL warm-up 50 epochs (simulations); sparse_penalty 10 for svae+
     * (the SAMS-VAE configs' Beta(1, 2|5|10)), 1 for svae, 0 otherwise; beta 4 for beta-vae.
     */
    public static SvaeHyperParameters defaults(SvaeVariant v, int epochs, long seed) {
        double penalty = switch (v) {
            case SVAE_PLUS -> 10;
            case SVAE -> 1;
            default -> 0;
        };
        double beta = v == SvaeVariant.BETA_VAE ? 4 : 1;
        return new SvaeHyperParameters(v.type(), 15, 128, 2, true, 0.1, epochs, 128, 1e-3, 1e-6, beta, penalty,
                Math.min(50, epochs), 0.1, seed);
    }

    public SvaeVariant variant() {
        return SvaeVariant.of(model);
    }

    /** The KL weight of a (1-based) epoch: min(1, (epoch - 1) / warm-up), 1 without warm-up. */
    public double klWeight(int epoch) {
        return klWarmupEpochs == 0 ? 1 : Math.min(1.0, (epoch - 1) / (double) klWarmupEpochs);
    }

    public SvaeHyperParameters withSeed(long s) {
        return new SvaeHyperParameters(model, latentDim, hiddenUnits, hiddenLayers, batchNorm, dropout, epochs, batchSize,
                learningRate, weightDecay, beta, sparsePenalty, klWarmupEpochs, validationFraction, s);
    }
}
