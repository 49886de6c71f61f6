/*
 * A linear baseline for all targets at once: penalty 'none' (LR, ordinary least squares), 'l1'
 * (LR-L1, lasso) or 'l2' (LR-L2, ridge). The penalised two choose lambda on the validation split
 * from params.dgex_lambdas_<penalty>; the model directory is lr, lr_l1 or lr_l2, the names the
 * report matches with the paper's baselines.
 */
process TRAIN_LR {
    tag "${track} ${penalty}"
    label 'process_medium'
    publishDir "${params.outdir}/${track}/models", mode: params.publish_dir_mode

    input:
    val track
    path train
    path valid
    val penalty

    output:
    path "${penalty == 'none' ? 'lr' : 'lr_' + penalty}", emit: model

    script:
    def name = penalty == 'none' ? 'lr' : "lr_${penalty}"
    def grid = penalty == 'none' ? '' : "--lambdas ${params["dgex_lambdas_${penalty}"]}"
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m -XX:ActiveProcessorCount=${task.cpus}"
    gexflow train-lr --train ${train} --valid ${valid} --penalty ${penalty} ${grid} --out-dir ${name}
    """

    stub:
    """
    mkdir ${penalty == 'none' ? 'lr' : 'lr_' + penalty}
    """
}
