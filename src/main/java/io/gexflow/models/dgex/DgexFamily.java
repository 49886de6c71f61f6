package io.gexflow.models.dgex;

import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import java.nio.file.Path;
import java.util.List;

/** D-GEX (spec dgex.md): tanh MLPs over target partitions, trained by {@link DgexTrainer} on the shared loop. */
public final class DgexFamily implements ModelFamily<DgexHyperParameters> {
    public static final String NAME = "dgex";
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> types() {
        return List.of(DgexModel.TYPE);
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Class<DgexHyperParameters> hyperParameterType() {
        return DgexHyperParameters.class;
    }

    @Override
    public DgexModel load(Path dir, ModelDescriptor d) {
        return DgexModel.load(dir, d);
    }
}
