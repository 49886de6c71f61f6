package io.gexflow.models.dgex;

import io.gexflow.family.FamilyDefinition;
import io.gexflow.family.ModelFamily;
import java.util.List;

/** D-GEX (spec dgex.md): tanh MLPs over target partitions, trained by {@link DgexTrainer} on the shared loop. */
public final class DgexFamily {
    public static final String NAME = "dgex";
    /** 1: the layout before the family contract; 2: stamped with family and version (same settings). */
    public static final int VERSION = 2;
    public static final ModelFamily<DgexHyperParameters> FAMILY = new FamilyDefinition<>(NAME, List.of(DgexModel.TYPE),
            VERSION, DgexHyperParameters.class, DgexModel.class, DgexModel::load);

    private DgexFamily() {}
}
