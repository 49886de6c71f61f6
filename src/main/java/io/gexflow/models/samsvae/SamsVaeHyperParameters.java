package io.gexflow.models.samsvae;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SAMS-VAE's hyper-parameters (spec "SAMS-VAE"), as {@code model.json}'s {@code settings} records them.
 *
 * @param type          {@code samsvae} (sparse masks), {@code cpavae} (no mask: z = z_b + D E) or {@code cvae}
 *                      (conditional VAE: encoder [x, D], decoder [z, D], prior N(0, I), no global variables)
 * @param guide         {@code meanfield} (q(E_t) = N(loc_t, scale_t)) or {@code correlated} (SAMS-VAE only:
 *                      q(E_t | M_t) = N(MLP([M_t, onehot(t)]))); absent in a file: meanfield
 * @param latent        K, the latent dimension (200 Norman, 100-200 Replogle)
 * @param width         H, the MLPs' width (400)
 * @param layers        L, hidden layers of encoder and decoder trunks
 * @param maskPrior     p of the prior Bernoulli(p) on mask entries (0.01 Norman)
 * @param particles     Monte-Carlo particles of the ELBO (5)
 * @param learningRate  Adam's rate (3e-4; demo 1e-3)
 * @param weightDecay   Adam's L2 weight decay (1e-6)
 * @param batchSize     cells per step (512)
 * @param epochs        passes over the training cells
 * @param gradClip      maximum global gradient norm (100 Norman; 0: no clipping)
 * @param seed          every draw (initial values, shuffles, noise) comes from it
 * @param patience      early stopping after this many epochs without a lower validation loss (0: never)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SamsVaeHyperParameters(
        String type,
        String guide,
        int latent,
        int width,
        int layers,
        @JsonProperty("mask_prior") double maskPrior,
        int particles,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("batch_size") int batchSize,
        int epochs,
        @JsonProperty("grad_clip") double gradClip,
        long seed,
        int patience) {
    public static final String SAMSVAE = "samsvae";
    public static final String CPAVAE = "cpavae";
    public static final String CVAE = "cvae";
    public static final String MEANFIELD = "meanfield";
    public static final String CORRELATED = "correlated";

    public SamsVaeHyperParameters {
        if (!SAMSVAE.equals(type) && !CPAVAE.equals(type) && !CVAE.equals(type)) {
            throw new IllegalArgumentException("type is samsvae, cpavae or cvae, not '" + type + "'");
        }
        if (guide == null) {
            guide = MEANFIELD;
        }
        if (!MEANFIELD.equals(guide) && !CORRELATED.equals(guide)) {
            throw new IllegalArgumentException("guide is meanfield or correlated, not '" + guide + "'");
        }
        if (CORRELATED.equals(guide) && !SAMSVAE.equals(type)) {
            throw new IllegalArgumentException("the correlated guide conditions effects on masks: SAMS-VAE only");
        }
        if (latent < 1 || width < 1 || layers < 1 || particles < 1 || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("latent, width, layers, particles, batch size and epochs must be >= 1");
        }
        if (!(maskPrior > 0 && maskPrior < 1)) {
            throw new IllegalArgumentException("mask prior must be in (0, 1), got " + maskPrior);
        }
    }

    /** The spec's Norman settings for {@code epochs} epochs. */
    public static SamsVaeHyperParameters defaults(String type, int epochs, long seed) {
        return new SamsVaeHyperParameters(type, MEANFIELD, 200, 400, 1, 0.01, 5, 3e-4, 1e-6, 512, epochs, 100, seed, 0);
    }

    /** Whether q(E_t | M_t) is the correlated guide's MLP. */
    public boolean correlated() {
        return CORRELATED.equals(guide);
    }

    /** Whether this is the conditional VAE (the dosage enters encoder and decoder; no effects, no masks). */
    public boolean conditional() {
        return CVAE.equals(type);
    }

    /** Whether the model has masks (SAMS-VAE) or not (CPA-VAE). */
    public boolean masked() {
        return SAMSVAE.equals(type);
    }
}
