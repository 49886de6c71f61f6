package io.gexflow.cli;

import io.gexflow.data.GeoSimulator;
import io.gexflow.io.gct.GctxWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Generate a GEO-format D-GEX data set (probe-level GCTX + map_lm.txt / map_tg.txt) with a seeded, "
                + "nonlinear landmark -> target relation.")
public final class SimulateCommand extends Verb {
    @Option(names = "--out-dir", required = true, description = "Writes geo_sim.gctx, map_lm.txt, map_tg.txt here.")
    Path outDir;

    @Option(names = "--samples", defaultValue = "3000", description = "Profiles (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--landmarks", defaultValue = "100", description = "Landmark genes (default ${DEFAULT-VALUE}).")
    int landmarks;

    @Option(names = "--targets", defaultValue = "300", description = "Target genes (default ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--latent", defaultValue = "8", description = "Latent factors driving all genes (default ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--unmapped-probes", defaultValue = "40", description = "Probes mapped to no gene (default ${DEFAULT-VALUE}).")
    int unmapped;

    @Option(names = "--noise", defaultValue = "0.3", description = "Gene-level noise sd, log2 units (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Files.createDirectories(outDir);
        GeoSimulator.Result r = GeoSimulator.simulate(
                new GeoSimulator.Settings(samples, landmarks, targets, latent, unmapped, noise, seed));
        GctxWriter.write(outDir.resolve("geo_sim.gctx"), r.probes(), r.samples(), r.probeMeta(), Map.of(), r.sampleMajor());
        r.landmarkMap().write(outDir.resolve("map_lm.txt"));
        r.targetMap().write(outDir.resolve("map_tg.txt"));
        System.err.printf("simulated %d samples x %d probes (%d landmark, %d target genes) into %s%n", samples,
                r.probes().size(), landmarks, targets, outDir);
        return 0;
    }
}
