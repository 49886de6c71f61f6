process NORMALIZE {
    label 'process_medium'
    publishDir "${params.outdir}/dgex/normalize", mode: params.publish_dir_mode,
        saveAs: { it.endsWith('.json') || params.publish_intermediates ? it : null }

    input:
    path matrix
    path split

    output:
    path 'train.arrow', emit: train
    path 'valid.arrow', emit: valid
    path 'test.arrow',  emit: test
    path 'normalization.json', emit: stats

    script:
    def quantile = params.quantile_normalize ? '--quantile' : '--no-quantile'
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow normalize --input ${matrix} --split ${split} ${quantile} --out-dir .
    """

    stub:
    """
    touch train.arrow valid.arrow test.arrow normalization.json
    """
}
