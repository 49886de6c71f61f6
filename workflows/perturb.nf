/*
 * Perturbation track (spec perturbation.md; SAMS-VAE, Bereket and Karaletsos 2023): single-cell counts under
 * interventions -> SAMS-VAE, CPA-VAE, the conditional VAE and the sVAE family (one TRAIN task each; the sVAE
 * models also one TRANSFER_SVAE to the held-out interventions) -> IWELBO, ATE agreement beside the additive
 * baseline and, on a simulation, latent and target recovery -> metrics.json -> report.
 * The data: --perturb_data (a counts.arrow with a split column, e.g. from `gexflow prepare-perturb`, or a
 * directory holding one, with truth.json and latents.arrow for a simulation), else a simulation
 * (--perturb_simulate svae: counts, so the negative binomial likelihood fits them).
 */
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
    if (params.perturb_data) {
        def local = file(params.perturb_data, checkIfExists: true)
        data = Channel.value([[id: local.isDirectory() ? local.name : local.baseName], local])
    } else {
        SIMULATE(Channel.value([id: "${params.perturb_simulate}_sim", kind: params.perturb_simulate]))
        data = SIMULATE.out.data
        versions = versions.mix(SIMULATE.out.versions)
    }
    // the counts file TRAIN reads (its split column gives the train and val cells; no separate valid file)
    counts = data.map { meta, d -> d.isDirectory() ? d.resolve('counts.arrow') : d }

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
    TRAIN_PERTURB(models.combine(counts).map { meta, c -> [meta, c, []] })
    versions = versions.mix(TRAIN_PERTURB.out.versions)

    // the sVAE family's transfer to the held-out interventions (issue 12), one task per trained model
    TRANSFER_SVAE(TRAIN_PERTURB.out.model.filter { meta, dir -> meta.family != 'samsvae' }
        .combine(counts).map { meta, dir, c -> [meta, dir, c] })
    versions = versions.mix(TRANSFER_SVAE.out.versions)

    // every model directory and transfer result (each sorted by name) with the data, one EVALUATE task
    trained = TRAIN_PERTURB.out.model.map { meta, dir -> dir }.toSortedList { a, b -> a.name <=> b.name }.map { dirs -> [dirs] }
    transfers = TRANSFER_SVAE.out.transfer.map { meta, dir -> dir }.toSortedList { a, b -> a.name <=> b.name }.map { dirs -> [dirs] }
    // the train verbs' wall-clock seconds (not reproducible: beside the model directories, into timing.json)
    timings = TRAIN_PERTURB.out.timing.map { meta, f -> f }.toSortedList { a, b -> a.name <=> b.name }.map { fs -> [fs] }
    EVALUATE_PERTURB(data.combine(trained).combine(transfers).combine(timings)
        .map { meta, d, dirs, tr, ti -> [meta + [track: 'perturb'], d, dirs, tr, ti] })
    REPORT_PERTURB(EVALUATE_PERTURB.out.metrics.join(EVALUATE_PERTURB.out.figures)
        .join(EVALUATE_PERTURB.out.timing, remainder: true).map { meta, m, f, t -> [meta, m, f, t ?: []] })
    versions = versions.mix(EVALUATE_PERTURB.out.versions, REPORT_PERTURB.out.versions)

    emit:
    metrics  = EVALUATE_PERTURB.out.metrics
    report   = REPORT_PERTURB.out.html
    versions
}
