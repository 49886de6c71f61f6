package io.gexflow.cli;

import io.gexflow.data.perturb.H5adPerturbation;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.data.perturb.PerturbationSplits;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.h5ad.H5adFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** h5ad -> the perturbation track's sparse counts file, with D and a split column. */
@Command(name = "prepare-perturb", mixinStandardHelpOptions = true,
        description = {
            "Turn an h5ad (Norman 2019, Replogle 2022, or any AnnData with counts and a guide column) into the "
                    + "perturbation track's counts file: sparse counts (X or --layer), D from the --treatment-column "
                    + "labels (split on --separator; --control labels dropped, so controls have an empty row), a "
                    + "treatment and a split column.",
            "--split ood (Norman): the combinations are shuffled with --seed; the first --combo-fraction go to "
                    + "train/val, the last --test-combo-fraction to test; single-guide and control cells 80/20 "
                    + "train/val; cells in no split are left out. --split random (Replogle): 80/20 test, then 80/20 "
                    + "val of the rest (64/16/20)."})
public final class PreparePerturbCommand extends Verb {
    enum Split { ood, random }

    @Option(names = "--h5ad", required = true, description = "Input h5ad file.")
    Path h5ad;

    @Option(names = "--out", required = true, description = "Output counts file (.arrow).")
    Path out;

    @Option(names = "--layer", description = "Take counts from layers/<name> (Norman: counts) instead of X.")
    String layer;

    @Option(names = "--treatment-column", required = true,
            description = "obs column of guide labels (Norman: guide_ids; Replogle: gene).")
    String treatmentColumn;

    @Option(names = "--separator", defaultValue = ",",
            description = "Splits a label into the guides of a combination (default '${DEFAULT-VALUE}').")
    String separator;

    @Option(names = "--control", split = ",", defaultValue = "ctrl,non-targeting,control",
            description = "Labels of control guides; a trailing * matches a prefix, e.g. NegCtrl* (default ${DEFAULT-VALUE}).")
    List<String> controls;

    @Option(names = "--gene-column", description = "Keep only the genes this boolean var column marks (Norman: highly_variable).")
    String geneColumn;

    @Option(names = "--max-controls", description = "Keep at most this many control cells, chosen with --seed (Replogle: 2000).")
    Integer maxControls;

    @Option(names = "--treatments-file", description = "Keep only cells whose guides are all listed here, one name a line "
            + "(Replogle: the 681 target genes), and the control cells; only those cells are read from the matrix.")
    Path treatmentsFile;

    @Option(names = "--split", defaultValue = "random", description = "ood or random (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--combo-fraction", defaultValue = "0.5",
            description = "ood: fraction of the shuffled combinations in train/val (0, .25, .5, .75, 1; default ${DEFAULT-VALUE}).")
    double comboFraction;

    @Option(names = "--test-combo-fraction", defaultValue = "0.25",
            description = "ood: the last fraction of the shuffled combinations, whose cells may be test (default ${DEFAULT-VALUE}).")
    double testComboFraction;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and the control subsample (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (comboFraction < 0 || comboFraction > 1 || testComboFraction < 0 || testComboFraction > 1) {
            throw new ParameterException(spec.commandLine(), "--combo-fraction and --test-combo-fraction must be in [0, 1]");
        }
        Set<String> keepTreatments = null;
        if (treatmentsFile != null) {
            try {
                keepTreatments = new java.util.HashSet<>();
                for (String line : java.nio.file.Files.readAllLines(treatmentsFile)) {
                    if (!line.isBlank()) {
                        keepTreatments.add(line.trim());
                    }
                }
            } catch (java.io.IOException e) {
                throw new io.gexflow.io.InputException(treatmentsFile, "cannot read (" + e.getMessage() + ")", e);
            }
        }
        PerturbationData d;
        try (H5adFile f = H5adFile.open(h5ad)) {
            d = H5adPerturbation.read(f, new H5adPerturbation.Options(layer, treatmentColumn, separator, Set.copyOf(controls),
                    geneColumn, keepTreatments, maxControls, seed));
        }
        String[] s = split == Split.ood ? PerturbationSplits.normanOod(d, seed, comboFraction, testComboFraction)
                : PerturbationSplits.random(d.cells().size(), seed, 0.2, 0.2);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] != null) {
                kept.add(i);
            }
        }
        d = d.select(kept.stream().mapToInt(Integer::intValue).toArray());
        List<String> splitCol = new ArrayList<>(kept.size());
        for (int i : kept) {
            splitCol.add(s[i]);
        }
        List<String> labels = PerturbationFile.treatmentLabels(d, "control");
        Map<String, List<?>> obs = new LinkedHashMap<>();
        obs.put(PerturbationFile.TREATMENT, labels);
        obs.put(PerturbationFile.SPLIT, splitCol);
        PerturbationFile.write(out, d, List.of(ObsColumn.utf8(PerturbationFile.TREATMENT), ObsColumn.utf8(PerturbationFile.SPLIT)),
                obs, metadata(provenance(seed, h5ad)));
        long[] n = new long[3];
        for (String x : splitCol) {
            n[x.equals(PerturbationSplits.TRAIN) ? 0 : x.equals(PerturbationSplits.VAL) ? 1 : 2]++;
        }
        System.err.printf("prepared %d cells (train %d, val %d, test %d; %d left out) x %d genes, %d treatments into %s%n",
                d.cells().size(), n[0], n[1], n[2], s.length - kept.size(), d.genes().size(), d.treatments().size(), out);
        return 0;
    }
}
