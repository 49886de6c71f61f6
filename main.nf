#!/usr/bin/env nextflow
/*
 * gexflow: re-run published deep models of gene expression end to end.
 * Tracks: D-GEX (landmark -> target gene inference) and S-VQ-VAE (one code per class, MNIST and
 * LINCS). Every step is `gexflow <verb>` (bin/gexflow). A track runs when it is listed in
 * --tracks and its inputs are set (a path, or a URL from a full_* profile).
 */
nextflow.enable.dsl = 2

include { DGEX   } from './workflows/dgex'
include { SVQVAE } from './workflows/svqvae'

def selected(track) {
    params.tracks.toString().split(',').collect { it.trim() }.contains(track)
}

def dgexInputs() {
    params.dgex_gctx || params.dgex_gctx_url
}

def svqvaeInputs() {
    def files = ['mnist_train_images', 'mnist_train_labels', 'mnist_test_images', 'mnist_test_labels',
                 'lincs_gctx', 'lincs_sig_info', 'lincs_gene_info']
    files.any { params["svqvae_${it}"] || params["svqvae_${it}_url"] } || params.svqvae_lincs_pcl
}

workflow {
    if (params.help) {
        log.info """
        gexflow ${workflow.manifest.version}
          ./nextflow run . -profile test            every track on the bundled test data
          ./nextflow run . -profile full_dgex       D-GEX on the paper's data (downloads once into --data_cache)
          ./nextflow run . --dgex_gctx F --dgex_landmarks map_lm.txt --dgex_targets map_tg.txt
          --tracks dgex,svqvae                      which tracks may run (each needs its inputs)
        Every parameter is described in nextflow_schema.json.
        """.stripIndent()
        return
    }
    def ran = []
    if (selected('dgex') && dgexInputs()) {
        DGEX()
        ran << 'dgex'
    }
    if (selected('svqvae') && svqvaeInputs()) {
        SVQVAE()
        ran << 'svqvae'
    }
    if (!ran) {
        error "gexflow: no input for the tracks ${params.tracks}: set --dgex_gctx, --dgex_landmarks and --dgex_targets, " +
            "or --svqvae_mnist_* / --svqvae_lincs_*, or use -profile test, full_dgex or full_svqvae"
    }
}

workflow.onComplete {
    def out = file(params.outdir).toAbsolutePath()
    if (!workflow.success) {
        log.error "gexflow: the run failed: ${workflow.errorMessage ?: 'see .nextflow.log'}"
        return
    }
    if (selected('dgex') && dgexInputs()) {
        log.info "gexflow: D-GEX report: ${out.resolve('report/dgex.html')}"
        log.info "gexflow: D-GEX metrics: ${out.resolve('dgex/metrics.json')}"
        if ((params.gtex_gctx || params.dgex_gtex_url) && (params.geuvadis_rpkm || params.dgex_1000g_url)) {
            log.info "gexflow: D-GEX GTEx-track report: ${out.resolve('report/dgex_gtex.html')}"
        }
    }
    if (selected('svqvae') && svqvaeInputs()) {
        log.info "gexflow: S-VQ-VAE reports: ${out.resolve('report')}/svqvae_<dataset>.html"
    }
}
