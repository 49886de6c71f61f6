process TRAIN_DGEX {
    tag "${track} ${layers}x${units} dropout ${dropout}"
    label 'process_gpu'
    publishDir "${params.outdir}/${track}/models", mode: params.publish_dir_mode

    input:
    val track
    path train
    path valid
    tuple val(layers), val(units), val(dropout)

    output:
    path "dgex_${layers}x${units}_d${dropout}", emit: model

    script:
    def name = "dgex_${layers}x${units}_d${dropout}"
    def rate = params.dgex_learning_rate ? "--learning-rate ${params.dgex_learning_rate}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow train-dgex --train ${train} --valid ${valid} \\
        --hidden-layers ${layers} --hidden-units ${units} --dropout ${dropout} \\
        --epochs ${params.dgex_epochs} --batch-size ${params.dgex_batch_size} ${rate} \\
        --momentum ${params.dgex_momentum} --monitor-samples ${params.dgex_monitor_samples} \\
        --target-partitions ${params.dgex_target_partitions} \\
        --seed ${params.seed} --out-dir ${name}
    """

    stub:
    """
    mkdir dgex_${layers}x${units}_d${dropout}
    echo '{"type": "dgex", "summary": {"best_valid_mae": 0}}' > dgex_${layers}x${units}_d${dropout}/model.json
    """
}
