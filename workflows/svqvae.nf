/*
 * S-VQ-VAE track (Xue, Ding, Lu: supervised vector-quantised VAE; spec svqvae.md):
 * MNIST and LINCS L1000 -> train/test Arrow files -> S-VQ-VAE and VQ-VAE -> metrics, analyses, report.
 * A dataset runs when its input params are set; at least one must be.
 */
include { PREPARE_MNIST } from '../modules/prepare_mnist'
include { PREPARE_LINCS } from '../modules/prepare_lincs'
include { TRAIN_SVQVAE    } from '../modules/train_svqvae'
include { EVALUATE_SVQVAE } from '../modules/evaluate_svqvae'
include { REPORT_SVQVAE   } from '../modules/report_svqvae'

workflow SVQVAE {
    main:
    def haveMnist = params.svqvae_mnist_train_images || params.svqvae_mnist_train_labels
    def haveLincs = params.svqvae_lincs_gctx || params.svqvae_lincs_sig_info || params.svqvae_lincs_gene_info || params.svqvae_lincs_pcl
    if (!haveMnist && !haveLincs) {
        error "gexflow SVQVAE: no input: set --svqvae_mnist_* and/or --svqvae_lincs_* (see nextflow_schema.json), or use -profile test"
    }

    mnist         = Channel.empty()
    mnist_classes = Channel.empty()
    mnist_summary = Channel.empty()
    if (haveMnist) {
        def pool = params.svqvae_mnist_split_fraction != null
        def test_images = []
        def test_labels = []
        if (pool && (params.svqvae_mnist_test_images || params.svqvae_mnist_test_labels)) {
            error "gexflow SVQVAE: --svqvae_mnist_split_fraction splits the one pool --svqvae_mnist_train_images/--svqvae_mnist_train_labels; unset --svqvae_mnist_test_images/--svqvae_mnist_test_labels"
        }
        if (!pool) {
            if (!params.svqvae_mnist_test_images || !params.svqvae_mnist_test_labels) {
                error "gexflow SVQVAE: set --svqvae_mnist_test_images and --svqvae_mnist_test_labels, or --svqvae_mnist_split_fraction to split the training files"
            }
            test_images = file(params.svqvae_mnist_test_images, checkIfExists: true)
            test_labels = file(params.svqvae_mnist_test_labels, checkIfExists: true)
        }
        PREPARE_MNIST(
            file(params.svqvae_mnist_train_images, checkIfExists: true),
            file(params.svqvae_mnist_train_labels, checkIfExists: true),
            test_images,
            test_labels)
        mnist         = PREPARE_MNIST.out.data
        mnist_classes = PREPARE_MNIST.out.classes
        mnist_summary = PREPARE_MNIST.out.summary
    }

    lincs         = Channel.empty()
    lincs_classes = Channel.empty()
    lincs_summary = Channel.empty()
    if (haveLincs) {
        PREPARE_LINCS(
            file(params.svqvae_lincs_gctx, checkIfExists: true),
            file(params.svqvae_lincs_sig_info, checkIfExists: true),
            file(params.svqvae_lincs_gene_info, checkIfExists: true),
            file(params.svqvae_lincs_pcl, checkIfExists: true))
        lincs         = PREPARE_LINCS.out.data
        lincs_classes = PREPARE_LINCS.out.classes
        lincs_summary = PREPARE_LINCS.out.summary
    }

    // tuple val(dataset), path(train), path(test); dataset is 'mnist' or 'lincs'
    data    = mnist.mix(lincs)
    // tuple val(dataset), path(classes.tsv) / path(summary.json)
    classes = mnist_classes.mix(lincs_classes)
    summary = mnist_summary.mix(lincs_summary)

    // S-VQ-VAE and its VQ-VAE baseline per dataset, evaluated together, one report per dataset
    models = Channel.fromList(params.svqvae_models.toString().split(',').collect { it.trim() }.findAll { it })
    TRAIN_SVQVAE(data.combine(models))
    EVALUATE_SVQVAE(data.join(TRAIN_SVQVAE.out.model.groupTuple(sort: { a, b -> a.name <=> b.name })))
    REPORT_SVQVAE(EVALUATE_SVQVAE.out.results)

    emit:
    data
    classes
    summary
    metrics = EVALUATE_SVQVAE.out.metrics
    report  = REPORT_SVQVAE.out.html
}
