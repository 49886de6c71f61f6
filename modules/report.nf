process REPORT {
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode

    input:
    path results

    output:
    path 'dgex.html', emit: html

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow report --metrics metrics.json --out dgex.html
    """

    stub:
    """
    touch dgex.html
    """
}
