process REPORT {
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode

    tag "${track}"

    input:
    val track
    path results

    output:
    path "${track}.html", emit: html

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow report --metrics metrics.json --out ${track}.html
    """

    stub:
    """
    touch ${track}.html
    """
}
