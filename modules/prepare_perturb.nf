/*
 * Perturbation track: one h5ad (Norman 2019 or Replogle 2022) -> the directory meta.id holding counts.arrow
 * (sparse counts, dosage D, treatment and split columns) and summary.json (cells per split), by
 * `gexflow prepare-perturb`. ext.args: the data set's layout and filter (columns, controls, HVGs, control cap,
 * split, combination fraction, held-out group, seed; conf/modules.config from meta.source).
 *
 * Input: tuple val(meta), path(h5ad), path(treatments), path(genes)
 *   treatments  a list or group/treatment table of the targets to keep (Replogle's perturbation clusters), or []
 *   genes       a list of gene names to keep (Replogle's 1,186 expression-cluster genes), or []
 */
process PREPARE_PERTURB {
    tag "${meta.id}"
    label 'process_high'

    input:
    tuple val(meta), path(h5ad), path(treatments), path(genes)

    output:
    tuple val(meta), path("${meta.id}"), emit: data
    path 'versions.yml',                 emit: versions

    script:
    def args = task.ext.args ?: ''
    def lists = [treatments ? "--treatments-file ${treatments}" : '', genes ? "--gene-list ${genes}" : ''].findAll().join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    mkdir -p ${meta.id}
    gexflow prepare-perturb --h5ad ${h5ad} ${lists} ${args} --summary ${meta.id}/summary.json --out ${meta.id}/counts.arrow
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    def args = task.ext.args ?: ''
    def lists = [treatments ? "--treatments-file ${treatments}" : '', genes ? "--gene-list ${genes}" : ''].findAll().join(' ')
    // the command a real run would give, for checking the wiring (-profile full_perturb -stub)
    """
    mkdir ${meta.id}
    touch ${meta.id}/counts.arrow
    echo "gexflow prepare-perturb --h5ad ${h5ad} ${lists} ${args}" > ${meta.id}/command.txt
    echo '{"cells": 0, "train": 0, "val": 0, "test": 0, "heldout": 0}' > ${meta.id}/summary.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
