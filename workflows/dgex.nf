/*
 * D-GEX track (Chen et al., Bioinformatics 2016): GCTX -> genes -> split -> normalise ->
 * baselines (LR, LR-L1, LR-L2, KNN-GE) + a grid of D-GEX networks -> per-gene MAE -> HTML report.
 * With GTEx and 1000 Genomes inputs, also the paper's cross-platform track: train on GEO-tr,
 * select the epoch on 1000G, test on GTEx (RNA-Seq mapped onto the GEO quantiles).
 */
include { INPUTS                          } from '../subworkflows/inputs'
include { CONVERT                         } from '../modules/convert'
include { DEDUP                           } from '../modules/dedup'
include { SPLIT                           } from '../modules/split'
include { NORMALIZE                       } from '../modules/normalize'
include { NORMALIZE_RNASEQ                } from '../modules/normalize_rnaseq'
include { BASELINES                       } from '../subworkflows/baselines'
include { BASELINES as BASELINES_GTEX     } from '../subworkflows/baselines'
include { TRAIN as TRAIN_DGEX             } from '../modules/train'
include { TRAIN as TRAIN_DGEX_GTEX        } from '../modules/train'
include { EVALUATE                        } from '../modules/evaluate'
include { EVALUATE as EVALUATE_GTEX       } from '../modules/evaluate'
include { INTERPRET_DGEX                  } from '../modules/interpret_dgex'
include { INFER                           } from '../modules/infer'
include { INTERPRET_DGEX as INTERPRET_DGEX_GTEX } from '../modules/interpret_dgex'
include { REPORT                          } from '../modules/report'
include { REPORT as REPORT_GTEX           } from '../modules/report'

def csv(value) {
    value.toString().split(',').collect { it.trim() }.findAll { it }
}

// the architecture grid of a track: hidden layers x hidden units x dropout, one model (meta) each
def grid(track, layers, units, dropout) {
    Channel.fromList(csv(layers)).combine(Channel.fromList(csv(units))).combine(Channel.fromList(csv(dropout)))
        .map { l, u, d -> [id: "dgex_${l}x${u}_d${d}", track: track, family: 'dgex', layers: l, units: u, dropout: d] }
}

// the D-GEX model of a grid with the lowest validation MAE (model selection never sees the test set)
def bestByValidation(models) {
    models.map { meta, dir -> dir }.toList().map { dirs ->
        dirs.min { d -> new groovy.json.JsonSlurper().parse(d.resolve('model.json').toFile()).summary.best_valid_mae as double }
    }
}

// sorted by name: the same models give the same EVALUATE task hash, so -resume re-uses it
def byName(ch) {
    ch.map { meta, dir -> dir }.toSortedList { a, b -> a.name <=> b.name }
}

workflow DGEX {
    main:
    // every input is a local file when its path param is set, else fetched from its *_url (full_dgex)
    sources = [
        gctx:      [params.dgex_gctx,      params.dgex_gctx_url,      params.dgex_gctx_checksum],
        landmarks: [params.dgex_landmarks, params.dgex_landmarks_url, params.dgex_landmarks_checksum],
        targets:   [params.dgex_targets,   params.dgex_targets_url,   params.dgex_targets_checksum],
        gtex:      [params.gtex_gctx,      params.dgex_gtex_url,      params.dgex_gtex_checksum],
        geuvadis:  [params.geuvadis_rpkm,  params.dgex_1000g_url,     params.dgex_1000g_checksum],
    ]
    missing = ['gctx', 'landmarks', 'targets'].findAll { !sources[it][0] && !sources[it][1] }
    if (missing) {
        error "gexflow: D-GEX needs ${missing.collect { "--dgex_${it}" }.join(', ')} (a path, or a URL in -profile full_dgex)"
    }
    gtex_track = ['gtex', 'geuvadis'].every { sources[it][0] || sources[it][1] }
    INPUTS(gtex_track ? sources : sources.subMap(['gctx', 'landmarks', 'targets']))
    files = INPUTS.out.files
    versions = Channel.empty()
    landmarks = files.filter { it[0] == 'landmarks' }.map { it[1] }.first()
    targets   = files.filter { it[0] == 'targets' }.map { it[1] }.first()
    // meta.id: geo (the GEO matrix) or the RNA-Seq set; conf/modules.config gives each its matching options
    inputs = files.filter { it[0] in ['gctx', 'gtex', 'geuvadis'] }
        .map { k, f -> [[id: k == 'gctx' ? 'geo' : k], f] }
    CONVERT(inputs, landmarks, targets)
    versions = versions.mix(CONVERT.out.versions)
    matrices = CONVERT.out.matrix.branch { meta, f ->
        geo: meta.id == 'geo'
        rnaseq: true
    }
    geo = matrices.geo
    if (params.dgex_dedup) {
        // the paper's de-duplication of GEO (k-means, then near-identical profiles within a cluster)
        DEDUP(geo)
        geo = DEDUP.out.matrix
        versions = versions.mix(DEDUP.out.versions)
    }
    SPLIT(geo)
    NORMALIZE(geo.join(SPLIT.out.split))
    versions = versions.mix(SPLIT.out.versions, NORMALIZE.out.versions)

    // single files used by many tasks (a grid, several data sets): value channels, read by every task
    train = NORMALIZE.out.train.map { meta, f -> f }.first()
    valid = NORMALIZE.out.valid.map { meta, f -> f }.first()
    test  = NORMALIZE.out.test.map { meta, f -> f }.first()
    stats = NORMALIZE.out.stats.map { meta, f -> f }.first()
    BASELINES('dgex', train, valid)

    // the architecture grid: hidden layers x hidden units x dropout, one GPU-labelled task each
    TRAIN_DGEX(grid('dgex', params.dgex_hidden_layers, params.dgex_hidden_units, params.dgex_dropout)
        .combine(train).combine(valid))
    EVALUATE(byName(BASELINES.out.models.mix(TRAIN_DGEX.out.model))
        .map { models -> [[id: 'dgex', track: 'dgex', test_set: params.dgex_test_set], models] }
        .combine(test).map { meta, models, t -> [meta, t, models] })
    INTERPRET_DGEX(bestByValidation(TRAIN_DGEX.out.model).map { model -> [[id: 'dgex', track: 'dgex'], model] }
        .combine(train).combine(test).map { meta, model, tr, te -> [meta, tr, te, model] })
    results = EVALUATE.out.results.mix(INTERPRET_DGEX.out.interpretation)
    versions = versions.mix(BASELINES.out.versions, TRAIN_DGEX.out.versions, EVALUATE.out.versions, INTERPRET_DGEX.out.versions)

    if (params.dgex_infer_gctx) {
        // the inference product: the best-validation network predicts the targets of landmark-only profiles
        profiles = file(params.dgex_infer_gctx, checkIfExists: true)
        INFER(Channel.of([[id: profiles.baseName], profiles]), bestByValidation(TRAIN_DGEX.out.model), stats, landmarks)
        results = results.mix(INFER.out.summary)
        versions = versions.mix(INFER.out.versions)
    }
    REPORT(results.collect().map { files -> [[id: 'dgex'], files] })
    versions = versions.mix(REPORT.out.versions)

    if (gtex_track) {
        NORMALIZE_RNASEQ(matrices.rnaseq, stats)
        rnaseq = NORMALIZE_RNASEQ.out.matrix.branch { meta, f ->
            gtex: meta.id == 'gtex'
            geuvadis: true
        }
        geuvadis = rnaseq.geuvadis.map { meta, f -> f }.first()
        BASELINES_GTEX('dgex_gtex', train, geuvadis)
        TRAIN_DGEX_GTEX(grid('dgex_gtex', params.dgex_hidden_layers, params.dgex_hidden_units, params.dgex_gtex_dropout)
            .combine(train).combine(geuvadis))
        gtex = rnaseq.gtex.map { meta, f -> f }.first()
        EVALUATE_GTEX(byName(BASELINES_GTEX.out.models.mix(TRAIN_DGEX_GTEX.out.model))
            .map { models -> [[id: 'dgex_gtex', track: 'dgex_gtex', test_set: 'GTEx-te'], models] }
            .combine(gtex).map { meta, models, t -> [meta, t, models] })
        INTERPRET_DGEX_GTEX(bestByValidation(TRAIN_DGEX_GTEX.out.model).combine(train).combine(gtex)
            .map { model, tr, te -> [[id: 'dgex_gtex', track: 'dgex_gtex'], tr, te, model] })
        REPORT_GTEX(EVALUATE_GTEX.out.results.mix(INTERPRET_DGEX_GTEX.out.interpretation).collect()
            .map { files -> [[id: 'dgex_gtex'], files] })
        versions = versions.mix(NORMALIZE_RNASEQ.out.versions, BASELINES_GTEX.out.versions, TRAIN_DGEX_GTEX.out.versions,
            EVALUATE_GTEX.out.versions, INTERPRET_DGEX_GTEX.out.versions, REPORT_GTEX.out.versions)
    }

    emit:
    metrics  = EVALUATE.out.metrics
    report   = REPORT.out.html
    versions
}
