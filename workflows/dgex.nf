/*
 * D-GEX track (Chen et al., Bioinformatics 2016): GCTX -> genes -> split -> normalise ->
 * baselines (LR, LR-L1, LR-L2, KNN-GE) + a grid of D-GEX networks -> per-gene MAE -> HTML report.
 * With GTEx and 1000 Genomes inputs, also the paper's cross-platform track: train on GEO-tr,
 * select the epoch on 1000G, test on GTEx (RNA-Seq mapped onto the GEO quantiles).
 */
include { DOWNLOAD; downloadInput        } from '../modules/download'
include { CONVERT                         } from '../modules/convert'
include { DEDUP                           } from '../modules/dedup'
include { SPLIT                           } from '../modules/split'
include { NORMALIZE                       } from '../modules/normalize'
include { NORMALIZE_RNASEQ                } from '../modules/normalize_rnaseq'
include { BASELINES                       } from '../subworkflows/baselines'
include { BASELINES as BASELINES_GTEX     } from '../subworkflows/baselines'
include { TRAIN_DGEX                      } from '../modules/train_dgex'
include { TRAIN_DGEX as TRAIN_DGEX_GTEX   } from '../modules/train_dgex'
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

def grid(layers, units, dropout) {
    Channel.fromList(csv(layers)).combine(Channel.fromList(csv(units))).combine(Channel.fromList(csv(dropout)))
}

// the D-GEX model of a grid with the lowest validation MAE (model selection never sees the test set)
def bestByValidation(models) {
    models.toList().map { dirs ->
        dirs.min { d -> new groovy.json.JsonSlurper().parse(d.resolve('model.json').toFile()).summary.best_valid_mae as double }
    }
}

// sorted by name: the same models give the same EVALUATE task hash, so -resume re-uses it
def byName(ch) {
    ch.toSortedList { a, b -> a.name <=> b.name }
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
    wanted = gtex_track ? sources : sources.subMap(['gctx', 'landmarks', 'targets'])
    local = wanted.findAll { k, v -> v[0] }.collect { k, v -> [k, file(v[0], checkIfExists: true)] }
    remote = wanted.findAll { k, v -> !v[0] }.collect { k, v -> [k, downloadInput(null, v[1], v[2])] }
    keyOf = remote.collectEntries { k, d -> [(d[0]): k] }
    DOWNLOAD(Channel.fromList(remote.collect { k, d -> d }))
    files = Channel.fromList(local).mix(DOWNLOAD.out.file.map { f -> [keyOf[f.name], f] })
    landmarks = files.filter { it[0] == 'landmarks' }.map { it[1] }.first()
    targets   = files.filter { it[0] == 'targets' }.map { it[1] }.first()
    convertArgs = [gctx: '', gtex: '--match-by ensembl', geuvadis: '--match-by ensembl --format rpkm_table']
    inputs = files.filter { it[0] in convertArgs.keySet() }
        .map { k, f -> [k == 'gctx' ? 'geo' : k, f, convertArgs[k]] }
    CONVERT(inputs, landmarks, targets)
    matrices = CONVERT.out.matrix.branch { name, f ->
        geo: name == 'geo'
        rnaseq: true
    }
    geo = matrices.geo.map { name, f -> f }
    if (params.dgex_dedup) {
        // the paper's de-duplication of GEO (k-means, then near-identical profiles within a cluster)
        DEDUP(geo)
        geo = DEDUP.out.matrix
    }
    SPLIT(geo)
    NORMALIZE(geo, SPLIT.out.split)

    // single files used by many tasks (a grid, several data sets): value channels, read by every task
    train = NORMALIZE.out.train.first()
    valid = NORMALIZE.out.valid.first()
    stats = NORMALIZE.out.stats.first()
    BASELINES('dgex', train, valid)

    // the architecture grid: hidden layers x hidden units x dropout, one GPU-labelled task each
    TRAIN_DGEX('dgex', train, valid, grid(params.dgex_hidden_layers, params.dgex_hidden_units, params.dgex_dropout))
    EVALUATE('dgex', params.dgex_test_set, NORMALIZE.out.test, byName(BASELINES.out.models.mix(TRAIN_DGEX.out.model)))
    INTERPRET_DGEX('dgex', train, NORMALIZE.out.test, bestByValidation(TRAIN_DGEX.out.model))
    results = EVALUATE.out.results.mix(INTERPRET_DGEX.out.interpretation)

    if (params.dgex_infer_gctx) {
        // the inference product: the best-validation network predicts the targets of landmark-only profiles
        profiles = file(params.dgex_infer_gctx, checkIfExists: true)
        INFER(Channel.of([profiles.baseName, profiles]), bestByValidation(TRAIN_DGEX.out.model), stats, landmarks,
            params.dgex_infer_scale)
        results = results.mix(INFER.out.summary)
    }
    REPORT('dgex', results.collect())

    if (gtex_track) {
        NORMALIZE_RNASEQ(matrices.rnaseq, stats)
        rnaseq = NORMALIZE_RNASEQ.out.matrix.branch { name, f ->
            gtex: name == 'gtex'
            geuvadis: true
        }
        geuvadis = rnaseq.geuvadis.map { n, f -> f }.first()
        BASELINES_GTEX('dgex_gtex', train, geuvadis)
        TRAIN_DGEX_GTEX('dgex_gtex', train, geuvadis,
            grid(params.dgex_hidden_layers, params.dgex_hidden_units, params.dgex_gtex_dropout))
        gtex = rnaseq.gtex.map { n, f -> f }.first()
        EVALUATE_GTEX('dgex_gtex', 'GTEx-te', gtex, byName(BASELINES_GTEX.out.models.mix(TRAIN_DGEX_GTEX.out.model)))
        INTERPRET_DGEX_GTEX('dgex_gtex', train, gtex, bestByValidation(TRAIN_DGEX_GTEX.out.model))
        REPORT_GTEX('dgex_gtex', EVALUATE_GTEX.out.results.mix(INTERPRET_DGEX_GTEX.out.interpretation).collect())
    }

    emit:
    metrics = EVALUATE.out.metrics
    report  = REPORT.out.html
}
