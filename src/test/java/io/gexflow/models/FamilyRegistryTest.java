package io.gexflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.eval.History;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ModelFamily;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.models.baselines.KnnFamily;
import io.gexflow.models.baselines.LinearFamily;
import io.gexflow.models.dgex.DgexHyperParameters;
import io.gexflow.models.samsvae.SamsVaeHyperParameters;
import io.gexflow.models.svae.SvaeHyperParameters;
import io.gexflow.models.svae.SvaeVariant;
import io.gexflow.models.svqvae.SvqVaeHyperParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered family round-trips its {@code model.json} through the one {@link ModelDescriptor};
 * files written before the family contract (test resources {@code legacy-models/}, written by the
 * previous train-dgex, train-svqvae, train-lr and train-knn) still read and load.
 */
class FamilyRegistryTest {
    @TempDir Path dir;

    /** Hyper-parameters of each family for the round trip: a family without one here fails the test. */
    private static final Map<String, Record> SAMPLES = Map.of(
            "dgex", new DgexHyperParameters(2, 64, 0.25, 20, 32, 5e-3, 0.5, 3f, 0.9, 1e-5, 160, 7L, 2),
            "svqvae", new SvqVaeHyperParameters("vqvae", "lincs", 12, 20, 32, 1e-3, 0.25, 0.1, 9L),
            "lr", new LinearFamily.HyperParameters("l1", 0.1),
            "knn", new KnnFamily.HyperParameters(10),
            "samsvae", new SamsVaeHyperParameters("samsvae", "correlated", 8, 16, 2, 0.05, 3, 1e-3, 1e-6, 64, 4, 100, 5L, 0),
            "svae", SvaeHyperParameters.defaults(SvaeVariant.BETA_VAE, 40, 5L));

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> settings(ModelFamily f, Record hp) {
        return f.settings(hp);
    }

    @Test
    void everyRegisteredFamilyRoundTripsItsDescriptor() throws Exception {
        Set<String> names = new HashSet<>();
        for (ModelFamily<?> f : FamilyRegistry.families()) {
            assertTrue(names.add(f.name()), "family names are unique: " + f.name());
            Record hp = SAMPLES.get(f.name());
            assertNotNull(hp, "a sample of " + f.name() + "'s hyper-parameters in this test");
            assertEquals(f.hyperParameterType(), hp.getClass());
            Map<String, Object> settings = new LinkedHashMap<>(settings(f, hp));
            settings.put("a_fact_beside_the_hyper_parameters", List.of(1, 2));
            String type = f.types().get(f.types().size() - 1);
            ModelDescriptor d = new ModelDescriptor(f.name(), f.version(), type, List.of("lm:a", "lm:b"), List.of("tg:c"),
                    settings, Map.of("best_epoch", 3), Map.of("verb", "test"));
            Path m = Files.createDirectories(dir.resolve(f.name()));
            Json.writeFile(m.resolve(ModelDescriptor.FILE), d);
            ModelDescriptor back = FamilyRegistry.read(m);
            assertEquals(f.name(), back.family());
            assertEquals(f.version(), back.version());
            assertEquals(type, back.type());
            assertEquals(d.inputs(), back.inputs());
            assertEquals(d.outputs(), back.outputs());
            assertEquals(hp, f.hyperParameters(back), f.name() + " hyper-parameters survive model.json");
            assertEquals(f, FamilyRegistry.familyOf(m.resolve(ModelDescriptor.FILE), back));
            for (String t : f.types()) {
                assertEquals(f, FamilyRegistry.byType(t).orElseThrow());
            }
        }
        assertEquals(SAMPLES.keySet(), names, "every sample belongs to a registered family");
    }

    @Test
    void legacyFilesReadAsVersionOneOfTheirTypesFamily() throws Exception {
        Map<String, String> families = Map.of("dgex", "dgex", "svqvae", "svqvae", "lr", "lr", "knn", "knn");
        for (var e : families.entrySet()) {
            Path legacy = legacy(e.getKey());
            assertTrue(!Files.readString(legacy.resolve(ModelDescriptor.FILE)).contains("\"family\""), "written before the contract");
            ModelDescriptor d = FamilyRegistry.read(legacy);
            assertEquals(e.getValue(), d.family());
            assertEquals(ModelDescriptor.LEGACY_VERSION, d.version());
            ModelFamily<?> f = FamilyRegistry.byName(d.family()).orElseThrow();
            assertNotNull(f.hyperParameters(d));
        }
        DgexHyperParameters dgex = (DgexHyperParameters) FamilyRegistry.byName("dgex").orElseThrow()
                .hyperParameters(FamilyRegistry.read(legacy("dgex")));
        assertEquals(32, dgex.hiddenUnits());
        assertEquals(11L, dgex.seed());
        assertEquals(1, dgex.targetPartitions());
        SvqVaeHyperParameters svq = (SvqVaeHyperParameters) FamilyRegistry.byName("svqvae").orElseThrow()
                .hyperParameters(FamilyRegistry.read(legacy("svqvae")));
        assertEquals("svqvae", svq.model());
        assertEquals(4, svq.epochs());
        assertEquals("lincs", svq.architecture());
        // old histories (per-epoch seconds, best_valid_mae) read as the one History
        History h = History.read(legacy("dgex").resolve(History.FILE), "train_mae", "valid_mae");
        assertEquals(6, h.epochs().size());
        assertTrue(Double.isFinite(h.last().get("valid_mae")));
        History s = History.read(legacy("svqvae").resolve(History.FILE), "train_mse");
        assertEquals(4, s.epochs().size());
    }

    @Test
    void legacyExpressionModelsLoadAndPredict() throws Exception {
        for (String name : List.of("dgex", "lr", "knn")) {
            try (ExpressionModel m = ModelStore.load(legacy(name))) {
                assertEquals(20, m.inputs().size(), name);
                float[] y = m.predict(new float[2 * 20], 2);
                assertEquals(2 * m.outputs().size(), y.length);
                for (float v : y) {
                    assertTrue(Float.isFinite(v), name);
                }
            }
        }
    }

    @Test
    void unknownFamiliesTypesAndNewerVersionsAreRefused() throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        Path json = m.resolve(ModelDescriptor.FILE);
        Json.writeFile(json, new ModelDescriptor("spikeslab", 1, "spikeslab", List.of(), List.of(), Map.of(), Map.of(), null));
        assertTrue(assertThrows(InputException.class, () -> FamilyRegistry.read(m)).getMessage()
                .contains("unknown model family 'spikeslab'"));
        Json.writeFile(json, new ModelDescriptor("gp", List.of(), List.of(), Map.of(), Map.of(), null));
        assertTrue(assertThrows(InputException.class, () -> ModelStore.load(m)).getMessage()
                .contains("unknown model type 'gp'"));
        Json.writeFile(json, new ModelDescriptor("dgex", 99, "dgex", List.of(), List.of(), Map.of(), Map.of(), null));
        assertTrue(assertThrows(InputException.class, () -> FamilyRegistry.read(m)).getMessage()
                .contains("version 99 is newer"));
        Json.writeFile(json, new ModelDescriptor("svqvae", 2, "svqvae", List.of(), List.of(), Map.of(), Map.of(), null));
        assertTrue(assertThrows(InputException.class, () -> ModelStore.load(m)).getMessage()
                .contains("does not predict target genes"));
    }

    private Path legacy(String name) throws Exception {
        return Path.of(getClass().getResource("/legacy-models/" + name + "/" + ModelDescriptor.FILE).toURI()).getParent();
    }
}
