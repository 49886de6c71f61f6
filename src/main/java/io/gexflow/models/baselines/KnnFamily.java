package io.gexflow.models.baselines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;
import java.util.List;

/** KNN-GE (spec dgex.md, "Baselines"): no training loop; the model is the training data and the chosen k. */
public final class KnnFamily {
    public static final String NAME = KnnGeModel.TYPE;
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;
    public static final ModelFamily<HyperParameters> FAMILY = new FamilyDefinition<>(NAME, List.of(KnnGeModel.TYPE),
            VERSION, HyperParameters.class, KnnGeModel.class, KnnGeModel::load);

    /** The number of neighbours chosen on validation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HyperParameters(int k) {}

    private KnnFamily() {}
}
