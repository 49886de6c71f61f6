package io.gexflow.cli;

import io.gexflow.data.GeoSimulator;
import io.gexflow.io.gct.GctxWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Generate a GEO-format D-GEX data set (probe-level GCTX + map_lm.txt / map_tg.txt) with a seeded, "
                + "nonlinear landmark -> target relation (--kind geo, the default),",
                "or a perturbation data set with its ground truth (--kind svae | samsvae): counts.arrow (sparse counts with "
                        + "treatments and split), latents.arrow (each cell's z) and truth.json (masks, shifts, effects)."})
public final class SimulateCommand extends Verb {
    enum Kind { geo, svae, samsvae }

    @Option(names = "--kind", defaultValue = "geo",
            description = "geo (D-GEX), svae (Lopez et al.) or samsvae (Bereket and Karaletsos) (default ${DEFAULT-VALUE}).")
    Kind kind;

    @Mixin CommonOptions.OutDir outDir;

    @picocli.CommandLine.Mixin
    PerturbSimulationOptions perturb = new PerturbSimulationOptions();

    @Option(names = "--samples", defaultValue = "3000", description = "Profiles (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--landmarks", defaultValue = "100", description = "Landmark genes (default ${DEFAULT-VALUE}).")
    int landmarks;

    @Option(names = "--targets", defaultValue = "300", description = "Target genes (default ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--latent", defaultValue = "8", description = "Latent factors driving all genes (default ${DEFAULT-VALUE}; "
            + "svae: 30, samsvae: 15 unless given).")
    int latent;

    @Option(names = "--unmapped-probes", defaultValue = "40", description = "Probes mapped to no gene (default ${DEFAULT-VALUE}).")
    int unmapped;

    @Option(names = "--noise", defaultValue = "0.3", description = "Gene-level noise sd, log2 units (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--gtex-samples", defaultValue = "300", description = "GTEx-like RNA-Seq samples, gtex_sim.gctx (default ${DEFAULT-VALUE}).")
    int gtexSamples;

    @Option(names = "--geuvadis-samples", defaultValue = "150",
            description = "1000 Genomes-like RNA-Seq samples, geuvadis_sim.txt (default ${DEFAULT-VALUE}).")
    int geuvadisSamples;

    @Mixin CommonOptions.Seed seed;

    @Option(names = "--landmark-map", description = "Simulate on this landmark map (e.g. the published map_lm.txt): its probes "
            + "are the GCTX rows, with --target-map's and --unmapped-probes AFFX control probes; the maps are not rewritten.")
    Path landmarkMap;

    @Option(names = "--target-map", description = "Target map to simulate on, with --landmark-map.")
    Path targetMap;

    @Option(names = "--quantum", defaultValue = "0",
            description = "With maps: round log2 values to multiples of this (0: no rounding) and RNA-Seq values to 3 "
                    + "significant digits; the GCTX is then written chunked + deflate (default ${DEFAULT-VALUE}).")
    double quantum;

    /** The 1000 Genomes quantification table layout: TargetID, Gene_Symbol, Chr, Coord, one column per sample. */
    static void writeGeuvadisTable(Path file, GeoSimulator.RnaSeq d) {
        StringBuilder sb = new StringBuilder("TargetID\tGene_Symbol\tChr\tCoord");
        d.samples().forEach(s -> sb.append('\t').append(s));
        sb.append('\n');
        int width = d.genes().size();
        for (int g = 0; g < width; g++) {
            sb.append(d.genes().get(g)).append('\t').append(d.symbols().get(g)).append("\t1\t").append(1000 * (g + 1));
            for (int i = 0; i < d.samples().size(); i++) {
                sb.append('\t').append(d.sampleMajor()[i * width + g]);
            }
            sb.append('\n');
        }
        io.gexflow.io.AtomicFile.writeString(file, sb.toString());
    }

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Files.createDirectories(outDir.value);
        if (kind != Kind.geo) {
            boolean latentGiven = spec.commandLine().getParseResult().hasMatchedOption("--latent");
            perturb.run(kind == Kind.svae, latentGiven ? latent : null, seed.value, outDir.value,
                    metadata(provenance(seed.value)));
            return 0;
        }
        if ((landmarkMap == null) != (targetMap == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--landmark-map and --target-map go together");
        }
        if (landmarkMap != null) {
            return onMaps();
        }
        GeoSimulator.Result r = GeoSimulator.simulate(
                new GeoSimulator.Settings(samples, landmarks, targets, latent, unmapped, noise, seed.value, gtexSamples, geuvadisSamples));
        GctxWriter.write(outDir.resolve("geo_sim.gctx"), r.probes(), r.samples(), r.probeMeta(), Map.of(), r.sampleMajor());
        GeoSimulator.RnaSeq gtex = r.gtex();
        GctxWriter.write(outDir.resolve("gtex_sim.gctx"), gtex.genes(), gtex.samples(), Map.of("Description", gtex.symbols()),
                Map.of(), gtex.sampleMajor());
        writeGeuvadisTable(outDir.resolve("geuvadis_sim.txt"), r.geuvadis());
        r.landmarkMap().write(outDir.resolve("map_lm.txt"));
        r.targetMap().write(outDir.resolve("map_tg.txt"));
        System.err.printf("simulated %d samples x %d probes (%d landmark, %d target genes) into %s%n", samples,
                r.probes().size(), landmarks, targets, outDir.value);
        return 0;
    }

    private int onMaps() {
        io.gexflow.io.GeneMap lm = io.gexflow.io.GeneMap.read(landmarkMap);
        io.gexflow.io.GeneMap tg = io.gexflow.io.GeneMap.read(targetMap);
        GeoSimulator.Result r = GeoSimulator.simulateOnMaps(lm, tg, samples, latent, unmapped, noise, quantum, seed.value,
                gtexSamples, geuvadisSamples);
        GctxWriter.Options opt = quantum > 0 ? GctxWriter.Options.chunked(9, 50) : GctxWriter.Options.CONTIGUOUS;
        GctxWriter.write(outDir.resolve("geo_sim.gctx"), r.probes(), r.samples(), r.probeMeta(), Map.of(), r.sampleMajor(), opt);
        GeoSimulator.RnaSeq gtex = r.gtex();
        GctxWriter.write(outDir.resolve("gtex_sim.gctx"), gtex.genes(), gtex.samples(), Map.of("Description", gtex.symbols()),
                Map.of(), gtex.sampleMajor(), opt);
        writeGeuvadisTable(outDir.resolve("geuvadis_sim.txt"), r.geuvadis());
        System.err.printf("simulated %d samples x %d probes on %s (%d genes) and %s (%d genes) into %s%n", samples,
                r.probes().size(), landmarkMap.getFileName(), lm.genes().size(), targetMap.getFileName(), tg.genes().size(), outDir.value);
        return 0;
    }
}
