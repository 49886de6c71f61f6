/*
 * Perturbation track: the self-contained HTML report of one data set (meta.id) from EVALUATE_PERTURB's
 * metrics.json (every model over its seeds and the additive baseline, recovery on a simulation, the spec's Norman
 * numbers beside this run's), figures.json (ATE scatter plots, target graphs, learning curves) and, when there is
 * one, timing.json (training times: the page's only numbers that differ between reruns).
 */
process REPORT_PERTURB {
    tag "${meta.id}"
    label 'process_low'

    input:
    tuple val(meta), path(metrics), path(figures), path(timing)

    output:
    tuple val(meta), path("perturb_${meta.id}.html"), emit: html
    path 'versions.yml',                              emit: versions

    script:
    def args = task.ext.args ?: ''
    def timingArg = timing ? "--timing ${timing}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow report-perturb --metrics ${metrics} --figures ${figures} ${timingArg} ${args} --out perturb_${meta.id}.html
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch perturb_${meta.id}.html
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
