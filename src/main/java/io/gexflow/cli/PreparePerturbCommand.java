package io.gexflow.cli;

import io.gexflow.data.perturb.H5adPerturbation;
import io.gexflow.data.perturb.NameTable;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.data.perturb.PerturbationSplits;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
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
                    + "val of the rest (64/16/20).",
            "Replogle's filter: --treatments-file (the 681 targets of its perturbation clusters), --max-controls 2000, "
                    + "--gene-list with --gene-name-column gene_name (1,186 names, 1,187 genes); --heldout-group PATHWAY "
                    + "then puts the cells of one cluster of the --treatments-file table in split 'heldout' (the sVAE "
                    + "transfer protocol), the others keeping the split they have without it."})
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

    @Option(names = "--treatments-file", description = "Keep only cells whose guides are all listed here, and the control cells; "
            + "only those cells are read from the matrix. One name a line, or a table with a header line naming a 'treatment' "
            + "and optionally a 'group' column (Replogle: assets/perturb/replogle2022_perturbation_clusters.tsv); # starts a comment.")
    Path treatmentsFile;

    @Option(names = "--heldout-group", description = "Cells of the treatments of this group of the --treatments-file table "
            + "go to split 'heldout' (Replogle: EXOSOME, SPLICEOSOME, MEDIATOR, NER, 40S, 39S, 60S, MT_PROTEIN_TRANSLOCATION).")
    String heldoutGroup;

    @Option(names = "--gene-list", description = "Keep only the genes named here, one name a line (# starts a comment); "
            + "every gene of a listed name is kept, and a listed name that no gene has is an error.")
    Path geneList;

    @Option(names = "--gene-name-column", description = "var column holding the names --gene-list is matched against "
            + "(Replogle: gene_name; default: var's index).")
    String geneNameColumn;

    @Option(names = "--summary", description = "Also write the counts per split as JSON (cells, genes, treatments, train, "
            + "val, test, heldout, left_out): the pipeline turns the paper's optimizer steps into epochs with it.")
    Path summary;

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
        if (heldoutGroup != null && treatmentsFile == null) {
            throw new ParameterException(spec.commandLine(), "--heldout-group needs --treatments-file, the table of groups");
        }
        NameTable treatmentTable = treatmentsFile == null ? null : NameTable.read(treatmentsFile);
        Set<String> heldOut = heldoutGroup == null ? Set.of() : treatmentTable.group(treatmentsFile, heldoutGroup);
        Set<String> keepGenes = geneList == null ? null : NameTable.read(geneList).names();
        PerturbationData d;
        try (H5adFile f = H5adFile.open(h5ad)) {
            d = H5adPerturbation.read(f, new H5adPerturbation.Options(layer, treatmentColumn, separator, Set.copyOf(controls),
                    geneColumn, treatmentTable == null ? null : treatmentTable.names(), maxControls, seed, keepGenes,
                    geneNameColumn));
        }
        String[] s = split == Split.ood ? PerturbationSplits.normanOod(d, seed, comboFraction, testComboFraction)
                : PerturbationSplits.random(d.cells().size(), seed, 0.2, 0.2);
        if (!heldOut.isEmpty() && PerturbationSplits.holdOut(s, d, heldOut) == 0) {
            throw new InputException(h5ad, "no cell received a treatment of group '" + heldoutGroup + "' of " + treatmentsFile);
        }
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
        List<String> names = List.of(PerturbationSplits.TRAIN, PerturbationSplits.VAL, PerturbationSplits.TEST,
                PerturbationSplits.HELDOUT);
        long[] n = new long[names.size()];
        for (String x : splitCol) {
            n[names.indexOf(x)]++;
        }
        if (summary != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("cells", d.cells().size());
            counts.put("genes", d.genes().size());
            counts.put("treatments", d.treatments().size());
            for (int k = 0; k < names.size(); k++) {
                counts.put(names.get(k), n[k]);
            }
            counts.put("left_out", s.length - kept.size());
            Json.writeFile(summary, counts);
        }
        System.err.printf("prepared %d cells (train %d, val %d, test %d, heldout %d; %d left out) x %d genes, %d treatments into %s%n",
                d.cells().size(), n[0], n[1], n[2], n[3], s.length - kept.size(), d.genes().size(), d.treatments().size(), out);
        return 0;
    }
}
