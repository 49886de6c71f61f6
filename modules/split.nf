/*
 * Samples -> train / valid / test (split.tsv). ext.args: the fractions and the seed (conf/modules.config).
 */
process SPLIT {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(matrix)

    output:
    tuple val(meta), path('split.tsv'), emit: split
    path 'versions.yml',               emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow split --input ${matrix} ${args} --out split.tsv
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    printf 'id\\tsplit\\n' > split.tsv
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
