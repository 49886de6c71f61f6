package io.gexflow.io.download;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.io.TsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checksums recorded on first download and verified after: a TSV of {@code url<TAB>sha256<TAB>bytes}
 * with a header line. Recording rewrites the whole file atomically under an exclusive lock on a
 * hidden sibling {@code .NAME.lock}, so concurrent downloads (Nextflow maxForks) never lose a line.
 */
public final class ChecksumLedger {
    public static final String HEADER = "url\tsha256\tbytes";

    public record Entry(String url, String sha256, long bytes) {}

    private final Path file;

    public ChecksumLedger(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The entry of the first of {@code urls} that has one (mirrors serve the same bytes). */
    public Optional<Entry> find(List<String> urls) {
        Map<String, Entry> entries = read();
        return urls.stream().map(entries::get).filter(e -> e != null).findFirst();
    }

    /** Adds or replaces the entry of {@code entry.url()}. */
    public void record(Entry entry) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Map<String, Entry> entries = read();
            entries.put(entry.url(), entry);
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            for (Entry e : entries.values()) {
                sb.append(e.url()).append('\t').append(e.sha256()).append('\t').append(e.bytes()).append('\n');
            }
            AtomicFile.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    private Map<String, Entry> read() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (TsvReader r = TsvReader.open(file, true)) {
            for (String[] f; (f = r.next()) != null; ) {
                String line = TsvReader.text(f);
                if (line.isBlank() || line.startsWith("#") || (r.line() == 1 && line.equals(HEADER))) {
                    continue;
                }
                try {
                    if (f.length != 3) {
                        throw new IllegalArgumentException("expected 3 tab-separated fields, got " + f.length);
                    }
                    Entry e = new Entry(f[0], new Checksum(Checksum.SHA256, f[1]).hex(), Long.parseLong(f[2].strip()));
                    entries.put(e.url(), e);
                } catch (IllegalArgumentException e) {
                    throw new InputException(file, "line " + r.line() + ": not url<TAB>sha256<TAB>bytes ("
                            + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read checksum ledger (" + e.getMessage() + ")", e);
        }
        return entries;
    }
}
