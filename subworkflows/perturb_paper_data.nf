/*
 * PERTURB_PAPER_DATA: the perturbation papers' real data sets (spec perturbation.md "Data"; -profile full_perturb),
 * each h5ad a local file (--perturb_norman_h5ad, --perturb_replogle_h5ad) or fetched once into the data cache
 * (--perturb_*_url), then prepared by PREPARE_PERTURB (options: conf/modules.config, from meta.source):
 *   norman_frac<F>          Norman 2019 CRISPRa: layers/counts, var's highly_variable genes, guides from
 *                           obs/guide_identity; the 132 combinations shuffled with --seed, the first F of them in
 *                           train/val (one data set per F of --perturb_norman_fractions), the last 25% in test
 *   replogle                Replogle 2022 K562 genome-wide: cells of the 681 targets of the perturbation clusters
 *                           (--perturb_replogle_targets) and 2,000 non-targeting cells, the 1,186 expression-cluster
 *                           genes (--perturb_replogle_genes; 1,187 columns), random 64/16/20 split (seeded)
 *   replogle_heldout_<P>    the same cells, with those of pathway P (each of --perturb_heldout_pathways) in split
 *                           'heldout': the sVAE transfer protocol trains on the rest and transfers to them
 * The papers give training lengths in optimizer steps (--perturb_norman_steps, --perturb_replogle_steps); meta.epochs
 * is that many steps in epochs of the data set's training cells (summary.json) at --perturb_batch_size.
 *
 * emit: data      tuple val(meta), path(directory with counts.arrow): trained on and evaluated (meta.combinations:
 *                 cells with several treatments, which only the SAMS-VAE family models)
 *       heldout   tuple val(meta), path(directory): the held-out-pathway data sets (meta.heldout: the pathway)
 *       versions
 */
include { INPUTS          } from './inputs'
include { PREPARE_PERTURB } from '../modules/prepare_perturb'

def csvList(value) {
    value == null ? [] : value.toString().split(',').collect { it.trim() }.findAll { it }
}

// the paper's optimizer steps as epochs over this data set's training cells; null (the --perturb_epochs default)
// without steps, or when the summary counts no training cell (a -stub run)
def epochsFor(meta, dir) {
    if (!meta.steps) {
        return null
    }
    def train = new groovy.json.JsonSlurper().parse(dir.resolve('summary.json').toFile()).train as long
    if (train <= 0) {
        return null
    }
    def batchesPerEpoch = Math.ceil(train / (params.perturb_batch_size as double)) as long
    Math.ceil((meta.steps as double) / batchesPerEpoch) as long
}

workflow PERTURB_PAPER_DATA {
    main:
    sources = [:]
    if (params.perturb_norman_h5ad || params.perturb_norman_url) {
        sources.norman = [params.perturb_norman_h5ad, params.perturb_norman_url, params.perturb_norman_checksum, 'norman2019.h5ad']
    }
    if (params.perturb_replogle_h5ad || params.perturb_replogle_url) {
        sources.replogle = [params.perturb_replogle_h5ad, params.perturb_replogle_url, params.perturb_replogle_checksum,
                            'K562_gwps_raw_singlecell_01.h5ad']
    }
    INPUTS(sources)
    h5ad = INPUTS.out.files

    fractions = csvList(params.perturb_norman_fractions)
    if (sources.norman && !fractions) {
        error "gexflow: --perturb_norman_fractions lists no fraction of combinations in training (e.g. 0,0.25,0.5,0.75,1)"
    }
    norman = h5ad.filter { key, f -> key == 'norman' }.flatMap { key, f ->
        fractions.collect { fr ->
            [[id: "norman_frac${fr}", source: 'norman', fraction: fr, combinations: true, steps: params.perturb_norman_steps,
              latent: params.perturb_latent], f, [], []]
        }
    }
    targets = file(params.perturb_replogle_targets ?: "${projectDir}/assets/perturb/replogle2022_perturbation_clusters.tsv", checkIfExists: true)
    genes = file(params.perturb_replogle_genes ?: "${projectDir}/assets/perturb/replogle2022_expression_genes.txt", checkIfExists: true)
    pathways = csvList(params.perturb_heldout_pathways)
    replogle = h5ad.filter { key, f -> key == 'replogle' }.flatMap { key, f ->
        ([null] + pathways).collect { p ->
            [[id: p ? "replogle_heldout_${p}" : 'replogle', source: 'replogle', heldout: p, combinations: false,
              steps: params.perturb_replogle_steps, latent: params.perturb_replogle_latent ?: params.perturb_latent], f, targets, genes]
        }
    }
    PREPARE_PERTURB(norman.mix(replogle))
    prepared = PREPARE_PERTURB.out.data
        .map { meta, dir -> [meta + [epochs: epochsFor(meta, dir)], dir] }
        .branch { meta, dir ->
            heldout: meta.heldout
            data: true
        }

    emit:
    data     = prepared.data
    heldout  = prepared.heldout
    versions = PREPARE_PERTURB.out.versions
}
