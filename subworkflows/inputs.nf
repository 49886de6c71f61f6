/*
 * INPUTS: every input file of a track, a local file or a download. Each source is
 * key: [path, urls, checksum] or [path, urls, checksum, name]; a source with a path is that local file (it must
 * exist), else its URL(s) are fetched once into the data cache by DOWNLOAD (conf/full_*.config set the *_url /
 * *_checksum params), as `name` when given (an address such as figshare's .../files/35775507 names no file).
 *
 * take:  sources   a map key -> [path, urls, checksum(, name)] of the files the track needs (all of them are used)
 * emit:  files     tuple val(key), path(file): one per source, local ones first
 */
include { DOWNLOAD } from '../modules/download'

workflow INPUTS {
    take:
    sources

    main:
    local = sources.findAll { k, v -> v[0] }.collect { k, v -> [k, file(v[0], checkIfExists: true)] }
    remote = sources.findAll { k, v -> !v[0] }.collect { k, v -> downloadInput(k, v.size() > 3 ? v[3] : null, v[1], v[2]) }
    DOWNLOAD(Channel.fromList(remote))
    files = Channel.fromList(local).mix(DOWNLOAD.out.file.map { meta, f -> [meta.key, f] })

    emit:
    files
}

/*
 * [meta, urls] for DOWNLOAD: `urls` is one string of mirrors separated by spaces or commas (or a list),
 * `checksum` 'md5:HEX' or 'sha256:HEX' or empty; meta.id, the file name in the cache, is `name` or the
 * last path segment of the first URL; meta.key is the source's name in the track.
 */
def downloadInput(key, name, urls, checksum) {
    def list = urls instanceof List ? urls.collect { it.toString().trim() } : urls?.toString()?.tokenize(' ,\t\n')
    if (!list) {
        error "gexflow: no URL for ${name ?: key ?: 'a download'}"
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
    def sum = (checksum ?: '').toString().trim()
    if (sum && !(sum ==~ /^(md5|sha256):[0-9A-Fa-f]+$/)) {
        error "gexflow: checksum '${checksum}' is not md5:HEX or sha256:HEX"
    }
    [[id: file, key: key, checksum: sum], list]
}
