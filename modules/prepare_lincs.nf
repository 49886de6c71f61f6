/*
 * LINCS L1000 Level 5 signatures (GEO GSE70138 layout) -> train.arrow / test.arrow / classes.tsv
 * (gexflow prepare-lincs), meta.id 'lincs': one cell line, perturbagens with a class in the user's
 * pert_id<TAB>pcl table, minus excluded pert_inames; only those GCTX columns are read; z-scores clipped.
 * ext.args: --cell-line, --exclude-pert-iname, --clip, --test-fraction, --seed, --chunk-samples.
 */
process PREPARE_LINCS {
    tag "${meta.cell_line}"
    label 'process_medium'

    input:
    tuple val(meta), path(gctx), path(sig_info), path(gene_info), path(pcl_table)

    output:
    tuple val(meta), path('train.arrow'), path('test.arrow'), emit: data
    tuple val(meta), path('classes.tsv'),                     emit: classes
    tuple val(meta), path('summary.json'),                    emit: summary
    path 'versions.yml',                                      emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow prepare-lincs --gctx ${gctx} --sig-info ${sig_info} --gene-info ${gene_info} --pcl-table ${pcl_table} \\
        ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch train.arrow test.arrow classes.tsv summary.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
