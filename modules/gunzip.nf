/*
 * GUNZIP: a gzipped download that a reader needs uncompressed (GSE70138's Level 5 GCTX is served as
 * .gctx.gz, 5.4 GB; HDF5 needs random access). Kept in the data cache beside the download (storeDir,
 * conf/modules.config), so it is decompressed once across runs.
 */
process GUNZIP {
    tag "${archive.name}"
    label 'process_low'

    input:
    tuple val(meta), path(archive)

    output:
    tuple val(meta), path("${archive.baseName}"), emit: file

    script:
    """
    gzip -cd ${archive} > .${archive.baseName}.part
    mv .${archive.baseName}.part ${archive.baseName}
    """

    stub:
    """
    touch ${archive.baseName}
    """
}
