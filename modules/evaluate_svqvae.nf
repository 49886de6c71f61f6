/*
 * S-VQ-VAE track: every trained model of one data set (meta.id: mnist or lincs) on its training and
 * test splits: MSE (label code / nearest code), perplexity (label / nearest-code assignment),
 * nearest-code accuracy, and the paper's analyses of the codes, as metrics.json plus one set of files
 * per model. ext.args: --samples-per-class, --seed (conf/modules.config).
 */
process EVALUATE_SVQVAE {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(train), path(test), path(models)

    output:
    tuple val(meta), path('metrics.json'), emit: metrics
    tuple val(meta), path('{metrics.json,history_*.json,decoded_codes_*.arrow,generated_*.arrow,code_*.tsv}'), emit: results
    path 'versions.yml',                  emit: versions

    script:
    def args = task.ext.args ?: ''
    // one model directory arrives as a path, several as a list
    def dirs = models instanceof Collection ? models : [models]
    def modelArgs = dirs.collect { "--model ${it.name}=${it}" }.join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow evaluate-svqvae --train ${train} --test ${test} ${modelArgs} ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    echo '{}' > metrics.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
