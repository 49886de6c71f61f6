package io.gexflow.models.svqvae;

import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import java.nio.file.Path;
import java.util.List;

/**
 * S-VQ-VAE and its VQ-VAE baseline (spec svqvae.md): one family of two variants (same networks, other
 * quantiser and loss), trained by {@link SvqVaeTrainer} on the shared loop.
 */
public final class SvqVaeFamily implements ModelFamily<SvqVaeHyperParameters> {
    public static final String NAME = "svqvae";
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> types() {
        return List.of(SvqModelKind.SVQVAE.id(), SvqModelKind.VQVAE.id());
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Class<SvqVaeHyperParameters> hyperParameterType() {
        return SvqVaeHyperParameters.class;
    }

    @Override
    public SvqVaeModel load(Path dir, ModelDescriptor d) {
        return SvqVaeModel.load(dir);
    }
}
