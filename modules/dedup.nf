/*
 * De-duplication of GEO as D-GEX did it (uci-cbcl/D-GEX kmeans.py + nodup_idx.py): mini-batch k-means
 * over all samples, then inside each cluster a sample closer than the threshold to an earlier sample
 * of the cluster is dropped. Runs on the converted matrix, before SPLIT and NORMALIZE (the reference
 * took distances on the expression values as distributed). Half the task's memory holds rows: the
 * whole GEO gene matrix (5.4 GB) under process_high, or passes over the file when less is granted.
 * ext.args: --clusters, --threshold, --seed (conf/modules.config).
 */
process DEDUP {
    tag "${meta.id}"
    label 'process_high'

    input:
    tuple val(meta), path(matrix)

    output:
    tuple val(meta), path("${matrix.baseName}.dedup.arrow"), emit: matrix
    path "${matrix.baseName}.dedup.tsv",                     emit: table
    path 'versions.yml',                                     emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow dedup --input ${matrix} ${args} \\
        --memory-mb ${task.memory.toMega().intdiv(2)} --threads ${task.cpus} \\
        --out ${matrix.baseName}.dedup.arrow --out-tsv ${matrix.baseName}.dedup.tsv
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch ${matrix.baseName}.dedup.arrow
    printf 'id\\tcluster\\tkept\\tduplicate_of\\n' > ${matrix.baseName}.dedup.tsv
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
