/*
 * De-duplication of GEO as D-GEX did it (uci-cbcl/D-GEX kmeans.py + nodup_idx.py): mini-batch k-means
 * over all samples, then inside each cluster a sample closer than dedup_threshold to an earlier sample
 * of the cluster is dropped. Runs on the converted matrix, before SPLIT and NORMALIZE (the reference
 * took distances on the expression values as distributed). Half the task's memory holds rows: the
 * whole GEO gene matrix (5.4 GB) under process_high, or passes over the file when less is granted.
 */
process DEDUP {
    label 'process_high'
    publishDir "${params.outdir}/dgex/dedup", mode: params.publish_dir_mode,
        saveAs: { it.endsWith('.tsv') || params.publish_intermediates ? it : null }

    input:
    path matrix

    output:
    path "${matrix.baseName}.dedup.arrow", emit: matrix
    path "${matrix.baseName}.dedup.tsv",   emit: table

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow dedup --input ${matrix} --clusters ${params.dedup_clusters} --threshold ${params.dedup_threshold} \\
        --seed ${params.seed} --memory-mb ${task.memory.toMega().intdiv(2)} --threads ${task.cpus} \\
        --out ${matrix.baseName}.dedup.arrow --out-tsv ${matrix.baseName}.dedup.tsv
    """

    stub:
    """
    touch ${matrix.baseName}.dedup.arrow
    printf 'id\\tcluster\\tkept\\tduplicate_of\\n' > ${matrix.baseName}.dedup.tsv
    """
}
