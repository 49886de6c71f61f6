/*
 * MNIST IDX files -> train.arrow / test.arrow / classes.tsv (gexflow prepare-mnist).
 * Either the four files of the download (test_images/test_labels given), or one labelled pool
 * (train_images/train_labels; test_images = test_labels = []) split per digit by
 * params.svqvae_mnist_split_fraction.
 */
process PREPARE_MNIST {
    tag "${test_images ? 'train/test files' : "pool, ${params.svqvae_mnist_split_fraction} per digit to test"}"
    label 'process_medium'
    publishDir "${params.outdir}/svqvae/prepare_mnist", mode: params.publish_dir_mode, pattern: '*.{tsv,json}'
    publishDir "${params.outdir}/svqvae/prepare_mnist", mode: params.publish_dir_mode, pattern: '*.arrow',
        enabled: params.publish_intermediates

    input:
    path train_images
    path train_labels
    path test_images
    path test_labels

    output:
    tuple val('mnist'), path('train.arrow'), path('test.arrow'), emit: data
    tuple val('mnist'), path('classes.tsv'),                     emit: classes
    tuple val('mnist'), path('summary.json'),                    emit: summary

    script:
    def inputs = test_images
        ? "--train-images ${train_images} --train-labels ${train_labels} --test-images ${test_images} --test-labels ${test_labels}"
        : "--images ${train_images} --labels ${train_labels} --split-fraction ${params.svqvae_mnist_split_fraction} --seed ${params.seed}"
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow prepare-mnist ${inputs} --out-dir .
    """

    stub:
    """
    touch train.arrow test.arrow classes.tsv summary.json
    """
}
