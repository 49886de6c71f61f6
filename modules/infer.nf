/*
 * D-GEX inference: a trained model applied to landmark-only profiles (e.g. L1000 Level 3), streamed
 * params.chunk_samples samples at a time into an Arrow file and a GCTX of target-gene predictions.
 * Run by workflows/dgex.nf when params.dgex_infer_gctx is set, with the best-validation D-GEX network.
 *
 * input:  tuple val(name), path(expression)  landmark-probe (or landmark-gene) GCT/GCTX
 *         path model                          trained model directory (TRAIN_DGEX / TRAIN_LR / TRAIN_KNN)
 *         path normalization                  normalization.json of the NORMALIZE the model was trained after
 *         path landmarks                      map_lm.txt, or [] when the rows are already landmark genes
 *         val output_scale                    'expression' or 'standardised'
 * output: arrow  tuple val(name), path("${name}.predictions.arrow")   samples x target genes
 *         gctx   tuple val(name), path("${name}.predictions.gctx")    target genes x samples
 *         summary path("${name}.inference.json")   profiles, targets, model, scale (REPORT's inference line)
 */
process INFER {
    tag "${name}"
    label 'process_gpu'
    publishDir "${params.outdir}/dgex/infer", mode: params.publish_dir_mode

    input:
    tuple val(name), path(expression)
    path model
    path normalization
    path landmarks
    val output_scale

    output:
    tuple val(name), path("${name}.predictions.arrow"), emit: arrow
    tuple val(name), path("${name}.predictions.gctx"), emit: gctx
    path "${name}.inference.json", emit: summary

    script:
    def lm = landmarks ? "--landmarks ${landmarks}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow infer --input ${expression} --model ${model} --normalization ${normalization} ${lm} \\
        --output-scale ${output_scale} --chunk-samples ${params.chunk_samples} \\
        --out-arrow ${name}.predictions.arrow --out-gctx ${name}.predictions.gctx \\
        --out-summary ${name}.inference.json
    """

    stub:
    """
    touch ${name}.predictions.arrow ${name}.predictions.gctx
    echo '{}' > ${name}.inference.json
    """
}
