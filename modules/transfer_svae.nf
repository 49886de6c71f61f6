/*
 * Perturbation track, sVAE family (issue 12, spec "Transfer protocol"): one trained model (meta.id) on the
 * held-out interventions of the data (no cell in the training split, more than 10 held-out cells): new
 * embeddings fitted on the frozen networks, then held-out ELBO and IWELBO per intervention and their mean in
 * ${meta.id}.transfer/transfer.json. ext.args: --split, --samples, --epochs, --seed (conf/modules.config).
 */
process TRANSFER_SVAE {
    tag "${meta.source ? "${meta.dataset}/" : ''}${meta.id}"
    label 'process_gpu'

    input:
    tuple val(meta), path(model), path(data)

    output:
    tuple val(meta), path("${meta.id}.transfer"), emit: transfer
    path 'versions.yml',                          emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow transfer-svae --model ${model} --data ${data} ${args} --out-dir ${meta.id}.transfer
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir ${meta.id}.transfer
    echo '{"type": "${meta.model}", "interventions": []}' > ${meta.id}.transfer/transfer.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
