/*
 * An RNA-Seq matrix of the GTEx track (meta.id gtex or geuvadis) mapped onto the GEO quantiles and
 * standardised with GEO's statistics (the NORMALIZE output `reference`).
 */
process NORMALIZE_RNASEQ {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(matrix)
    path reference

    output:
    tuple val(meta), path("${meta.id}_norm.arrow"), emit: matrix
    path 'versions.yml',                            emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow normalize-rnaseq --input ${matrix} --reference ${reference} ${args} --out ${meta.id}_norm.arrow
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch ${meta.id}_norm.arrow
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
