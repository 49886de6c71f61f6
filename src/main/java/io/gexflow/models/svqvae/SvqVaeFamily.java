package io.gexflow.models.svqvae;

import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;
import java.util.List;

/**
 * S-VQ-VAE and its VQ-VAE baseline (spec svqvae.md): one family of two variants (same networks, other
 * quantiser and loss), trained by {@link SvqVaeTrainer} on the shared loop.
 */
public final class SvqVaeFamily {
    public static final String NAME = "svqvae";
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;
    public static final ModelFamily<SvqVaeHyperParameters> FAMILY = new FamilyDefinition<>(NAME,
            List.of(SvqModelKind.SVQVAE.id(), SvqModelKind.VQVAE.id()), VERSION, SvqVaeHyperParameters.class,
            SvqVaeModel.class, (dir, d) -> SvqVaeModel.load(dir));

    private SvqVaeFamily() {}
}
