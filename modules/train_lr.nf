/*
 * A linear baseline for all targets at once: meta.penalty 'none' (LR, ordinary least squares), 'l1'
 * (LR-L1, lasso) or 'l2' (LR-L2, ridge). The penalised two choose lambda on the validation split from
 * the grid in ext.args (--lambdas); the model directory is meta.id: lr, lr_l1 or lr_l2, the names the
 * report matches with the paper's baselines.
 */
process TRAIN_LR {
    tag "${meta.track} ${meta.penalty}"
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
    gexflow train-lr --train ${train} --valid ${valid} --penalty ${meta.penalty} ${args} --out-dir ${meta.id}
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir ${meta.id}
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
