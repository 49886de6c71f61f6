/*
 * The D-GEX paper's baselines for one track: LR (OLS), LR-L1 (lasso), LR-L2 (ridge) and KNN-GE,
 * trained on GEO-tr with their hyperparameter chosen on the track's validation set (GEO-va, or
 * 1000 Genomes for the GTEx track). Model directories are named lr, lr_l1, lr_l2, knn: the keys the
 * report matches with the paper's rows.
 */
include { TRAIN_LR  } from '../modules/train_lr'
include { TRAIN_KNN } from '../modules/train_knn'

workflow BASELINES {
    take:
    track   // val: publishes under outdir/<track>/models
    train   // value channel: training split
    valid   // value channel: validation split

    main:
    lrPenalties = [lr: 'none', lr_l1: 'l1', lr_l2: 'l2']
    baselines = params.dgex_baselines.toString().split(',').collect { it.trim() }.findAll { it }
    unknown = baselines - lrPenalties.keySet() - ['knn']
    if (unknown) {
        error "gexflow: unknown baseline(s) in --dgex_baselines: ${unknown.join(', ')} (known: lr, lr_l1, lr_l2, knn)"
    }
    TRAIN_LR(track, train, valid, Channel.fromList(baselines.unique().findAll { lrPenalties.containsKey(it) }.collect { lrPenalties[it] }))
    models = TRAIN_LR.out.model
    if ('knn' in baselines) {
        TRAIN_KNN(track, train, valid)
        models = models.mix(TRAIN_KNN.out.model)
    }

    emit:
    models
}
