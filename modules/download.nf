/*
 * DOWNLOAD: one public data file, fetched by `gexflow download` (mirrors in order, HTTP Range resume,
 * bounded retries with backoff, checksum verification) into the data cache. storeDir (set to
 * params.data_cache in conf/modules.config) makes that directory the cache: a later run, from any work
 * directory, finds the file there and skips the task, so every file is fetched once.
 *
 * Input: tuple val(meta), val(urls)
 *   meta.id        file name in the cache (unique across tracks: the cache is one flat directory)
 *   meta.checksum  'md5:HEX' or 'sha256:HEX', verified after the download; empty: ext.args names the
 *                  cache's checksum ledger, where the sha256 is recorded on first download and verified
 *                  on every later download of that URL
 *   urls           a list of URLs of the same file, tried in order (mirrors)
 * Output: tuple val(meta), path(meta.id), emit: file
 *
 * No versions.yml: storeDir keeps every output of the task in the cache, where one versions.yml would be
 * shared by all files, and a cache filled before would look incomplete and be fetched again (the header of
 * pipeline_info/software_versions.yml names the gexflow version).
 *
 * subworkflows/inputs.nf builds the tuples from the *_url / *_checksum params (conf/full_*.config).
 */
process DOWNLOAD {
    tag "${meta.id}"
    label 'process_low'
    maxForks 2

    input:
    tuple val(meta), val(urls)

    output:
    tuple val(meta), path("${meta.id}"), emit: file

    script:
    def args = task.ext.args ?: ''
    def mirrors = urls.collect { "--url '${it}'" }.join(' ')
    def sum = (meta.checksum ?: '').toString().trim().tokenize(':')
    def verify = sum ? "--${sum[0]} ${sum[1]}" : ''
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    export OMP_NUM_THREADS=${task.cpus}
    gexflow download ${mirrors} --out '${meta.id}' ${verify} ${args}
    """

    stub:
    """
    touch '${meta.id}'
    """
}
