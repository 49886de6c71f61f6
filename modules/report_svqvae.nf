/*
 * S-VQ-VAE track: the self-contained HTML report of one data set (paper Table 1 beside this run,
 * decoded codes, code frequencies, distances, graph communities, generated samples).
 */
process REPORT_SVQVAE {
    tag "${dataset}"
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode

    input:
    tuple val(dataset), path(results)

    output:
    tuple val(dataset), path("svqvae_${dataset}.html"), emit: html

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow report-svqvae --metrics metrics.json --out svqvae_${dataset}.html
    """

    stub:
    """
    touch svqvae_${dataset}.html
    """
}
