/*
 * DOWNLOAD: one public data file, fetched by `gexflow download` (mirrors in order, HTTP Range resume,
 * bounded retries with backoff, checksum verification) into params.data_cache. storeDir makes that
 * directory the cache: a later run, from any work directory, finds the file there and skips the task,
 * so every file is fetched once.
 *
 * Input: tuple val(name), val(urls), val(checksum)
 *   name      file name in the cache (unique across tracks: the cache is one flat directory)
 *   urls      a list of URLs of the same file, tried in order (mirrors)
 *   checksum  'md5:HEX' or 'sha256:HEX'; empty or null: the sha256 is recorded on first download in
 *             ${params.data_cache}/checksums.tsv and verified on every later download of that URL
 * Output: path(name), emit: file
 *
 * downloadInput(name, urls, checksum) builds that tuple from string params (see conf/full_*.config).
 */

process DOWNLOAD {
    tag "${name}"
    label 'process_low'
    storeDir "${params.data_cache}"
    maxForks 2

    input:
    tuple val(name), val(urls), val(checksum)

    output:
    path "${name}", emit: file

    script:
    def mirrors = urls.collect { "--url '${it}'" }.join(' ')
    def verify = checksumOption(checksum, params.data_cache)
    """
    export GEXFLOW_JAVA_OPTS="-Xmx${(task.memory.toMega() * 3).intdiv(4)}m"
    gexflow download ${mirrors} --out '${name}' ${verify} \\
        --retries ${params.download_retries} --timeout-s ${params.download_timeout_s}
    """

    stub:
    """
    touch '${name}'
    """
}

/*
 * [name, urls, checksum] for DOWNLOAD from params: `urls` is one string of mirrors separated by spaces
 * or commas (or a list), `checksum` as above; `name` defaults to the last path segment of the first URL.
 */
def downloadInput(name, urls, checksum) {
    def list = urls instanceof List ? urls.collect { it.toString().trim() } : urls?.toString()?.tokenize(' ,\t\n')
    if (!list) {
        error "gexflow: no URL for ${name ?: 'a download'}"
    }
    list.each { u ->
        if (!(u ==~ /https?:\/\/[^\s']+/)) {
            error "gexflow: not an http(s) URL without quotes or spaces: ${u}"
        }
    }
    def file = name ?: list[0].replaceAll(/[?#].*$/, '').tokenize('/')[-1]
    if (!(file ==~ /[A-Za-z0-9._+-]+/)) {
        error "gexflow: download name '${file}' must be a plain file name (letters, digits, . _ + -)"
    }
    [file, list, checksum ?: '']
}

/* The `gexflow download` option that verifies: --md5 / --sha256, else the checksum ledger of the cache. */
def checksumOption(checksum, dataCache) {
    def m = (checksum ?: '').toString().trim() =~ /^(md5|sha256):([0-9A-Fa-f]+)$/
    if (m.matches()) {
        return "--${m.group(1)} ${m.group(2)}"
    }
    if (checksum) {
        error "gexflow: checksum '${checksum}' is not md5:HEX or sha256:HEX"
    }
    "--checksum-ledger '${file(dataCache).toAbsolutePath()}/checksums.tsv'"
}
