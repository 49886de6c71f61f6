package io.gexflow.models.baselines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;
import java.util.List;

/**
 * The linear baselines LR, LR-L1, LR-L2 (spec dgex.md, "Baselines"): fitted in closed form or by
 * coordinate descent, so no training loop; one family whose {@code penalty} tells them apart.
 */
public final class LinearFamily {
    public static final String NAME = LinearRegressionModel.TYPE;
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;
    public static final ModelFamily<HyperParameters> FAMILY = new FamilyDefinition<>(NAME,
            List.of(LinearRegressionModel.TYPE), VERSION, HyperParameters.class, LinearRegressionModel.class,
            LinearRegressionModel::load);

    /** {@code penalty} none|l1|l2 and the {@code lambda} chosen on validation (absent for none). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HyperParameters(String penalty, Double lambda) {}

    private LinearFamily() {}
}
