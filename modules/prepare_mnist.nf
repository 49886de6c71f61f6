/*
 * MNIST IDX files -> train.arrow / test.arrow / classes.tsv (gexflow prepare-mnist), meta.id 'mnist'.
 * Either the four files of the download (test_images/test_labels given), or one labelled pool
 * (meta.pool; test_images = test_labels = []) split per digit by ext.args (--split-fraction, --seed).
 */
process PREPARE_MNIST {
    tag "${meta.pool ? 'pool split per digit' : 'train/test files'}"
    label 'process_medium'

    input:
    tuple val(meta), path(train_images), path(train_labels), path(test_images), path(test_labels)

    output:
    tuple val(meta), path('train.arrow'), path('test.arrow'), emit: data
    tuple val(meta), path('classes.tsv'),                     emit: classes
    tuple val(meta), path('summary.json'),                    emit: summary
    path 'versions.yml',                                      emit: versions

    script:
    def args = task.ext.args ?: ''
    def inputs = test_images
        ? "--train-images ${train_images} --train-labels ${train_labels} --test-images ${test_images} --test-labels ${test_labels}"
        : "--images ${train_images} --labels ${train_labels}"
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow prepare-mnist ${inputs} ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    touch train.arrow test.arrow classes.tsv summary.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
