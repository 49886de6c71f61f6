/*
 * Perturbation track (spec perturbation.md; SAMS-VAE, Bereket and Karaletsos 2023): single-cell counts under
 * interventions -> SAMS-VAE, CPA-VAE and the conditional VAE (one TRAIN task each) -> IWELBO, ATE agreement
 * beside the additive baseline and, on a simulation, latent and target recovery -> metrics.json -> report.
 * The data: the papers' Norman and Replogle sets when their h5ad or URL is set (-profile full_perturb;
 * subworkflows/perturb_paper_data.nf: five Norman combination fractions, Replogle, Replogle with each held-out
 * pathway), else --perturb_data (a counts.arrow with a split column, e.g. from `gexflow prepare-perturb`, or a
 * directory holding one, with truth.json and latents.arrow for a simulation), else a simulation
 * (--perturb_simulate svae: counts, so the negative binomial likelihood fits them). Every data set (meta.id) goes
 * through the same TRAIN (per model) -> EVALUATE_PERTURB -> REPORT_PERTURB chain.
 */
include { PERTURB_PAPER_DATA      } from '../subworkflows/perturb_paper_data'
include { SIMULATE                } from '../modules/simulate'
include { TRAIN as TRAIN_PERTURB  } from '../modules/train'
include { EVALUATE_PERTURB        } from '../modules/evaluate_perturb'
include { REPORT_PERTURB          } from '../modules/report_perturb'

def csv(value) {
    value.toString().split(',').collect { it.trim() }.findAll { it }
}

workflow PERTURB {
    main:
    versions = Channel.empty()
    heldout = Channel.empty()
    if (params.perturb_norman_h5ad || params.perturb_norman_url || params.perturb_replogle_h5ad || params.perturb_replogle_url) {
        PERTURB_PAPER_DATA()
        data = PERTURB_PAPER_DATA.out.data
        heldout = PERTURB_PAPER_DATA.out.heldout
        versions = versions.mix(PERTURB_PAPER_DATA.out.versions)
    } else if (params.perturb_data) {
        def local = file(params.perturb_data, checkIfExists: true)
        data = Channel.value([[id: local.isDirectory() ? local.name : local.baseName], local])
    } else {
        SIMULATE(Channel.value([id: "${params.perturb_simulate}_sim", kind: params.perturb_simulate]))
        data = SIMULATE.out.data
        versions = versions.mix(SIMULATE.out.versions)
    }
    // the counts file TRAIN reads (its split column gives the train and val cells; no separate valid file)
    counts = data.mix(heldout).map { meta, d -> [meta, d.isDirectory() ? d.resolve('counts.arrow') : d] }

    // one model per name: the SAMS-VAE family's types (samsvae, cpavae, cvae: family samsvae, --type) and the
    // sVAE family's variants (svae+, svae, ivae, vae, beta-vae: `train --family <variant>` picks train-svae --model)
    models = Channel.fromList(csv(params.perturb_models))
        .map { m -> m in ['samsvae', 'cpavae', 'cvae']
            ? [id: m, track: 'perturb', family: 'samsvae', model: m]
            : [id: m.replace('+', '_plus'), track: 'perturb', family: m, model: m] }
    // every model on every data set it takes: the sVAE family models one treatment per cell, so not Norman's
    // combinations; on a held-out-pathway set only the sVAE family (the transfer protocol is theirs). The model keeps
    // its name as meta.id (its directory; evaluate-perturb's key), meta.dataset says where it trained; a paper data
    // set may set the latent size and the epochs (the paper's steps)
    TRAIN_PERTURB(counts.combine(models)
        .filter { dm, c, m -> m.family == 'samsvae' ? !dm.heldout : !dm.combinations }
        .map { dm, c, m -> [m + [dataset: dm.id, source: dm.source, heldout: dm.heldout, latent: dm.latent, epochs: dm.epochs], c, []] })
    versions = versions.mix(TRAIN_PERTURB.out.versions)

    // per data set, its model directories (sorted by name, so -resume re-uses the task) with the data: one EVALUATE task
    trained = TRAIN_PERTURB.out.model.map { meta, dir -> [meta.dataset, dir] }.groupTuple()
        .map { id, dirs -> [id, dirs.sort(false) { a, b -> a.name <=> b.name }] }
    EVALUATE_PERTURB(data.map { meta, d -> [meta.id, meta, d] }.join(trained)
        .map { id, meta, d, dirs -> [meta + [track: 'perturb'], d, dirs] })
    REPORT_PERTURB(EVALUATE_PERTURB.out.metrics)
    versions = versions.mix(EVALUATE_PERTURB.out.versions, REPORT_PERTURB.out.versions)

    // The sVAE transfer protocol on each held-out Replogle pathway (issue 12): each sVAE-family model trained
    // without the pathway, with its counts file and the split its new interventions are fitted and scored on.
    // TRANSFER_SVAE (modules/transfer_svae.nf, `gexflow transfer-svae`) is not on main yet: it takes this channel.
    transfer_heldout = TRAIN_PERTURB.out.model.filter { meta, dir -> meta.heldout }
        .map { meta, dir -> [meta.dataset, meta, dir] }
        .combine(heldout.map { meta, d -> [meta.id, d.resolve('counts.arrow')] }, by: 0)
        .map { id, meta, dir, c -> [meta, dir, c, 'heldout'] }

    emit:
    metrics  = EVALUATE_PERTURB.out.metrics
    report   = REPORT_PERTURB.out.html
    transfer_heldout   // tuple val(meta), path(sVAE model dir), path(counts.arrow), val('heldout')
    versions
}
