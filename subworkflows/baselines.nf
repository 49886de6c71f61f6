/*
 * The D-GEX paper's baselines for one track: LR (OLS), LR-L1 (lasso), LR-L2 (ridge) and KNN-GE,
 * trained on GEO-tr with their hyperparameter chosen on the track's validation set (GEO-va, or
 * 1000 Genomes for the GTEx track). Model directories (meta.id) are named lr, lr_l1, lr_l2, knn: the
 * keys the report matches with the paper's rows.
 */
include { TRAIN_LR  } from '../modules/train_lr'
include { TRAIN_KNN } from '../modules/train_knn'

workflow BASELINES {
    take:
    track   // val: meta.track, which publishes under outdir/<track>/models
    train   // value channel: training split
    valid   // value channel: validation split

    main:
    lrPenalties = [lr: 'none', lr_l1: 'l1', lr_l2: 'l2']
    baselines = params.dgex_baselines.toString().split(',').collect { it.trim() }.findAll { it }
    unknown = baselines - lrPenalties.keySet() - ['knn']
    if (unknown) {
        error "gexflow: unknown baseline(s) in --dgex_baselines: ${unknown.join(', ')} (known: lr, lr_l1, lr_l2, knn)"
    }
    linear = baselines.unique().findAll { lrPenalties.containsKey(it) }
        .collect { [id: it, track: track, family: 'lr', penalty: lrPenalties[it]] }
    TRAIN_LR(Channel.fromList(linear).combine(train).combine(valid))
    models = TRAIN_LR.out.model
    versions = TRAIN_LR.out.versions
    if ('knn' in baselines) {
        TRAIN_KNN(Channel.of([id: 'knn', track: track, family: 'knn']).combine(train).combine(valid))
        models = models.mix(TRAIN_KNN.out.model)
        versions = versions.mix(TRAIN_KNN.out.versions)
    }

    emit:
    models      // tuple val(meta), path(model directory)
    versions
}
