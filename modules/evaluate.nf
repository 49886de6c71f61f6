process EVALUATE {
    label 'process_medium'
    tag "${track}"
    publishDir "${params.outdir}/${track}", mode: params.publish_dir_mode

    input:
    val track
    val test_set
    path test
    path models

    output:
    path 'metrics.json', emit: metrics
    path '{metrics.json,per_gene_mae_*.tsv,history_*.json}', emit: results

    script:
    def modelArgs = models.collect { "--model ${it.name}=${it}" }.join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow evaluate --test ${test} ${modelArgs} \\
        --dataset '${params.dgex_dataset}' --test-set '${test_set}' --out-dir .
    """

    stub:
    """
    echo '{}' > metrics.json
    touch per_gene_mae_lr.tsv
    """
}
