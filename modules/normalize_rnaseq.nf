process NORMALIZE_RNASEQ {
    tag "${name}"
    label 'process_medium'
    publishDir "${params.outdir}/dgex_gtex/normalize", mode: params.publish_dir_mode, enabled: params.publish_intermediates

    input:
    tuple val(name), path(matrix)
    path reference

    output:
    tuple val(name), path("${name}_norm.arrow"), emit: matrix

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow normalize-rnaseq --input ${matrix} --reference ${reference} --out ${name}_norm.arrow
    """

    stub:
    """
    touch ${name}_norm.arrow
    """
}
