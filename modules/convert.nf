process CONVERT {
    tag "${name}"
    label 'process_medium'
    publishDir "${params.outdir}/dgex/convert", mode: params.publish_dir_mode, enabled: params.publish_intermediates

    input:
    tuple val(name), path(expression), val(args)
    path landmarks
    path targets

    output:
    tuple val(name), path("${name}.arrow"), emit: matrix

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow convert --input ${expression} --landmarks ${landmarks} --targets ${targets} ${args} \\
        --missing ${params.dgex_missing} \\
        --chunk-samples ${params.chunk_samples} --out ${name}.arrow
    """

    stub:
    """
    touch ${name}.arrow
    """
}
