/*
 * Perturbation track: a simulated single-cell set with its ground truth (spec perturbation.md "Simulators"):
 * `gexflow simulate --kind ${meta.kind}` writes counts.arrow (sparse counts, dosage, split column),
 * latents.arrow and truth.json into the directory meta.id. ext.args: the simulator's sizes and --seed
 * (conf/modules.config).
 */
process SIMULATE {
    tag "${meta.id}"
    label 'process_low'

    input:
    val meta

    output:
    tuple val(meta), path("${meta.id}"), emit: data
    path 'versions.yml',                 emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow simulate --kind ${meta.kind} ${args} --out-dir ${meta.id}
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir ${meta.id}
    touch ${meta.id}/counts.arrow ${meta.id}/latents.arrow
    echo '{}' > ${meta.id}/truth.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
