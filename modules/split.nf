process SPLIT {
    label 'process_low'
    publishDir "${params.outdir}/dgex/split", mode: params.publish_dir_mode

    input:
    path matrix

    output:
    path 'split.tsv', emit: split

    script:
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow split --input ${matrix} --valid-fraction ${params.valid_fraction} \\
        --test-fraction ${params.test_fraction} --seed ${params.seed} --out split.tsv
    """

    stub:
    """
    printf 'id\\tsplit\\n' > split.tsv
    """
}
