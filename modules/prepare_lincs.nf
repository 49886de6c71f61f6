/*
 * LINCS L1000 Level 5 signatures (GEO GSE70138 layout) -> train.arrow / test.arrow / classes.tsv
 * (gexflow prepare-lincs): one cell line, perturbagens with a class in the user's pert_id<TAB>pcl
 * table, minus excluded pert_inames; only those GCTX columns are read; z-scores clipped.
 */
process PREPARE_LINCS {
    tag "${params.svqvae_lincs_cell_line}"
    label 'process_medium'
    publishDir "${params.outdir}/svqvae/prepare_lincs", mode: params.publish_dir_mode, pattern: '*.{tsv,json}'
    publishDir "${params.outdir}/svqvae/prepare_lincs", mode: params.publish_dir_mode, pattern: '*.arrow',
        enabled: params.publish_intermediates

    input:
    path gctx
    path sig_info
    path gene_info
    path pcl_table

    output:
    tuple val('lincs'), path('train.arrow'), path('test.arrow'), emit: data
    tuple val('lincs'), path('classes.tsv'),                     emit: classes
    tuple val('lincs'), path('summary.json'),                    emit: summary

    script:
    def exclude = params.svqvae_lincs_exclude_pert_iname ? "--exclude-pert-iname '${params.svqvae_lincs_exclude_pert_iname}'" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow prepare-lincs --gctx ${gctx} --sig-info ${sig_info} --gene-info ${gene_info} --pcl-table ${pcl_table} \\
        --cell-line '${params.svqvae_lincs_cell_line}' ${exclude} --clip ${params.svqvae_lincs_clip} \\
        --test-fraction ${params.svqvae_lincs_test_fraction} --seed ${params.seed} \\
        --chunk-samples ${params.chunk_samples} --out-dir .
    """

    stub:
    """
    touch train.arrow test.arrow classes.tsv summary.json
    """
}
