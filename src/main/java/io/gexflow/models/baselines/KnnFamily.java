package io.gexflow.models.baselines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import java.nio.file.Path;
import java.util.List;

/** KNN-GE (spec dgex.md, "Baselines"): no training loop; the model is the training data and the chosen k. */
public final class KnnFamily implements ModelFamily<KnnFamily.HyperParameters> {
    public static final String NAME = KnnGeModel.TYPE;
    public static final int VERSION = 2;

    /** The number of neighbours chosen on validation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HyperParameters(int k) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> types() {
        return List.of(KnnGeModel.TYPE);
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
    public KnnGeModel load(Path dir, ModelDescriptor d) {
        return KnnGeModel.load(dir, d);
    }
}
