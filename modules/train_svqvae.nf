/*
 * S-VQ-VAE track: train one model (svqvae: one code per class, eq. 3; vqvae: the VQ-VAE baseline,
 * eq. 1) on one data set. The network (MNIST conv / LINCS MLP) follows the file's gexflow.dataset.
 */
process TRAIN_SVQVAE {
    tag "${dataset} ${model}"
    label 'process_gpu'
    publishDir "${params.outdir}/svqvae/${dataset}/models", mode: params.publish_dir_mode

    input:
    tuple val(dataset), path(train), path(test), val(model)

    output:
    tuple val(dataset), path("${dataset}_${model}"), emit: model
    path("${dataset}_${model}.numerics.tsv"), optional: true, emit: numerics

    script:
    def mnist = dataset == 'mnist'
    def epochs = mnist ? params.svqvae_epochs_mnist : params.svqvae_epochs_lincs
    def batch = mnist ? params.svqvae_batch_size_mnist : params.svqvae_batch_size_lincs
    def rate = mnist ? params.svqvae_learning_rate_mnist : params.svqvae_learning_rate_lincs
    def rateArg = rate ? "--learning-rate ${rate}" : ''
    def debugArg = params.svqvae_debug_numerics ? "--debug-numerics ${dataset}_${model}.numerics.tsv" : ''
    def codesArg = model == 'vqvae' && params.svqvae_vqvae_codes ? "--codes ${params.svqvae_vqvae_codes}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow train-svqvae --train ${train} --model ${model} ${codesArg} \\
        --epochs ${epochs} --batch-size ${batch} ${rateArg} \\
        --beta ${params.svqvae_beta} --gamma ${params.svqvae_gamma} \\
        --seed ${params.seed} --out-dir ${dataset}_${model} ${debugArg}
    """

    stub:
    """
    mkdir ${dataset}_${model}
    touch ${dataset}_${model}/model.json ${dataset}_${model}/svqvae.params ${dataset}_${model}/history.json
    """
}
