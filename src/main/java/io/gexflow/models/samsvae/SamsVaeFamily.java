package io.gexflow.models.samsvae;

import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;
import java.util.List;

/**
 * SAMS-VAE (spec perturbation.md; Bereket and Karaletsos 2023), its no-mask variant CPA-VAE and the conditional
 * VAE baseline (the spec's baselines "on the same MLPs and likelihood"), trained by
 * {@link SamsVaeTrainer} on the shared loop; {@code model.json}'s inputs are the genes, outputs the treatments.
 */
public final class SamsVaeFamily {
    public static final String NAME = "samsvae";
    public static final int VERSION = 1;
    public static final ModelFamily<SamsVaeHyperParameters> FAMILY = new FamilyDefinition<>(NAME,
            List.of(SamsVaeHyperParameters.SAMSVAE, SamsVaeHyperParameters.CPAVAE,
                    SamsVaeHyperParameters.CVAE), VERSION, SamsVaeHyperParameters.class,
            SamsVaeModel.class, SamsVaeModel::load);

    private SamsVaeFamily() {}
}
