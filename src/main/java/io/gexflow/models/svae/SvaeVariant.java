package io.gexflow.models.svae;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The variants of the sVAE family (spec perturbation.md "sVAE+ (SpikeSlabVAE) and baselines"), written as
 * {@code model.json}'s {@code type}.
 *
 * <ul>
 *   <li>{@code svae+}: spike-and-slab prior N(mask_a * mu_a, I), Beta(1, sparse_penalty) prior on the mask
 *       probabilities, loss scaled by the number of training cells;</li>
 *   <li>{@code svae}: the same prior, L1-like penalty sparse_penalty * mean(sigmoid(logits));</li>
 *   <li>{@code ivae}: {@code svae} with sparse_penalty 0;</li>
 *   <li>{@code vae}, {@code beta-vae}: prior N(0, I) for every cell (no intervention parameters).</li>
 * </ul>
 */
public enum SvaeVariant {
    SVAE_PLUS("svae+"), SVAE("svae"), IVAE("ivae"), VAE("vae"), BETA_VAE("beta-vae");

    private final String type;

    SvaeVariant(String type) {
        this.type = type;
    }

    /** The name in {@code model.json} and on the command line. */
    public String type() {
        return type;
    }

    /** Whether the prior depends on the intervention (mask logits and mu_a exist). */
    public boolean hasInterventions() {
        return this == SVAE_PLUS || this == SVAE || this == IVAE;
    }

    /** Whether the target graph is read from the masks (sigmoid(logits) > 0.5) rather than the top-2 |shift|. */
    public boolean graphFromMasks() {
        return this == SVAE_PLUS || this == SVAE;
    }

    public static List<String> types() {
        return Arrays.stream(values()).map(SvaeVariant::type).toList();
    }

    public static SvaeVariant of(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        for (SvaeVariant v : values()) {
            if (v.type.equals(t)) {
                return v;
            }
        }
        throw new IllegalArgumentException("sVAE model must be one of " + types() + ", got '" + type + "'");
    }
}
