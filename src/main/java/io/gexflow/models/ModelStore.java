package io.gexflow.models;

import io.gexflow.io.InputException;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.io.Json;
import io.gexflow.models.baselines.KnnGeModel;
import io.gexflow.models.baselines.LinearRegressionModel;
import io.gexflow.models.dgex.DgexModel;
import java.nio.file.Path;

/** Rebuilds a trained model from its directory, by the type named in model.json. */
public final class ModelStore {
    private ModelStore() {}

    public static ExpressionModel load(Path dir) {
        Path json = dir.resolve(ModelDescriptor.FILE);
        ModelDescriptor d = Json.readFile(json, ModelDescriptor.class);
        if (d.type() == null) {
            throw new InputException(json, "no model type");
        }
        return switch (d.type()) {
            case LinearRegressionModel.TYPE -> LinearRegressionModel.load(dir, d);
            case KnnGeModel.TYPE -> KnnGeModel.load(dir, d);
            case DgexModel.TYPE -> DgexModel.load(dir, d);
            default -> throw new InputException(json, "unknown model type '" + d.type() + "'");
        };
    }
}
