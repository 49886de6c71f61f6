package io.gexflow.family;

import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model family: the one way to add a model. A family is a folder {@code models/<family>/} with
 *
 * <ul>
 *   <li>a record of hyper-parameters ({@code H}), bound by Jackson to the {@code settings} of {@code model.json};</li>
 *   <li>the DJL block(s) and a loss with NAMED terms, handed to the shared {@link TrainingLoop} as a
 *       {@link TrainingLoop.Fit} (families fitted in closed form, such as the linear baselines, have none);</li>
 *   <li>its trained model, rebuilt from the directory by {@link #load} through the one {@link ModelDescriptor}.</li>
 * </ul>
 *
 * The loop, the {@code History} format, the descriptor and the numerics checks are shared; a family adds
 * only what is its own (a learning-rate schedule, a transfer protocol, a quantiser).
 *
 * {@link FamilyDefinition} is the whole implementation of a family whose {@code model.json} layout never changed.
 *
 * @param <H> the hyper-parameter record
 */
public interface ModelFamily<H extends Record> {
    /** The family's name in {@code model.json} ({@code family}) and on the command line. */
    String name();

    /** The variants it writes as {@code model.json}'s {@code type} (often just {@link #name()}). */
    List<String> types();

    /** The version of the {@code model.json} layout this family writes now. */
    int version();

    /** The hyper-parameter record. */
    Class<H> hyperParameterType();

    /** The hyper-parameters of a descriptor this family wrote (Jackson binds {@code settings}; unknown keys are facts, ignored). */
    default H hyperParameters(ModelDescriptor d) {
        try {
            return Json.MAPPER.convertValue(d.settings(), hyperParameterType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " settings do not bind to " + hyperParameterType().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The hyper-parameters as {@code settings} entries, in the record's order (to which a family adds its facts). */
    default Map<String, Object> settings(H hyperParameters) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.convertValue(hyperParameters, LinkedHashMap.class);
        return m;
    }

    /**
     * Brings a descriptor this family wrote in an older layout to the current one. Default: the layout did
     * not change; the descriptor is stamped with the family's name and its own version (1 when it has none).
     */
    default ModelDescriptor upgrade(ModelDescriptor d) {
        return d.withFamily(name(), d.versionOrLegacy());
    }

    /** The class of the trained model {@link #load} returns (e.g. whether it predicts targets from landmarks). */
    Class<? extends AutoCloseable> modelType();

    /** Rebuilds the trained model of {@code dir} from its (upgraded) descriptor and parameter files. */
    AutoCloseable load(Path dir, ModelDescriptor d);

    /** Refuses a descriptor of a newer layout than this build reads. */
    default void checkVersion(Path json, ModelDescriptor d) {
        if (d.versionOrLegacy() > version()) {
            throw new InputException(json, name() + " model.json version " + d.versionOrLegacy()
                    + " is newer than this build reads (" + version() + ")");
        }
    }
}
