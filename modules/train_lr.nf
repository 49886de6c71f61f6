process TRAIN_LR {
    label 'process_medium'
    publishDir "${params.outdir}/dgex/models", mode: params.publish_dir_mode

    input:
    path train

    output:
    path 'lr', emit: model

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow train-lr --train ${train} --out-dir lr
    """

    stub:
    """
    mkdir lr
    """
}
