/*
 * D-GEX: the self-contained HTML report of one track (meta.id: dgex or dgex_gtex) from its staged
 * results. An `interpretation` directory among them (INTERPRET_DGEX's output) adds its section; a
 * `*.inference.json` (INFER's summary) adds the inference line.
 */
process REPORT {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(results)

    output:
    tuple val(meta), path("${meta.id}.html"), emit: html
    path 'versions.yml',                      emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    interpretation=''
    if [ -f interpretation/interpretation.json ]; then interpretation='--interpretation interpretation'; fi
    inference=''
    for f in *.inference.json; do
        if [ -f "\$f" ]; then inference="--inference \$f"; fi
    done
    gexflow report --metrics metrics.json \$interpretation \$inference ${args} --out ${meta.id}.html
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch ${meta.id}.html
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
