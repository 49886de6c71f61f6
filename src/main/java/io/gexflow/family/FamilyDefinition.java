package io.gexflow.family;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A family whose {@code model.json} layout has not changed (the default {@link ModelFamily#upgrade}):
 * its whole definition is these values, e.g.
 * {@code new FamilyDefinition<>("knn", List.of("knn"), 2, KnnHyperParameters.class, KnnGeModel.class, KnnGeModel::load)}.
 */
public record FamilyDefinition<H extends Record, M extends AutoCloseable>(
        String name,
        List<String> types,
        int version,
        Class<H> hyperParameterType,
        Class<M> modelType,
        BiFunction<Path, ModelDescriptor, M> loader) implements ModelFamily<H> {
    public FamilyDefinition {
        types = List.copyOf(types);
        if (types.isEmpty() || version < 1) {
            throw new IllegalArgumentException(name + ": a family writes at least one type, from version 1");
        }
    }

    @Override
    public M load(Path dir, ModelDescriptor d) {
        return loader.apply(dir, d);
    }
}
