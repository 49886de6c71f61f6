package io.gexflow.cli;

import io.gexflow.data.LincsPreparer;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.provenance.Provenance;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** LINCS L1000 Level 5 signatures -> train.arrow / test.arrow / classes.tsv for the S-VQ-VAE track. */
@Command(name = "prepare-lincs", mixinStandardHelpOptions = true,
        description = {
            "Select LINCS L1000 signatures as the S-VQ-VAE paper does and write train.arrow and test.arrow (x = the"
                    + " landmark genes' z-scores clipped to [-clip, clip]; obs column label = the perturbagen class),"
                    + " classes.tsv (class, n_train, n_test) and summary.json (what was selected, excluded and clipped).",
            "Signatures: the --sig-info rows of --cell-line, minus --exclude-pert-iname, whose pert_id has a class in"
                    + " --pcl-table; a pert in several classes takes the first one listed in the table. Only those"
                    + " columns of the GCTX are read. Inputs: landmark genes of --gene-info (pr_is_lm = 1), matched"
                    + " to the GCTX rows by pr_gene_id. Split: seeded random permutation, not stratified (the paper:"
                    + " 1,773 -> 1,596 / 177).",
            "The PCL table (pert_id<TAB>pcl, one line per membership, optional header, # comments) is not part of"
                    + " GEO: the perturbagen classes are CLUE's (clue.io, Connectivity Map \"PCLs\"), downloadable from"
                    + " the CLUE API (its pcls endpoint; a free academic API key needed) or the CLUE web app; see the README's"
                    + " section \"S-VQ-VAE data\"."})
public final class PrepareLincsCommand extends Verb {
    @Option(names = "--gctx", required = true,
            description = "Level 5 matrix, GCTX (or GCT text), genes x signatures, e.g. GSE70138_Broad_LINCS_Level5_COMPZ_n118050x12328_2017-03-06.gctx (GEO ships it gzipped: decompress it first).")
    Path gctx;

    @Option(names = "--sig-info", required = true,
            description = "GSE70138 sig_info table (tab-separated, gzipped or plain; columns sig_id, pert_id, pert_iname, cell_id).")
    Path sigInfo;

    @Option(names = "--gene-info", required = true,
            description = "GSE70138 gene_info table (columns pr_gene_id, pr_gene_symbol, pr_is_lm).")
    Path geneInfo;

    @Option(names = "--pcl-table", required = true,
            description = "pert_id<TAB>pcl: perturbagen classes (CLUE PCLs), user-supplied.")
    Path pclTable;

    @Option(names = "--cell-line", required = true, description = "cell_id to keep (the paper: MCF7).")
    String cellLine;

    @Option(names = "--exclude-pert-iname", split = ",", paramLabel = "NAME",
            description = "pert_iname(s) to leave out, repeatable or comma-separated (the paper: MG-132).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--clip", defaultValue = "10", description = "Clip z-scores to [-clip, clip] (default ${DEFAULT-VALUE}, as the paper).")
    double clip;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Test fraction (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Mixin CommonOptions.Seed seed;

    @Option(names = "--chunk-samples", defaultValue = "1000", description = "Signatures read at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin CommonOptions.OutDir outDir;

    /** The output directory appears only complete ({@link StagedDirectory}): a refused split leaves nothing. */
    @Override
    public Integer call() {
        return StagedDirectory.write(outDir.value, this::prepare);
    }

    private Integer prepare(Path staging) {
        Path outDir = staging;
        if (!(clip > 0)) {
            throw new ParameterException(spec.commandLine(), "--clip must be > 0: " + clip);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--test-fraction must be in [0, 1): " + testFraction);
        }
        if (chunk < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-samples must be >= 1: " + chunk);
        }
        LincsPreparer.Options opt = new LincsPreparer.Options(cellLine, java.util.Set.copyOf(exclude), clip,
                testFraction, seed.value, chunk);
        Provenance prov = provenance(seed.value, gctx, sigInfo, geneInfo, pclTable);
        Map<String, Object> s;
        try (GctDataset ds = GctDataset.open(gctx)) {
            s = LincsPreparer.prepare(ds, sigInfo, geneInfo, pclTable, opt, outDir, metadata(prov));
        }
        System.err.printf("prepare-lincs: %s: %s signatures of the cell line, %s excluded by pert_iname, %s without a"
                + " PCL -> %s samples of %s classes: %s train / %s test (random split, seed %d); %s of %s values clipped"
                + " to [-%s, %s]; %s PCL-table perts in several classes (%s selected signatures, rule: %s)%n",
                cellLine, s.get("cell_line_signatures"), s.get("excluded_signatures"), s.get("signatures_without_pcl"),
                s.get("n_samples"), s.get("n_classes"), s.get("n_train"), s.get("n_test"), seed.value, s.get("clipped_values"),
                s.get("values"), clip, clip, s.get("pcl_table_multi_pcl_perts"),
                s.get("selected_signatures_with_multi_pcl_pert"), LincsPreparer.MULTI_PCL_RULE);
        return 0;
    }
}
