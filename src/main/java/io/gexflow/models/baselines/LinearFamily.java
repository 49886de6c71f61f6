package io.gexflow.models.baselines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import java.nio.file.Path;
import java.util.List;

/**
 * The linear baselines LR, LR-L1, LR-L2 (spec dgex.md, "Baselines"): fitted in closed form or by
 * coordinate descent, so no training loop; one family whose {@code penalty} tells them apart.
 */
public final class LinearFamily implements ModelFamily<LinearFamily.HyperParameters> {
    public static final String NAME = LinearRegressionModel.TYPE;
    public static final int VERSION = 2;

    /** {@code penalty} none|l1|l2 and the {@code lambda} chosen on validation (absent for none). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HyperParameters(String penalty, Double lambda) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> types() {
        return List.of(LinearRegressionModel.TYPE);
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Class<HyperParameters> hyperParameterType() {
        return HyperParameters.class;
    }

    @Override
    public LinearRegressionModel load(Path dir, ModelDescriptor d) {
        return LinearRegressionModel.load(dir, d);
    }
}
