package io.gexflow.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Streams an IDX file of unsigned bytes, the format of the MNIST downloads: a big-endian header
 * (magic {@code 0x0000 08 nd}: two zero bytes, data type 0x08 = unsigned byte, {@code nd} dimensions),
 * then {@code nd} big-endian unsigned 32-bit sizes, then the items, row-major.
 * <ul>
 *   <li>images: magic {@value #MAGIC_IMAGES} ({@code 0x00000803}): {@code n x rows x cols};</li>
 *   <li>labels: magic {@value #MAGIC_LABELS} ({@code 0x00000801}): {@code n}.</li>
 * </ul>
 * Gzipped and plain files both read (gzip is told by its magic bytes, not by the name). One item is
 * read at a time, so memory does not grow with the file. A wrong magic number, a file that ends
 * early, or bytes after the last item are {@link InputException}s naming the file.
 */
public final class IdxReader implements AutoCloseable {
    public static final int MAGIC_IMAGES = 0x00000803;
    public static final int MAGIC_LABELS = 0x00000801;
    static final int TYPE_UBYTE = 0x08;

    public enum Kind {
        IMAGES("image", MAGIC_IMAGES, 3), LABELS("label", MAGIC_LABELS, 1);

        final String item;
        final int magic;
        final int dims;

        Kind(String item, int magic, int dims) {
            this.item = item;
            this.magic = magic;
            this.dims = dims;
        }
    }

    private final Path file;
    private final Kind kind;
    private final boolean gzip;
    private final InputStream in;
    private final int count;
    private final int rows;
    private final int cols;
    private final int itemBytes;
    private int read;

    private IdxReader(Path file, Kind kind) {
        this.file = file;
        this.kind = kind;
        this.gzip = MaybeGzip.isGzip(file);
        this.in = MaybeGzip.open(file);
        try {
            byte[] head = new byte[4];
            int got = in.readNBytes(head, 0, 4);
            if (got < 4) {
                throw new InputException(file, got == 0 ? "empty file, expected an IDX " + kind.item + " file"
                        : "truncated: the IDX header ends after " + got + " bytes");
            }
            checkMagic(head);
            int[] sizes = new int[kind.dims];
            for (int d = 0; d < kind.dims; d++) {
                byte[] b = new byte[4];
                int n = in.readNBytes(b, 0, 4);
                if (n < 4) {
                    throw new InputException(file, "truncated: the IDX header ends after " + (4 + 4 * d + n) + " bytes");
                }
                long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                if (v > Integer.MAX_VALUE) {
                    throw new InputException(file, "IDX dimension " + d + " is " + v + ": too large, corrupt header?");
                }
                sizes[d] = (int) v;
            }
            this.count = sizes[0];
            this.rows = kind == Kind.IMAGES ? sizes[1] : 1;
            this.cols = kind == Kind.IMAGES ? sizes[2] : 1;
            long bytes = (long) rows * cols;
            if (bytes > Integer.MAX_VALUE || (kind == Kind.IMAGES && bytes == 0)) {
                throw new InputException(file, "IDX images of " + rows + " x " + cols + " pixels: corrupt header?");
            }
            this.itemBytes = (int) bytes;
            if (!gzip) {
                long expected = 4L + 4L * kind.dims + (long) count * itemBytes;
                long size = Files.size(file);
                if (size < expected) {
                    throw new InputException(file, "truncated: the header announces " + describeContent()
                            + " (" + expected + " bytes) but the file has " + size + " bytes");
                }
                if (size > expected) {
                    throw new InputException(file, (size - expected) + " bytes after the " + describeContent()
                            + " the header announces: not an IDX file, or a wrong header");
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw problem(e, "the IDX header");
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Opens an IDX image file (magic 2051). */
    public static IdxReader openImages(Path file) {
        return new IdxReader(file, Kind.IMAGES);
    }

    /** Opens an IDX label file (magic 2049). */
    public static IdxReader openLabels(Path file) {
        return new IdxReader(file, Kind.LABELS);
    }

    private void checkMagic(byte[] m) {
        int magic = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        if (magic == kind.magic) {
            return;
        }
        String wanted = "expected an IDX " + kind.item + " file (magic " + kind.magic + ")";
        if (m[0] != 0 || m[1] != 0) {
            throw new InputException(file, "not an IDX file: it starts with bytes " + hex(m) + ", " + wanted);
        }
        if ((m[2] & 0xff) != TYPE_UBYTE) {
            throw new InputException(file, String.format("IDX data type 0x%02x is not supported (unsigned bytes, 0x08, only), ", m[2] & 0xff)
                    + wanted);
        }
        Kind other = kind == Kind.IMAGES ? Kind.LABELS : Kind.IMAGES;
        if (magic == other.magic) {
            throw new InputException(file, "this is an IDX " + other.item + " file (magic " + magic + "), " + wanted);
        }
        throw new InputException(file, "IDX file with " + (m[3] & 0xff) + " dimensions (magic " + magic + "), " + wanted);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    private String describeContent() {
        return kind == Kind.IMAGES ? count + " images of " + rows + " x " + cols : count + " labels";
    }

    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the file was gzip-compressed. */
    public boolean gzip() {
        return gzip;
    }

    /** Number of items the header announces. */
    public int count() {
        return count;
    }

    /** Image height (1 for labels). */
    public int rows() {
        return rows;
    }

    /** Image width (1 for labels). */
    public int cols() {
        return cols;
    }

    /** Bytes per item: rows x cols for images, 1 for labels. */
    public int itemBytes() {
        return itemBytes;
    }

    /** Items read so far. */
    public int itemsRead() {
        return read;
    }

    /** Whether items are left to read. */
    public boolean hasNext() {
        return read < count;
    }

    /** Reads the next item into {@code dst[0 .. itemBytes())}. */
    public void next(byte[] dst) {
        if (read >= count) {
            throw new IllegalStateException("all " + count + " items of " + file + " were read");
        }
        try {
            int n = in.readNBytes(dst, 0, itemBytes);
            if (n < itemBytes) {
                throw truncated();
            }
        } catch (IOException e) {
            throw problem(e, kind.item + " " + read);
        }
        read++;
    }

    /** Reads the next label, 0..255. */
    public int nextLabel() {
        if (kind != Kind.LABELS) {
            throw new IllegalStateException(file + " holds images, not labels");
        }
        byte[] b = new byte[1];
        next(b);
        return b[0] & 0xff;
    }

    /** Reads every remaining label (label files are small) and checks the end of the file. */
    public int[] readAllLabels() {
        int[] labels = new int[count - read];
        byte[] buf = new byte[labels.length];
        next(buf, labels.length);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = buf[i] & 0xff;
        }
        finish();
        return labels;
    }

    private void next(byte[] dst, int items) {
        try {
            int n = in.readNBytes(dst, 0, items * itemBytes);
            if (n < items * itemBytes) {
                read += n / itemBytes;
                throw truncated();
            }
        } catch (IOException e) {
            throw problem(e, kind.item + " " + read);
        }
        read += items;
    }

    /** Checks that every item was read and nothing follows the last one. */
    public void finish() {
        if (read != count) {
            throw new IllegalStateException(read + " of " + count + " items of " + file + " read");
        }
        try {
            long extra = 0;
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0 && extra < (1 << 20)) {
                extra += n;
            }
            if (extra > 0) {
                throw new InputException(file, (extra >= (1 << 20) ? "more than " : "") + extra + " bytes after the "
                        + describeContent() + " the header announces: not an IDX file, or a wrong header");
            }
        } catch (IOException e) {
            throw problem(e, "the end of the file");
        }
    }

    private InputException truncated() {
        return new InputException(file, "truncated: the header announces " + describeContent()
                + " but the data ends in " + kind.item + " " + read + (gzip ? " (gzip data ends early)" : ""));
    }

    private InputException problem(IOException e, String where) {
        if (e instanceof EOFException && gzip) {
            return new InputException(file, "truncated gzip file: it ends in " + where + " of " + describeSafe(), e);
        }
        if (e instanceof ZipException) {
            return new InputException(file, "corrupt gzip data in " + where + " (" + e.getMessage() + ")", e);
        }
        return new InputException(file, "cannot read " + where + " (" + e.getMessage() + ")", e);
    }

    private String describeSafe() {
        return itemBytes == 0 ? "the file" : describeContent();
    }

    /** Checks that an image file and a label file describe the same number of samples. */
    public static void checkPair(IdxReader images, IdxReader labels) {
        if (images.count() != labels.count()) {
            throw new InputException(labels.file(), "has " + labels.count() + " labels but " + images.file()
                    + " has " + images.count() + " images");
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
