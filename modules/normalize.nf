/*
 * The split matrix -> standardised train / valid / test Arrow files and the statistics
 * (normalization.json) that INFER and NORMALIZE_RNASEQ re-use. ext.args: --quantile or --no-quantile.
 */
process NORMALIZE {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(matrix), path(split)

    output:
    tuple val(meta), path('train.arrow'), emit: train
    tuple val(meta), path('valid.arrow'), emit: valid
    tuple val(meta), path('test.arrow'),  emit: test
    tuple val(meta), path('normalization.json'), emit: stats
    path 'versions.yml',                  emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow normalize --input ${matrix} --split ${split} ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch train.arrow valid.arrow test.arrow normalization.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
