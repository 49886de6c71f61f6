process REPORT {
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode

    tag "${track}"

    input:
    val track
    path results

    output:
    path "${track}.html", emit: html

    // an `interpretation` directory among the staged results (INTERPRET_DGEX's output) adds its section
    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    interpretation=''
    if [ -f interpretation/interpretation.json ]; then interpretation='--interpretation interpretation'; fi
    gexflow report --metrics metrics.json \$interpretation --out ${track}.html
    """

    stub:
    """
    touch ${track}.html
    """
}
