/*
 * The D-GEX interpretation extras of one trained network (spec dgex.md, Metrics): major weights
 * beyond 4 / 5 sd of each weight matrix, counted and mapped, and per target gene the adjusted R^2 of
 * OLS on the last hidden layer vs on the landmark genes (fitted on the training split; out-of-sample
 * R^2 on the test split). The output directory goes to REPORT (`gexflow report --interpretation`).
 *
 * Cost at paper scale (3 x 9000 units, 88,807 training samples, 9,520 targets): one forward pass over
 * the training and test splits, Gram matrices of the hidden layer on the engine (~3e13 flops) and a
 * Cholesky solve of a 9,000 x 9,000 system for all targets (EJML); memory ~ the training split twice
 * (reading) plus ~4 GB of p x p and p x T matrices on the heap and as many natively.
 */
process INTERPRET_DGEX {
    tag "${meta.track} ${model.name}"
    label 'process_medium'

    input:
    tuple val(meta), path(train), path(test), path(model)

    output:
    path 'interpretation', emit: interpretation
    path 'versions.yml',   emit: versions

    script:
    def args = task.ext.args ?: ''
    // two thirds of the task memory for the Java heap: the engine's matrices live outside it
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 2).intdiv(3)}m -XX:ActiveProcessorCount=${task.cpus}"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow interpret-dgex --model ${model} --train ${train} --test ${test} ${args} --out-dir interpretation
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    mkdir interpretation
    echo '{}' > interpretation/interpretation.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
