package io.gexflow.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files of unsigned bytes (MNIST layout; see {@link IdxReader}), plain or gzipped, atomically. */
public final class IdxWriter {
    private IdxWriter() {}

    /** {@code n = pixels.length / (rows * cols)} images, row-major, one byte per pixel. */
    public static void writeImages(Path file, int rows, int cols, byte[] pixels, boolean gzip) {
        if (rows <= 0 || cols <= 0 || pixels.length % (rows * cols) != 0) {
            throw new IllegalArgumentException(pixels.length + " bytes are not whole " + rows + " x " + cols + " images");
        }
        write(file, IdxReader.MAGIC_IMAGES, new int[] {pixels.length / (rows * cols), rows, cols}, pixels, gzip);
    }

    /** One byte per label. */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) {
        write(file, IdxReader.MAGIC_LABELS, new int[] {labels.length}, labels, gzip);
    }

    private static void write(Path file, int magic, int[] dims, byte[] data, boolean gzip) {
        try (AtomicFile out = new AtomicFile(file)) {
            try (OutputStream raw = Files.newOutputStream(out.temp());
                    OutputStream z = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(z, 1 << 16))) {
                d.writeInt(magic);
                for (int n : dims) {
                    d.writeInt(n);
                }
                d.write(data);
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
