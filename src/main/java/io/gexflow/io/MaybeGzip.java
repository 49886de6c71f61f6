package io.gexflow.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input file for streaming, decompressing it when it is gzip: decided by the gzip magic
 * bytes {@code 1f 8b}, never by the file's name, so {@code x.gz} that is plain and {@code x} that is
 * gzipped both read right.
 */
public final class MaybeGzip {
    private static final int BUFFER = 1 << 16;

    private MaybeGzip() {}

    /** True if the file starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) {
        checkFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A buffered stream of the file's (decompressed) bytes. */
    public static InputStream open(Path file) {
        boolean gz = isGzip(file);
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            return gz ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
        } catch (IOException e) {
            throw new InputException(file, (gz ? "not a valid gzip file (" : "cannot read (") + e.getMessage() + ")", e);
        }
    }

    static void checkFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file, "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file, "file is not readable (permission denied)");
        }
    }
}
