/*
 * D-GEX inference: a trained model applied to landmark-only profiles (e.g. L1000 Level 3), streamed a
 * chunk of samples at a time into an Arrow file and a GCTX of target-gene predictions.
 * Run by workflows/dgex.nf when params.dgex_infer_gctx is set, with the best-validation D-GEX network.
 *
 * input:  tuple val(meta), path(expression)  landmark-probe (or landmark-gene) GCT/GCTX; meta.id names the outputs
 *         path model                          trained model directory (TRAIN_DGEX / TRAIN_LR / TRAIN_KNN)
 *         path normalization                  normalization.json of the NORMALIZE the model was trained after
 *         path landmarks                      map_lm.txt, or [] when the rows are already landmark genes
 * ext.args: --output-scale (expression or standardised), --chunk-samples (conf/modules.config)
 * output: arrow  tuple val(meta), path("<id>.predictions.arrow")   samples x target genes
 *         gctx   tuple val(meta), path("<id>.predictions.gctx")    target genes x samples
 *         summary path("<id>.inference.json")   profiles, targets, model, scale (REPORT's inference line)
 */
process INFER {
    tag "${meta.id}"
    label 'process_gpu'

    input:
    tuple val(meta), path(expression)
    path model
    path normalization
    path landmarks

    output:
    tuple val(meta), path("${meta.id}.predictions.arrow"), emit: arrow
    tuple val(meta), path("${meta.id}.predictions.gctx"),  emit: gctx
    path "${meta.id}.inference.json",                      emit: summary
    path 'versions.yml',                                   emit: versions

    script:
    def args = task.ext.args ?: ''
    def lm = landmarks ? "--landmarks ${landmarks}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow infer --input ${expression} --model ${model} --normalization ${normalization} ${lm} ${args} \\
        --out-arrow ${meta.id}.predictions.arrow --out-gctx ${meta.id}.predictions.gctx \\
        --out-summary ${meta.id}.inference.json
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch ${meta.id}.predictions.arrow ${meta.id}.predictions.gctx
    echo '{}' > ${meta.id}.inference.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
