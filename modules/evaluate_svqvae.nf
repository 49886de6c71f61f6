/*
 * S-VQ-VAE track: every trained model of one data set on its training and test splits: MSE (label
 * code / nearest code), perplexity (label / nearest-code assignment), nearest-code accuracy, and the
 * paper's analyses of the codes, as metrics.json plus one set of files per model.
 */
process EVALUATE_SVQVAE {
    tag "${dataset}"
    label 'process_medium'
    publishDir "${params.outdir}/svqvae/${dataset}", mode: params.publish_dir_mode

    input:
    tuple val(dataset), path(train), path(test), path(models)

    output:
    tuple val(dataset), path('metrics.json'), emit: metrics
    tuple val(dataset), path('{metrics.json,history_*.json,decoded_codes_*.arrow,generated_*.arrow,code_*.tsv}'), emit: results

    script:
    // one model directory arrives as a path, several as a list
    def dirs = models instanceof Collection ? models : [models]
    def modelArgs = dirs.collect { "--model ${it.name}=${it}" }.join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow evaluate-svqvae --train ${train} --test ${test} ${modelArgs} \\
        --samples-per-class ${params.svqvae_samples_per_class} --seed ${params.seed} --out-dir .
    """

    stub:
    """
    echo '{}' > metrics.json
    """
}
