/*
 * One expression file (GEO GCTX, GTEx GCTX or the 1000 Genomes RPKM table; meta.id geo, gtex or
 * geuvadis) -> an Arrow matrix of landmark and target genes through the gene maps.
 * ext.args: how rows match the maps, the missing-value policy, the chunk size (conf/modules.config).
 */
process CONVERT {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(expression)
    path landmarks
    path targets

    output:
    tuple val(meta), path("${meta.id}.arrow"), emit: matrix
    path 'versions.yml',                       emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow convert --input ${expression} --landmarks ${landmarks} --targets ${targets} ${args} \\
        --out ${meta.id}.arrow
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch ${meta.id}.arrow
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
