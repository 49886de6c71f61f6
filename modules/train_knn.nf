/*
 * The KNN-GE baseline: each target gene is the mean of its k nearest landmark genes (Euclidean
 * distance over the training samples), k chosen on the validation split from params.dgex_knn_ks.
 */
process TRAIN_KNN {
    tag "${track}"
    label 'process_medium'
    publishDir "${params.outdir}/${track}/models", mode: params.publish_dir_mode

    input:
    val track
    path train
    path valid

    output:
    path 'knn', emit: model

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m -XX:ActiveProcessorCount=${task.cpus}"
    gexflow train-knn --train ${train} --valid ${valid} --ks ${params.dgex_knn_ks} --out-dir knn
    """

    stub:
    """
    mkdir knn
    """
}
