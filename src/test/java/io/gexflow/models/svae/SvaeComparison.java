package io.gexflow.models.svae;

import ai.djl.Device;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the suite: the sVAE-family comparison on the tiny simulation, several seeds, printed as a
 * table. Run with {@code -Dsvae.compare=svae+,vae -Dsvae.seeds=3 -Dsvae.epochs=100} (and OMP_NUM_THREADS=1
 * on a loaded machine).
 */
@EnabledIfSystemProperty(named = "svae.compare", matches = ".+")
class SvaeComparison {
    @Test
    void compare() throws Exception {
        String[] models = System.getProperty("svae.compare").split(",");
        int seeds = Integer.getInteger("svae.seeds", 3);
        int epochs = Integer.getInteger("svae.epochs", 100);
        int latents = Integer.getInteger("svae.latents", 4);
        int interventions = Integer.getInteger("svae.interventions", 10);
        int cells = Integer.getInteger("svae.cells", 150);
        double lr = Double.parseDouble(System.getProperty("svae.lr", "1e-3"));
        Path dir = Files.createTempDirectory("svae-compare");
        for (int seed = 1; seed <= seeds; seed++) {
            TinySimulation.Sim sim = TinySimulation.of(100 + seed, latents, interventions, cells, 50, 4.0);
            for (String name : models) {
                SvaeVariant v = SvaeVariant.of(name);
                SvaeHyperParameters d = SvaeHyperParameters.defaults(v, epochs, seed);
                SvaeHyperParameters hp = new SvaeHyperParameters(d.model(), latents, 128, 2, true, 0.1, epochs, 128, lr,
                        1e-6, d.beta(), d.sparsePenalty(), Math.min(50, epochs / 2), 0.1, seed);
                Path out = Files.createDirectories(dir.resolve(name + "-" + seed));
                long t0 = System.nanoTime();
                SvaeTrainer.Result r = SvaeTrainer.train(sim.data(), hp, out.resolve(SvaeModel.PARAMS), Device.cpu(), s -> {});
                double secs = (System.nanoTime() - t0) / 1e9;
                Json.writeFile(out.resolve(ModelDescriptor.FILE), SvaeModel.descriptor(hp, sim.data(),
                        SvaeModel.summary(r, "cpu"), Map.of()));
                try (SvaeModel m = SvaeModel.load(out)) {
                    SvaeMetrics x = SvaeMetrics.of(m, sim.data(), sim.latents(), sim.targets());
                    System.out.println(String.format(Locale.ROOT,
                            "RESULT seed %d %-8s MCC %.3f (spearman %.3f) R2 %.3f  P %.2f R %.2f F1 %.3f [%s]  valid -ELBO %.1f  mask_on %s  %.0f s",
                            seed, name, x.mccPearson(), x.mccSpearman(), x.r2(), x.precision(), x.recall(), x.f1(),
                            x.graphRule(), r.history().last().get(SvaeTrainer.VALID_NELBO), r.history().last().values().get(SvaeTrainer.MASK_ON), secs));
                }
            }
        }
    }
}
