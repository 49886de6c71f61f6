package io.gexflow.models.svae;

import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;

/**
 * sVAE+ (SpikeSlabVAE), sVAE, iVAE, VAE and beta-VAE (spec perturbation.md "sVAE+ (SpikeSlabVAE) and
 * baselines"): one encoder/decoder, five priors and losses ({@link SvaeLoss}), trained by
 * {@link SvaeTrainer} on the shared loop.
 */
public final class SvaeFamily {
    public static final String NAME = "svae";
    public static final int VERSION = 1;
    public static final ModelFamily<SvaeHyperParameters> FAMILY = new FamilyDefinition<>(NAME, SvaeVariant.types(),
            VERSION, SvaeHyperParameters.class, SvaeModel.class, SvaeModel::load);

    private SvaeFamily() {}
}
