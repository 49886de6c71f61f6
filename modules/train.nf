/*
 * One model of any family (meta.family: dgex, svqvae, vqvae; `gexflow train --family` dispatches to the
 * family's verb), trained on `train` and, for families that pick their epoch on one, `valid` ([] when
 * none). The model directory is meta.id. ext.args: the family's hyper-parameters and training options;
 * ext.args2: options after --out-dir (S-VQ-VAE's --debug-numerics trace, meta.id.numerics.tsv; the perturbation
 * track's --timing meta.id.timing.json, wall-clock seconds kept outside the reproducible model directory).
 * Included as TRAIN_DGEX, TRAIN_DGEX_GTEX and TRAIN_SVQVAE, each configured in conf/modules.config.
 */
process TRAIN {
    tag "${meta.source ? "${meta.dataset}/" : ''}${meta.id}"
    label 'process_gpu'

    input:
    tuple val(meta), path(train), path(valid)

    output:
    tuple val(meta), path("${meta.id}"),                  emit: model
    path "${meta.id}.numerics.tsv", optional: true,       emit: numerics
    tuple val(meta), path("${meta.id}.timing.json"), optional: true, emit: timing
    path 'versions.yml',                                  emit: versions

    script:
    def args = task.ext.args ?: ''
    def args2 = task.ext.args2 ?: ''
    def validation = valid ? "--valid ${valid}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow train --family ${meta.family} --train ${train} ${validation} ${args} \\
        --out-dir ${meta.id} ${args2}
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir ${meta.id}
    echo '{"type": "${meta.family}", "summary": {"best_valid_mae": 0}}' > ${meta.id}/model.json
    touch ${meta.id}/history.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
