package io.gexflow.cli;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.data.perturb.PerturbationSimulator;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.MatrixFile;
import io.gexflow.io.arrow.ObsColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code simulate --kind svae | samsvae}: the perturbation simulators' flags (the spec's numbers are the
 * defaults; the flags scale them down) and the three files they write.
 */
final class PerturbSimulationOptions {
    @Option(names = "--treatments", description = "svae / samsvae: interventions or treatments (default 100).")
    Integer treatments;

    @Option(names = "--cells-per-treatment", description = "svae: cells per intervention; every cell's intervention is drawn "
            + "with replacement (default 500).")
    Integer cellsPerTreatment;

    @Option(names = "--train-cells", description = "samsvae: training cells per treatment (default 500).")
    Integer trainCells;

    @Option(names = "--val-cells", description = "samsvae: validation cells per treatment (default 100).")
    Integer valCells;

    @Option(names = "--test-cells", description = "samsvae: test cells per treatment (default 100).")
    Integer testCells;

    @Option(names = "--genes", description = "svae / samsvae: genes (default 100).")
    Integer genes;

    @Option(names = "--controls", description = "svae / samsvae: extra groups of control cells (no treatment, no shift), "
            + "each as large as a treatment's (default 0, as in the papers).")
    Integer controls;

    @Option(names = "--mask-probability", description = "samsvae: probability that a treatment acts on a latent (default 2/15).")
    Double maskProbability;

    @Option(names = "--noise-fraction", description = "samsvae: Gaussian noise variance as a fraction of each gene's variance "
            + "(default 0.2).")
    Double noiseFraction;

    @Option(names = "--held-out-fraction", description = "svae: the last fraction of interventions, all of whose cells are "
            + "'test' (default 0.2).")
    Double heldOutFraction;

    @Option(names = "--val-fraction", description = "svae: probability that another cell is 'val' (default 0.1).")
    Double valFraction;

    static final String COUNTS = "counts.arrow";
    static final String LATENTS = "latents.arrow";
    static final String TRUTH = "truth.json";

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }

    void run(boolean svae, Integer latent, long seed, Path outDir, Map<String, String> metadata) {
        PerturbationSimulator.Result r;
        Object settings;
        if (svae) {
            PerturbationSimulator.SvaeSettings d = PerturbationSimulator.svaeDefaults();
            PerturbationSimulator.SvaeSettings s = new PerturbationSimulator.SvaeSettings(or(treatments, d.interventions()),
                    or(cellsPerTreatment, d.cellsPerIntervention()), or(latent, d.latent()), or(genes, d.genes()), d.width(),
                    d.shiftMean(), d.shiftSd(), or(heldOutFraction, d.heldOutFraction()), or(valFraction, d.valFraction()),
                    or(controls, d.controls()), seed);
            r = PerturbationSimulator.svae(s);
            settings = s;
        } else {
            PerturbationSimulator.SamsSettings d = PerturbationSimulator.samsDefaults();
            PerturbationSimulator.SamsSettings s = new PerturbationSimulator.SamsSettings(or(treatments, d.treatments()),
                    or(trainCells, d.trainCells()), or(valCells, d.valCells()), or(testCells, d.testCells()),
                    or(latent, d.latent()), or(genes, d.genes()), d.width(), d.layers(),
                    or(maskProbability, d.maskProbability()), d.effectMean(), d.effectSd(),
                    or(noiseFraction, d.noiseFraction()), or(controls, d.controls()), seed);
            r = PerturbationSimulator.sams(s);
            settings = s;
        }
        write(r, svae ? "svae" : "samsvae", settings, outDir, metadata);
    }

    static void write(PerturbationSimulator.Result r, String kind, Object settings, Path outDir, Map<String, String> metadata) {
        PerturbationData d = r.data();
        List<String> labels = PerturbationFile.treatmentLabels(d, PerturbationSimulator.CONTROL);
        List<ObsColumn> cols = List.of(ObsColumn.utf8(PerturbationFile.TREATMENT), ObsColumn.utf8(PerturbationFile.SPLIT));
        Map<String, List<?>> obs = Map.of(PerturbationFile.TREATMENT, labels, PerturbationFile.SPLIT, r.split());
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("gexflow.simulation", kind);
        PerturbationFile.write(outDir.resolve(COUNTS), d, cols, obs, meta);

        int k = r.latent();
        List<String> zNames = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            zNames.add(String.format("z%02d", j));
        }
        float[] row = new float[k];
        ArrowMatrixWriter w = new ArrowMatrixWriter(outDir.resolve(LATENTS), zNames, cols, meta);
        try {
            for (int i = 0; i < d.cells().size(); i++) {
                for (int j = 0; j < k; j++) {
                    row[j] = (float) r.latents()[i * k + j];
                }
                w.write(d.cells().get(i), List.of(labels.get(i), r.split().get(i)), row);
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }

        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("kind", kind);
        truth.put("settings", settings);
        truth.put("treatments", d.treatments());
        truth.put("latent", k);
        truth.put("masks", r.masks());
        truth.put("shifts", r.shifts());
        truth.put("effects", r.effects());
        try {
            truth.put("provenance", Json.MAPPER.readValue(metadata.get(MatrixFile.META_PROVENANCE), Object.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("provenance is not JSON", e);
        }
        Json.writeFile(outDir.resolve(TRUTH), truth);
        System.err.printf("simulated %s: %d cells x %d genes, %d treatments, %d latents into %s%n", kind, d.cells().size(),
                d.genes().size(), d.treatments().size(), k, outDir);
    }
}
