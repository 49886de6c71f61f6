/*
 * S-VQ-VAE track (Xue, Ding, Lu: supervised vector-quantised VAE; spec svqvae.md):
 * MNIST and LINCS L1000 -> train/test Arrow files -> S-VQ-VAE and VQ-VAE -> metrics, analyses, report.
 * A dataset runs when its input params are set; at least one must be.
 */
include { INPUTS          } from '../subworkflows/inputs'
include { GUNZIP          } from '../modules/gunzip'
include { PREPARE_MNIST   } from '../modules/prepare_mnist'
include { PREPARE_LINCS   } from '../modules/prepare_lincs'
include { TRAIN as TRAIN_SVQVAE } from '../modules/train'
include { EVALUATE_SVQVAE } from '../modules/evaluate_svqvae'
include { REPORT_SVQVAE   } from '../modules/report_svqvae'

// a source [path, url, checksum] is given by its path or its URL
def provided(sources, key) {
    sources[key][0] || sources[key][1]
}

// a file's local path, else its download; `key` is the source name
def sourceOf(files, key) {
    files.filter { it[0] == key }.map { it[1] }.first()
}

workflow SVQVAE {
    main:
    // every input is a local file when its path param is set, else fetched from its *_url (full_svqvae)
    sources = [
        mnist_train_images: [params.svqvae_mnist_train_images, params.svqvae_mnist_train_images_url, params.svqvae_mnist_train_images_checksum],
        mnist_train_labels: [params.svqvae_mnist_train_labels, params.svqvae_mnist_train_labels_url, params.svqvae_mnist_train_labels_checksum],
        mnist_test_images:  [params.svqvae_mnist_test_images,  params.svqvae_mnist_test_images_url,  params.svqvae_mnist_test_images_checksum],
        mnist_test_labels:  [params.svqvae_mnist_test_labels,  params.svqvae_mnist_test_labels_url,  params.svqvae_mnist_test_labels_checksum],
        lincs_gctx:         [params.svqvae_lincs_gctx,         params.svqvae_lincs_gctx_url,         params.svqvae_lincs_gctx_checksum],
        lincs_sig_info:     [params.svqvae_lincs_sig_info,     params.svqvae_lincs_sig_info_url,     params.svqvae_lincs_sig_info_checksum],
        lincs_gene_info:    [params.svqvae_lincs_gene_info,    params.svqvae_lincs_gene_info_url,    params.svqvae_lincs_gene_info_checksum],
    ]
    haveMnist = provided(sources, 'mnist_train_images') || provided(sources, 'mnist_train_labels')
    pool = params.svqvae_mnist_split_fraction != null
    if (haveMnist) {
        if (!provided(sources, 'mnist_train_images') || !provided(sources, 'mnist_train_labels')) {
            error "gexflow SVQVAE: MNIST needs both --svqvae_mnist_train_images and --svqvae_mnist_train_labels"
        }
        if (pool && (provided(sources, 'mnist_test_images') || provided(sources, 'mnist_test_labels'))) {
            error "gexflow SVQVAE: --svqvae_mnist_split_fraction splits the one pool --svqvae_mnist_train_images/--svqvae_mnist_train_labels; unset --svqvae_mnist_test_images/--svqvae_mnist_test_labels"
        }
        if (!pool && (!provided(sources, 'mnist_test_images') || !provided(sources, 'mnist_test_labels'))) {
            error "gexflow SVQVAE: set --svqvae_mnist_test_images and --svqvae_mnist_test_labels, or --svqvae_mnist_split_fraction to split the training files"
        }
    }
    lincsKeys = ['lincs_gctx', 'lincs_sig_info', 'lincs_gene_info']
    haveLincs = lincsKeys.any { k -> sources[k][0] } || params.svqvae_lincs_pcl
    if (!haveLincs && lincsKeys.every { k -> sources[k][1] }) {
        // full_svqvae knows where GSE70138 is, but class membership (PCLs) comes only from CLUE
        log.warn "gexflow SVQVAE: LINCS skipped: it needs your perturbagen-class table --svqvae_lincs_pcl (pert_id<TAB>pcl, from CLUE; see README 'S-VQ-VAE data')"
    }
    if (haveLincs) {
        missing = lincsKeys.findAll { k -> !provided(sources, k) }.collect { "--svqvae_${it}" } + (params.svqvae_lincs_pcl ? [] : ['--svqvae_lincs_pcl'])
        if (missing) {
            error "gexflow SVQVAE: LINCS needs ${missing.join(', ')}"
        }
    }
    if (!haveMnist && !haveLincs) {
        error "gexflow SVQVAE: no input: set --svqvae_mnist_* and/or --svqvae_lincs_* (see nextflow_schema.json), or use -profile test"
    }
    wantedKeys = (haveMnist ? ['mnist_train_images', 'mnist_train_labels'] + (pool ? [] : ['mnist_test_images', 'mnist_test_labels']) : []) +
        (haveLincs ? lincsKeys : [])
    INPUTS(sources.subMap(wantedKeys))
    files = INPUTS.out.files
    versions = Channel.empty()

    mnist         = Channel.empty()
    mnist_classes = Channel.empty()
    mnist_summary = Channel.empty()
    if (haveMnist) {
        // one labelled pool split per digit (meta.pool), or the download's train and test files
        mnistFiles = sourceOf(files, 'mnist_train_images').combine(sourceOf(files, 'mnist_train_labels'))
        if (!pool) {
            mnistFiles = mnistFiles.combine(sourceOf(files, 'mnist_test_images')).combine(sourceOf(files, 'mnist_test_labels'))
        }
        PREPARE_MNIST(mnistFiles.map { fs -> [[id: 'mnist', pool: pool]] + fs + (pool ? [[], []] : []) })
        mnist         = PREPARE_MNIST.out.data
        mnist_classes = PREPARE_MNIST.out.classes
        mnist_summary = PREPARE_MNIST.out.summary
        versions      = versions.mix(PREPARE_MNIST.out.versions)
    }

    lincs         = Channel.empty()
    lincs_classes = Channel.empty()
    lincs_summary = Channel.empty()
    if (haveLincs) {
        // HDF5 needs random access: a gzipped GCTX (as GEO serves it) is decompressed once, into the cache
        gctx = sourceOf(files, 'lincs_gctx').branch { f ->
            gz: f.name.endsWith('.gz')
            plain: true
        }
        GUNZIP(gctx.gz.map { f -> [[id: f.name], f] })
        PREPARE_LINCS(gctx.plain.mix(GUNZIP.out.file.map { meta, f -> f }).first()
            .combine(sourceOf(files, 'lincs_sig_info')).combine(sourceOf(files, 'lincs_gene_info'))
            .map { fs -> [[id: 'lincs', cell_line: params.svqvae_lincs_cell_line]] + fs + [file(params.svqvae_lincs_pcl, checkIfExists: true)] })
        lincs         = PREPARE_LINCS.out.data
        lincs_classes = PREPARE_LINCS.out.classes
        lincs_summary = PREPARE_LINCS.out.summary
        versions      = versions.mix(PREPARE_LINCS.out.versions)
    }

    // tuple val(meta), path(train), path(test); meta.id is the data set, 'mnist' or 'lincs'
    data    = mnist.mix(lincs)
    // tuple val(meta), path(classes.tsv) / path(summary.json)
    classes = mnist_classes.mix(lincs_classes)
    summary = mnist_summary.mix(lincs_summary)

    // S-VQ-VAE and its VQ-VAE baseline per dataset (the generic TRAIN, meta.family), evaluated together,
    // one report per dataset; the models train without a validation split
    models = Channel.fromList(params.svqvae_models.toString().split(',').collect { it.trim() }.findAll { it })
    TRAIN_SVQVAE(data.combine(models).map { meta, train, test, model ->
        [[id: "${meta.id}_${model}", dataset: meta.id, family: model], train, []] })
    trained = TRAIN_SVQVAE.out.model.map { meta, dir -> [[id: meta.dataset], dir] }
    EVALUATE_SVQVAE(data.map { meta, train, test -> [[id: meta.id], train, test] }
        .join(trained.groupTuple(sort: { a, b -> a.name <=> b.name })))
    REPORT_SVQVAE(EVALUATE_SVQVAE.out.results)
    versions = versions.mix(TRAIN_SVQVAE.out.versions, EVALUATE_SVQVAE.out.versions, REPORT_SVQVAE.out.versions)

    emit:
    data
    classes
    summary
    metrics  = EVALUATE_SVQVAE.out.metrics
    report   = REPORT_SVQVAE.out.html
    versions
}
