/*
 * D-GEX track (Chen et al., Bioinformatics 2016): GCTX -> genes -> split -> normalise ->
 * baselines (LR, LR-L1, LR-L2, KNN-GE) + a grid of D-GEX networks -> per-gene MAE -> HTML report.
 */
include { CONVERT    } from '../modules/convert'
include { SPLIT      } from '../modules/split'
include { NORMALIZE  } from '../modules/normalize'
include { TRAIN_LR   } from '../modules/train_lr'
include { TRAIN_KNN  } from '../modules/train_knn'
include { TRAIN_DGEX } from '../modules/train_dgex'
include { EVALUATE   } from '../modules/evaluate'
include { REPORT     } from '../modules/report'

def csv(value) {
    value.toString().split(',').collect { it.trim() }.findAll { it }
}

workflow DGEX {
    main:
    // baseline model names (the report's keys) -> train-lr penalty; model directories are named so
    lrPenalties = [lr: 'none', lr_l1: 'l1', lr_l2: 'l2']
    baselines = csv(params.dgex_baselines)
    unknown = baselines - lrPenalties.keySet() - ['knn']
    if (unknown) {
        error "gexflow: unknown baseline(s) in --dgex_baselines: ${unknown.join(', ')} (known: lr, lr_l1, lr_l2, knn)"
    }
    gctx      = file(params.dgex_gctx, checkIfExists: true)
    landmarks = file(params.dgex_landmarks, checkIfExists: true)
    targets   = file(params.dgex_targets, checkIfExists: true)

    CONVERT(gctx, landmarks, targets)
    SPLIT(CONVERT.out.matrix)
    NORMALIZE(CONVERT.out.matrix, SPLIT.out.split)

    train = NORMALIZE.out.train
    valid = NORMALIZE.out.valid
    TRAIN_LR(train, valid, Channel.fromList(baselines.unique().findAll { lrPenalties.containsKey(it) }.collect { lrPenalties[it] }))
    if ('knn' in baselines) {
        TRAIN_KNN(train, valid)
        knn = TRAIN_KNN.out.model
    } else {
        knn = Channel.empty()
    }

    // the architecture grid: hidden layers x hidden units x dropout, one GPU-labelled task each
    grid = Channel.fromList(csv(params.dgex_hidden_layers))
        .combine(Channel.fromList(csv(params.dgex_hidden_units)))
        .combine(Channel.fromList(csv(params.dgex_dropout)))
    TRAIN_DGEX(train, valid, grid)

    // sorted by name: the same models give the same EVALUATE task hash, so -resume re-uses it
    models = TRAIN_LR.out.model.mix(knn, TRAIN_DGEX.out.model).toSortedList { a, b -> a.name <=> b.name }
    EVALUATE(NORMALIZE.out.test, models)
    REPORT(EVALUATE.out.results)

    emit:
    metrics = EVALUATE.out.metrics
    report  = REPORT.out.html
}
