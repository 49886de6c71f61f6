package io.gexflow.family;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json} of a trained model directory: enough to rebuild the model in another step. The
 * one descriptor of every family ({@link ModelFamily}); parameters lie beside it in the family's files.
 *
 * <p>Files written before the family contract have no {@code family} and no {@code version}; they load
 * as version 1 of the family that writes their {@code type} ({@link ModelFamily#upgrade}).
 *
 * @param family the {@link ModelFamily#name()} that wrote it ("dgex", "svqvae", "lr", "knn")
 * @param version the family's model.json version ({@link ModelFamily#version()})
 * @param type the variant within the family: "lr" (settings: penalty none|l1|l2, lambda), "knn" (k), "dgex",
 *     "svqvae" or "vqvae"
 * @param inputs the data schema: input feature ids, in column order
 * @param outputs the data schema: output ids (target genes; S-VQ-VAE/VQ-VAE: code names)
 * @param settings the hyper-parameters (the family's record, {@link ModelFamily#hyperParameters}) and
 *     family-specific facts of the trained model (target partitions, code names, chosen lambda, ...)
 * @param summary training facts (best epoch, validation MAE, ...)
 * @param provenance tool version, verb, arguments, seed, input checksums
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"family", "version", "type", "inputs", "outputs", "settings", "summary", "provenance"})
public record ModelDescriptor(
        String family,
        Integer version,
        String type,
        List<String> inputs,
        List<String> outputs,
        Map<String, Object> settings,
        Map<String, Object> summary,
        Object provenance) {
    public static final String FILE = "model.json";
    /** The version of a file written before the family contract (no {@code version} field). */
    public static final int LEGACY_VERSION = 1;

    /** A descriptor as written before the family contract (no family, no version): {@link ModelFamily#upgrade} fills them. */
    public ModelDescriptor(String type, List<String> inputs, List<String> outputs, Map<String, Object> settings,
            Map<String, Object> summary, Object provenance) {
        this(null, null, type, inputs, outputs, settings, summary, provenance);
    }

    /** The version, {@value #LEGACY_VERSION} for a file that names none. */
    public int versionOrLegacy() {
        return version == null ? LEGACY_VERSION : version;
    }

    /** The same descriptor stamped with its family and version. */
    public ModelDescriptor withFamily(String familyName, int familyVersion) {
        return new ModelDescriptor(familyName, familyVersion, type, inputs, outputs, settings, summary, provenance);
    }
}
