/*
 * Perturbation track: every trained model (SAMS-VAE and sVAE families; the sVAE ones with their TRANSFER_SVAE
 * result) and the additive baseline, fitted on the
 * training split, on the held-out cells of one data set (meta.id): IWELBO, ATE Pearson r / R^2 (all genes and
 * top 20; all and test conditions), and on a simulation (truth.json and latents.arrow in the data directory)
 * latent MCC / R^2 and target-graph F1; one metrics.json. ext.args: --iwelbo-particles, --ate-samples, --seed
 * (conf/modules.config).
 */
process EVALUATE_PERTURB {
    tag "${meta.id}"
    label 'process_medium'

    input:
    tuple val(meta), path(data), path(models), path(transfers), path(timings)

    output:
    tuple val(meta), path('metrics.json'), emit: metrics
    tuple val(meta), path('figures.json'), emit: figures
    tuple val(meta), path('timing.json'),  emit: timing, optional: true
    path 'versions.yml',                   emit: versions

    script:
    def args = task.ext.args ?: ''
    // one model directory arrives as a path, several as a list
    def dirs = models instanceof Collection ? models : [models]
    def modelArgs = dirs.collect { "--model ${it.name}=${it}" }.join(' ')
    // TRANSFER_SVAE's <model>.transfer directories (none when no sVAE-family model ran)
    def tdirs = transfers instanceof Collection ? transfers : (transfers ? [transfers] : [])
    def transferArgs = tdirs.collect { d -> "--transfer ${d.name.replaceAll('[.]transfer$', '')}=${d}" }.join(' ')
    // TRAIN's <model>.timing.json files (wall-clock seconds; they go to timing.json, not metrics.json)
    def tfiles = timings instanceof Collection ? timings : (timings ? [timings] : [])
    def timingArgs = tfiles.collect { f -> "--timing ${f.name.replaceAll('[.]timing[.]json$', '')}=${f}" }.join(' ')
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow evaluate-perturb --data ${data} ${modelArgs} ${transferArgs} ${timingArgs} ${args} --out-dir .
    printf '"%s":\\n  gexflow: %s\\n  java: %s\\n' "${task.process}" "\$(gexflow --version | cut -d' ' -f2)" \\
        "\$(java -version 2>&1 | awk -F'"' 'NR == 1 { print \$2 }')" > versions.yml
    """

    stub:
    """
    echo '{"track": "perturb", "models": {}}' > metrics.json
    echo '{"runs": {}}' > figures.json
    printf '"%s":\\n  gexflow: stub\\n' "${task.process}" > versions.yml
    """
}
