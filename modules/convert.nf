process CONVERT {
    tag "${gctx.name}"
    label 'process_medium'
    publishDir "${params.outdir}/dgex/convert", mode: params.publish_dir_mode, enabled: params.publish_intermediates

    input:
    path gctx
    path landmarks
    path targets

    output:
    path 'geo.arrow', emit: matrix

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow convert --input ${gctx} --landmarks ${landmarks} --targets ${targets} \\
        --chunk-samples ${params.chunk_samples} --out geo.arrow
    """

    stub:
    """
    touch geo.arrow
    """
}
