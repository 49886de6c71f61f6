/*
 * The KNN-GE baseline: each target gene is the mean of its k nearest landmark genes (Euclidean
 * distance over the training samples), k chosen on the validation split from the grid in ext.args (--ks).
 */
process TRAIN_KNN {
    tag "${meta.track}"
    label 'process_medium'

    input:
    tuple val(meta), path(train), path(valid)

    output:
    tuple val(meta), path("${meta.id}"), emit: model
    path 'versions.yml',                 emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m -XX:ActiveProcessorCount=${task.cpus}"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow train-knn --train ${train} --valid ${valid} ${args} --out-dir ${meta.id}
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir ${meta.id}
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
