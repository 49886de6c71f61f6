/*
 * D-GEX: every model of a track (meta.track: dgex or dgex_gtex) on its test set (meta.test_set):
 * per-gene MAE, the paper's comparisons, metrics.json. ext.args: --dataset and --test-set.
 */
process EVALUATE {
    tag "${meta.track}"
    label 'process_medium'

    input:
    tuple val(meta), path(test), path(models)

    output:
    tuple val(meta), path('metrics.json'), emit: metrics
    path '{metrics.json,per_gene_mae_*.tsv,history_*.json}', emit: results
    path 'versions.yml',                  emit: versions

    script:
    def args = task.ext.args ?: ''
    // one model directory arrives as a path, several as a list
    def dirs = models instanceof Collection ? models : [models]
    def modelArgs = dirs.collect { "--model ${it.name}=${it}" }.join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow evaluate --test ${test} ${modelArgs} ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    echo '{}' > metrics.json
    touch per_gene_mae_lr.tsv
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
