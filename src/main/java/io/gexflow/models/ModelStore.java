package io.gexflow.models;

import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import io.gexflow.io.DirectorySeal;
import io.gexflow.io.InputException;
import java.nio.file.Path;

/** Rebuilds a trained landmark -> target model from its directory, through the family that wrote its model.json. */
public final class ModelStore {
    private ModelStore() {}

    public static ExpressionModel load(Path dir) {
        DirectorySeal.verify(dir);
        Path json = dir.resolve(ModelDescriptor.FILE);
        ModelDescriptor d = FamilyRegistry.read(dir);
        ModelFamily<?> family = FamilyRegistry.familyOf(json, d);
        if (!predictsTargets(family)) {
            throw new InputException(json, "a " + family.name() + " model (type '" + d.type()
                    + "') does not predict target genes from landmarks");
        }
        return (ExpressionModel) family.load(dir, d);
    }

    /** Whether a family's trained model is an {@link ExpressionModel}. */
    static boolean predictsTargets(ModelFamily<?> family) {
        return ExpressionModel.class.isAssignableFrom(family.modelType());
    }
}
