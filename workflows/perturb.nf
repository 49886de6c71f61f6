/*
 * Perturbation track (spec perturbation.md; SAMS-VAE, Bereket and Karaletsos 2023): single-cell counts under
 * interventions -> SAMS-VAE, CPA-VAE, the conditional VAE and the sVAE family (one TRAIN task each, per seed of
 * --perturb_seeds; the sVAE models also one TRANSFER_SVAE to the held-out interventions) -> IWELBO, ATE agreement
 * beside the additive baseline and, on a simulation, latent and target recovery -> metrics.json -> report.
 * The data: the papers' Norman and Replogle sets when their h5ad or URL is set (-profile full_perturb;
 * subworkflows/perturb_paper_data.nf: five Norman combination fractions, Replogle, Replogle with each held-out
 * pathway) and --perturb_data (a counts.arrow with a split column, e.g. from `gexflow prepare-perturb`, or a
 * directory holding one, with truth.json and latents.arrow for a simulation), both when both are given
 * (-profile test); a simulation (--perturb_simulate svae: counts, so the negative binomial likelihood fits them)
 * when neither is. Every data set (meta.id) goes
 * through the same TRAIN (per model) -> EVALUATE_PERTURB -> REPORT_PERTURB chain.
 */
include { PERTURB_PAPER_DATA      } from '../subworkflows/perturb_paper_data'
include { SIMULATE                } from '../modules/simulate'
include { TRAIN as TRAIN_PERTURB  } from '../modules/train'
include { TRANSFER_SVAE           } from '../modules/transfer_svae'
include { EVALUATE_PERTURB        } from '../modules/evaluate_perturb'
include { REPORT_PERTURB          } from '../modules/report_perturb'

def csv(value) {
    value.toString().split(',').collect { it.trim() }.findAll { it }
}

workflow PERTURB {
    main:
    versions = Channel.empty()
    heldout = Channel.empty()
    data = Channel.empty()
    def paper = params.perturb_norman_h5ad || params.perturb_norman_url || params.perturb_replogle_h5ad || params.perturb_replogle_url
    if (paper) {
        PERTURB_PAPER_DATA()
        data = data.mix(PERTURB_PAPER_DATA.out.data)
        heldout = PERTURB_PAPER_DATA.out.heldout
        versions = versions.mix(PERTURB_PAPER_DATA.out.versions)
    }
    // --perturb_data beside the paper sets (-profile test runs the bundled simulation and the Norman-layout fixture)
    if (params.perturb_data) {
        def local = file(params.perturb_data, checkIfExists: true)
        data = data.mix(Channel.of([[id: local.isDirectory() ? local.name : local.baseName], local]))
    }
    if (!paper && !params.perturb_data) {
        SIMULATE(Channel.value([id: "${params.perturb_simulate}_sim", kind: params.perturb_simulate]))
        data = SIMULATE.out.data
        versions = versions.mix(SIMULATE.out.versions)
    }
    // the counts file TRAIN reads (its split column gives the train and val cells; no separate valid file)
    counts = data.mix(heldout).map { meta, d -> [meta, d.isDirectory() ? d.resolve('counts.arrow') : d] }

    // one model per name: the SAMS-VAE family's types (samsvae, cpavae, cvae: family samsvae, --type; samsvae with
    // --perturb_guide, samsvae_correlated with the correlated guide, so both guides can run side by side) and the
    // sVAE family's variants (svae+, svae, ivae, vae, beta-vae: `train --family <variant>` picks train-svae --model)
    // each trained once per seed of --perturb_seeds: run <name>_seed<N> (evaluate-perturb groups the runs of a name)
    seeds = Channel.fromList(csv(params.perturb_seeds).collect { it as long })
    models = Channel.fromList(csv(params.perturb_models))
        .map { m -> m == 'samsvae_correlated'
            ? [name: m, track: 'perturb', family: 'samsvae', model: 'samsvae', guide: 'correlated']
            : m in ['samsvae', 'cpavae', 'cvae']
            ? [name: m, track: 'perturb', family: 'samsvae', model: m]
            : [name: m.replace('+', '_plus'), track: 'perturb', family: m, model: m] }
        .combine(seeds).map { meta, s -> meta + [id: "${meta.name}_seed${s}", seed: s] }
    // every model on every data set it takes: the sVAE family models one treatment per cell, so not Norman's
    // combinations; on a held-out-pathway set only the sVAE family (the transfer protocol is theirs). The run keeps
    // its name as meta.id (its directory; evaluate-perturb's key), meta.dataset says where it trained; a paper data
    // set may set the latent size and the epochs (the paper's steps)
    TRAIN_PERTURB(counts.combine(models)
        .filter { dm, c, m -> m.family == 'samsvae' ? !dm.heldout : !dm.combinations }
        .map { dm, c, m -> [m + [dataset: dm.id, source: dm.source, heldout: dm.heldout, latent: dm.latent, epochs: dm.epochs], c, []] })
    versions = versions.mix(TRAIN_PERTURB.out.versions)

    // the sVAE family's transfer to held-out interventions (issue 12), one task per trained model: on a held-out
    // Replogle pathway set its split 'heldout'; on a simulation or --perturb_data the test split's interventions
    // that have no training cell. A paper set's random split holds no intervention out, so it has none.
    by_dataset = counts.map { meta, c -> [meta.id, c] }
    TRANSFER_SVAE(TRAIN_PERTURB.out.model.filter { meta, dir -> meta.family != 'samsvae' && (meta.heldout || !meta.source) }
        .map { meta, dir -> [meta.dataset, meta, dir] }.combine(by_dataset, by: 0)
        .map { id, meta, dir, c -> [meta + [transfer_split: meta.heldout ? 'heldout' : 'test'], dir, c] })
    versions = versions.mix(TRANSFER_SVAE.out.versions)

    // per data set (the held-out pathway sets too): its model directories, transfer results and the train verbs'
    // wall-clock seconds (not reproducible: beside the model directories, into timing.json), each sorted by name so
    // that -resume re-uses the task, with the data: one EVALUATE task, one report
    def sorted = { ch -> ch.groupTuple().map { id, fs -> [id, fs.sort(false) { a, b -> a.name <=> b.name }] } }
    trained = sorted(TRAIN_PERTURB.out.model.map { meta, dir -> [meta.dataset, dir] })
    transfers = sorted(TRANSFER_SVAE.out.transfer.map { meta, dir -> [meta.dataset, dir] })
    timings = sorted(TRAIN_PERTURB.out.timing.map { meta, f -> [meta.dataset, f] })
    // (no timing files from -stub; no transfer where no sVAE-family model trained)
    EVALUATE_PERTURB(data.mix(heldout).map { meta, d -> [meta.id, meta, d] }.join(trained)
        .join(timings, remainder: true).join(transfers, remainder: true)
        .map { id, meta, d, dirs, ti, tr -> [meta + [track: 'perturb'], d, dirs, tr ?: [], ti ?: []] })
    REPORT_PERTURB(EVALUATE_PERTURB.out.metrics.join(EVALUATE_PERTURB.out.figures)
        .join(EVALUATE_PERTURB.out.timing, remainder: true).map { meta, m, f, t -> [meta, m, f, t ?: []] })
    versions = versions.mix(EVALUATE_PERTURB.out.versions, REPORT_PERTURB.out.versions)

    emit:
    metrics  = EVALUATE_PERTURB.out.metrics
    report   = REPORT_PERTURB.out.html
    versions
}
