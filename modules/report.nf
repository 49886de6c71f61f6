process REPORT {
    label 'process_low'
    publishDir "${params.outdir}/report", mode: params.publish_dir_mode

    tag "${track}"

    input:
    val track
    path results

    output:
    path "${track}.html", emit: html

    // an `interpretation` directory among the staged results (INTERPRET_DGEX's output) adds its section;
    // a `*.inference.json` (INFER's summary) adds the inference line
    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    interpretation=''
    if [ -f interpretation/interpretation.json ]; then interpretation='--interpretation interpretation'; fi
    inference=''
    for f in *.inference.json; do
        if [ -f "\$f" ]; then inference="--inference \$f"; fi
    done
    gexflow report --metrics metrics.json \$interpretation \$inference --out ${track}.html
    """

    stub:
    """
    touch ${track}.html
    """
}
