/*
 * S-VQ-VAE track: the self-contained HTML report of one data set (meta.id: mnist or lincs; paper
 * Table 1 beside this run, decoded codes, code frequencies, distances, graph communities, generated samples).
 */
process REPORT_SVQVAE {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(results)

    output:
    tuple val(meta), path("svqvae_${meta.id}.html"), emit: html
    path 'versions.yml',                             emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow report-svqvae --metrics metrics.json ${args} --out svqvae_${meta.id}.html
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch svqvae_${meta.id}.html
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
