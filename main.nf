#!/usr/bin/env nextflow
/*
 * gexflow: re-run published deep models of gene expression end to end.
 * Tracks: D-GEX (landmark -> target gene inference). Every step is `gexflow <verb>` (bin/gexflow).
 */
nextflow.enable.dsl = 2

include { DGEX } from './workflows/dgex'

workflow {
    if (params.help) {
        log.info """
        gexflow ${workflow.manifest.version}
          ./nextflow run . -profile test            D-GEX track on the bundled test data
          ./nextflow run . --dgex_gctx F --dgex_landmarks map_lm.txt --dgex_targets map_tg.txt
        Every parameter is described in nextflow_schema.json.
        """.stripIndent()
        return
    }
    if (!params.dgex_gctx && !params.dgex_gctx_url) {
        error "gexflow: no input: set --dgex_gctx, --dgex_landmarks and --dgex_targets, or use -profile test or full_dgex"
    }
    DGEX()
}

workflow.onComplete {
    def report = file(params.outdir).toAbsolutePath().resolve('report/dgex.html')
    if (workflow.success) {
        log.info "gexflow: D-GEX report: ${report}"
        log.info "gexflow: D-GEX metrics: ${file(params.outdir).toAbsolutePath().resolve('dgex/metrics.json')}"
        if ((params.gtex_gctx || params.dgex_gtex_url) && (params.geuvadis_rpkm || params.dgex_1000g_url)) {
            log.info "gexflow: D-GEX GTEx-track report: ${file(params.outdir).toAbsolutePath().resolve('report/dgex_gtex.html')}"
        }
    } else {
        log.error "gexflow: the run failed: ${workflow.errorMessage ?: 'see .nextflow.log'}"
    }
}
