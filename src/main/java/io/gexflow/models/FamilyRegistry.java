package io.gexflow.models;

import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.models.baselines.KnnFamily;
import io.gexflow.models.baselines.LinearFamily;
import io.gexflow.models.dgex.DgexFamily;
import io.gexflow.models.samsvae.SamsVaeFamily;
import io.gexflow.models.svae.SvaeFamily;
import io.gexflow.models.svqvae.SvqVaeFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The model families this build knows. A new family is one line here and a folder {@code models/<family>/}
 * implementing {@link ModelFamily}. It lives in {@code models} (not {@code family}) because it names the
 * concrete families: {@code family} holds only the contract, and depends on no family.
 */
public final class FamilyRegistry {
    private static final List<ModelFamily<?>> FAMILIES = List.of(DgexFamily.FAMILY, SvqVaeFamily.FAMILY,
            LinearFamily.FAMILY, KnnFamily.FAMILY, SamsVaeFamily.FAMILY,
            SvaeFamily.FAMILY);

    private FamilyRegistry() {}

    /** Every registered family, in a fixed order. */
    public static List<ModelFamily<?>> families() {
        return FAMILIES;
    }

    /** The family of this name. */
    public static Optional<ModelFamily<?>> byName(String name) {
        return FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The family that writes this {@code model.json} type (variant). */
    public static Optional<ModelFamily<?>> byType(String type) {
        return FAMILIES.stream().filter(f -> f.types().contains(type)).findFirst();
    }

    /** The family of a descriptor: its {@code family} field, or (files written before the contract) its type's. */
    public static ModelFamily<?> familyOf(Path json, ModelDescriptor d) {
        if (d.family() != null) {
            ModelFamily<?> f = byName(d.family())
                    .orElseThrow(() -> new InputException(json, "unknown model family '" + d.family() + "'"));
            if (d.type() != null && !f.types().contains(d.type())) {
                throw new InputException(json, "family " + f.name() + " has no model type '" + d.type() + "'");
            }
            return f;
        }
        if (d.type() == null) {
            throw new InputException(json, "no model type");
        }
        return byType(d.type()).orElseThrow(() -> new InputException(json, "unknown model type '" + d.type() + "'"));
    }

    /**
     * Reads {@code dir/model.json}, finds its family, refuses a newer version than this build reads and
     * brings an older layout to the current one ({@link ModelFamily#upgrade}).
     */
    public static ModelDescriptor read(Path dir) {
        Path json = dir.resolve(ModelDescriptor.FILE);
        ModelDescriptor d = Json.readFile(json, ModelDescriptor.class);
        ModelFamily<?> f = familyOf(json, d);
        f.checkVersion(json, d);
        return f.upgrade(d);
    }

    /** Rebuilds the trained model of a directory, whatever its family. */
    public static AutoCloseable load(Path dir) {
        ModelDescriptor d = read(dir);
        return familyOf(dir.resolve(ModelDescriptor.FILE), d).load(dir, d);
    }
}
