#!/usr/bin/env nextflow
/*
 * gexflow: re-run published deep models of gene expression end to end.
 * Tracks: D-GEX (landmark -> target gene inference), S-VQ-VAE (one code per class, MNIST and
 * LINCS) and perturb (SAMS-VAE, CPA-VAE, conditional VAE and the additive baseline on single-cell counts
 * under interventions; a simulation unless --perturb_data is set). Every step is `gexflow <verb>`
 * (bin/gexflow). A track runs when it is listed in
 * --tracks and its inputs are set (a path, or a URL from a full_* profile).
 */
nextflow.enable.dsl = 2

include { DGEX   } from './workflows/dgex'
include { SVQVAE } from './workflows/svqvae'
include { PERTURB } from './workflows/perturb'

def selected(track) {
    params.tracks.toString().split(',').collect { it.trim() }.contains(track)
}

def dgexInputs() {
    params.dgex_gctx || params.dgex_gctx_url
}

def svqvaeInputs() {
    def files = ['mnist_train_images', 'mnist_train_labels', 'mnist_test_images', 'mnist_test_labels',
                 'lincs_gctx', 'lincs_sig_info', 'lincs_gene_info']
    files.any { params["svqvae_${it}"] || params["svqvae_${it}_url"] } || params.svqvae_lincs_pcl
}

// the perturbation track always has an input: the papers' h5ad files, --perturb_data, else its simulation
def perturbInputs() {
    params.perturb_data || params.perturb_simulate || perturbPaperData()
}

def perturbPaperData() {
    params.perturb_norman_h5ad || params.perturb_norman_url || params.perturb_replogle_h5ad || params.perturb_replogle_url
}

// ---- parameters: checked against nextflow_schema.json before any task starts (no plugin, no network)

def schemaGroups() {
    new groovy.json.JsonSlurper().parse(file("${projectDir}/nextflow_schema.json").toFile())['$defs']
}

def helpText() {
    def lines = ["gexflow ${workflow.manifest.version}: ${workflow.manifest.description}",
        '',
        '  ./nextflow run . -profile test            every track on the bundled test data',
        '  ./nextflow run . -profile full_dgex       D-GEX on the paper\'s data (downloads once into --data_cache)',
        '  ./nextflow run . --dgex_gctx F --dgex_landmarks map_lm.txt --dgex_targets map_tg.txt',
        '  ./nextflow run . -profile test --tracks perturb   the perturbation track on the bundled simulation',
        '  ./nextflow run . -profile full_perturb    the perturbation track on Norman 2019 and Replogle 2022 (downloads once)',
        '  Profiles: test, full_dgex, full_svqvae, full_perturb, gpu, docker, podman, singularity, apptainer, slurm, awsbatch, google',
        '']
    schemaGroups().each { name, group ->
        lines << "${group.title}:"
        group.properties.each { param, spec ->
            def type = spec.type instanceof List ? spec.type.findAll { it != 'null' }.join('|') : spec.type
            def dflt = spec.containsKey('default') ? " [default: ${spec.default}]" : ''
            def choices = spec.enum ? " (${spec.enum.join('|')})" : ''
            lines << "  --${param.padRight(34)} ${type}${choices}${dflt}"
            lines << "      ${spec.description}"
        }
        lines << ''
    }
    lines.join('\n')
}

def isNumeric(v) {
    v instanceof Number || (v instanceof CharSequence && v.toString().isNumber())
}

def typeProblem(String name, value, spec) {
    def types = spec.type instanceof List ? spec.type : [spec.type]
    if (value == null || value == '') {
        return types.contains('null') || types.contains('string') ? null : "--${name}: needs a value"
    }
    if (types.contains('boolean') && !(value instanceof Boolean) && !(value.toString() in ['true', 'false'])) {
        return "--${name}: '${value}' is not true or false"
    }
    if (types.contains('integer') && !(value instanceof Integer || value instanceof Long || value instanceof BigInteger
            || (value instanceof CharSequence && value.toString().isLong()))) {
        return "--${name}: '${value}' is not a whole number"
    }
    if (types.contains('number') && !isNumeric(value)) {
        return "--${name}: '${value}' is not a number"
    }
    if (types.contains('string') && value instanceof Boolean) {
        return "--${name}: needs a value (got the bare flag)"
    }
    def text = value.toString()
    if (spec.enum && !(text in spec.enum.collect { it.toString() })) {
        return "--${name}: '${text}' is not one of ${spec.enum.join(', ')}"
    }
    if (spec.pattern && !(text =~ spec.pattern)) {
        return "--${name}: '${text}' does not match ${spec.pattern}"
    }
    if (isNumeric(value)) {
        def x = value.toString() as BigDecimal
        if (spec.containsKey('minimum') && x < (spec.minimum as BigDecimal)) {
            return "--${name}: ${text} is below the minimum ${spec.minimum}"
        }
        if (spec.containsKey('maximum') && x > (spec.maximum as BigDecimal)) {
            return "--${name}: ${text} is above the maximum ${spec.maximum}"
        }
        if (spec.containsKey('exclusiveMinimum') && x <= (spec.exclusiveMinimum as BigDecimal)) {
            return "--${name}: ${text} must be greater than ${spec.exclusiveMinimum}"
        }
        if (spec.containsKey('exclusiveMaximum') && x >= (spec.exclusiveMaximum as BigDecimal)) {
            return "--${name}: ${text} must be less than ${spec.exclusiveMaximum}"
        }
    }
    if (spec.format == 'file-path' && !(text ==~ /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/.*/) && !file(text).exists()) {
        return "--${name}: file ${text} does not exist"
    }
    null
}

// every problem at once: unknown names (with the nearest known one), wrong types, out of range, missing files
def parameterProblems() {
    def specs = [:]
    schemaGroups().each { g, group -> specs.putAll(group.properties) }
    def snake = { String k -> k.replaceAll(/([A-Z])/, '_$1').toLowerCase().replace('-', '_') }
    def problems = []
    params.keySet().toSorted().each { String k ->
        if (specs.containsKey(k)) {
            def p = typeProblem(k, params[k], specs[k])
            if (p) {
                problems << p
            }
        } else if (!specs.containsKey(snake(k))) {
            def near = specs.keySet().min { org.apache.commons.lang.StringUtils.getLevenshteinDistance(it, snake(k)) }
            problems << "--${k}: unknown parameter" + (near ? " (did you mean --${near}?)" : '')
        }
    }
    problems
}

// ---- pipeline_info/: resolved params and software versions beside Nextflow's timeline/report/trace/DAG

// the pipeline's own versions (manifest, commit, Nextflow, the pom's DJL/PyTorch, the launcher's Java)
def pipelineVersions() {
    def commit = workflow.commitId
    if (!commit) {
        try {
            def git = ['git', '-C', projectDir.toString(), 'rev-parse', 'HEAD'].execute()
            git.waitFor()
            commit = git.exitValue() == 0 ? git.text.trim() : null
        } catch (Exception e) {
            commit = null
        }
    }
    def pom = file("${projectDir}/pom.xml").text
    def prop = { String name -> def m = pom =~ "<${name}>([^<]+)</${name}>"; m.find() ? m.group(1) : 'unknown' }
    """\
        gexflow:
          version: ${workflow.manifest.version}
          commit: ${commit ?: 'unknown'}
          profile: ${workflow.profile}
          container: ${workflow.containerEngine ? "${workflow.containerEngine} ${workflow.container}" : 'none'}
        nextflow: ${nextflow.version}
        djl: ${prop('djl.version')}
        pytorch: ${prop('pytorch.version')} (${prop('pytorch.native.artifact')})
        java: ${System.getProperty('java.version')} (${System.getProperty('java.vendor')}, launcher)
        """.stripIndent()
}

// written before any task starts (so -preview and a failed run have them too); software_versions.yml is
// written again when the run ends, with every process's versions.yml added (softwareVersions)
def writePipelineInfo(String versions) {
    def info = file("${params.outdir}/pipeline_info")
    info.mkdirs()
    def resolved = new TreeMap(params.findAll { k, v -> !k.contains('-') })
    file("${info}/params.json").text = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(resolved)) + '\n'
    file("${info}/software_versions.yml").text = versions
}

/*
 * pipeline_info/software_versions.yml: the pipeline's versions, then one entry per process
 * ("WORKFLOW:PROCESS": tool: version) from the versions.yml every module writes, each entry once, sorted.
 */
def softwareVersions(versions, String header) {
    versions
        .map { f -> f.text.trim() + '\n' }
        .unique()
        .collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info", seed: header, sort: true)
}

workflow {
    if (params.help) {
        log.info helpText()
        return
    }
    def problems = parameterProblems()
    if (problems) {
        error "gexflow: ${problems.size()} problem${problems.size() == 1 ? '' : 's'} with the parameters " +
            "(nothing was run; --help lists them all):\n" + problems.collect { "  - ${it}" }.join('\n')
    }
    def header = pipelineVersions()
    writePipelineInfo(header)
    def ran = []
    versions = Channel.empty()
    if (selected('dgex') && dgexInputs()) {
        DGEX()
        versions = versions.mix(DGEX.out.versions)
        ran << 'dgex'
    }
    if (selected('svqvae') && svqvaeInputs()) {
        SVQVAE()
        versions = versions.mix(SVQVAE.out.versions)
        ran << 'svqvae'
    }
    if (selected('perturb') && perturbInputs()) {
        PERTURB()
        versions = versions.mix(PERTURB.out.versions)
        ran << 'perturb'
    }
    if (!ran) {
        error "gexflow: no input for the tracks ${params.tracks}: set --dgex_gctx, --dgex_landmarks and --dgex_targets, " +
            "or --svqvae_mnist_* / --svqvae_lincs_*, or --tracks perturb, or use -profile test, full_dgex or full_svqvae"
    }
    softwareVersions(versions, header)
}

workflow.onComplete {
    def out = file(params.outdir).toAbsolutePath()
    if (!workflow.success) {
        log.error "gexflow: the run failed: ${workflow.errorMessage ?: 'see .nextflow.log'}"
        return
    }
    if (selected('dgex') && dgexInputs()) {
        log.info "gexflow: D-GEX report: ${out.resolve('report/dgex.html')}"
        log.info "gexflow: D-GEX metrics: ${out.resolve('dgex/metrics.json')}"
        if ((params.gtex_gctx || params.dgex_gtex_url) && (params.geuvadis_rpkm || params.dgex_1000g_url)) {
            log.info "gexflow: D-GEX GTEx-track report: ${out.resolve('report/dgex_gtex.html')}"
        }
    }
    if (selected('svqvae') && svqvaeInputs()) {
        log.info "gexflow: S-VQ-VAE reports: ${out.resolve('report')}/svqvae_<dataset>.html"
    }
    if (selected('perturb') && perturbInputs()) {
        log.info "gexflow: perturbation report: ${out.resolve('report')}/perturb_<dataset>.html"
        // a paper data set's under perturb/<dataset>/, --perturb_data's (or the simulation's) in perturb/; both with -profile test
        def metrics = (perturbPaperData() ? ['perturb/<dataset>/metrics.json'] : []) +
            (params.perturb_data || !perturbPaperData() ? ['perturb/metrics.json'] : [])
        log.info "gexflow: perturbation metrics: ${metrics.collect { out.resolve(it) }.join(', ')}"
    }
}
