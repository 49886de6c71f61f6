package io.gexflow.io.gct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GctxStreamWriterTest {
    @TempDir Path dir;

    private static void writeInBlocks(GctxStreamWriter w, float[] values, int nRows, int... blocks) {
        int at = 0;
        for (int b : blocks) {
            w.write(values, at * nRows, b);
            at += b;
        }
    }

    @Test
    void blocksOfSamplesMakeTheSameFileAsTheWholeMatrixWriter() throws Exception {
        GctxWriterTest.Generated g = GctxWriterTest.Generated.of(37, 23, 11);
        Path whole = dir.resolve("whole.gctx");
        g.write(whole, GctxWriter.Options.CONTIGUOUS);
        Path streamed = dir.resolve("streamed.gctx");
        try (GctxStreamWriter w = new GctxStreamWriter(streamed, g.rowIds(), g.colIds(), g.rowMeta(), g.colMeta(), Map.of())) {
            writeInBlocks(w, g.values(), 37, 1, 0, 9, 13);
            assertEquals(23, w.columnsWritten());
            assertFalse(Files.exists(streamed), "the file appears only on close");
        }
        try (GctDataset ds = GctDataset.open(streamed)) {
            g.assertReadBack(ds);
        }
        // jHDF lays out both files alike: byte for byte the same file
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(streamed));
    }

    @Test
    void blocksLargerThanTheBufferAndRootAttributes() {
        int nRows = 3001; // a sample does not divide the 1 MiB buffer
        int nCols = 200;
        float[] values = new float[nRows * nCols];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f - 7;
        }
        List<String> rows = java.util.stream.IntStream.range(0, nRows).mapToObj(i -> "g" + i).toList();
        List<String> cols = java.util.stream.IntStream.range(0, nCols).mapToObj(i -> "s" + i).toList();
        Path out = dir.resolve("big.gctx");
        try (GctxStreamWriter w = new GctxStreamWriter(out, rows, cols, Map.of(), Map.of(),
                Map.of("gexflow_scale", "expression"))) {
            writeInBlocks(w, values, nRows, 150, 50);
        }
        try (GctDataset ds = GctDataset.open(out)) {
            GctxWriterTest.assertBitExact(values, ds.readAll());
        }
        try (HdfFile hdf = new HdfFile(out)) {
            assertArrayEquals(new String[] {"expression"}, (String[]) hdf.getAttribute("gexflow_scale").getData());
            assertEquals("GCTX1.0", hdf.getAttribute("version").getData());
        }
    }

    @Test
    void incompleteOrExcessWritesLeaveNoFileAndKeepTheOldOne() throws Exception {
        GctxWriterTest.Generated g = GctxWriterTest.Generated.of(5, 6, 12);
        Path out = dir.resolve("out.gctx");
        Files.writeString(out, "old");
        GctxStreamWriter w = new GctxStreamWriter(out, g.rowIds(), g.colIds(), Map.of(), Map.of(), Map.of());
        w.write(g.values(), 0, 4);
        assertThrows(IllegalArgumentException.class, () -> w.write(g.values(), 0, 3), "past the last sample");
        var e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("only 4 of 6 samples"), e.getMessage());
        assertEquals("old", Files.readString(out));

        GctxStreamWriter a = new GctxStreamWriter(out, g.rowIds(), g.colIds(), Map.of(), Map.of(), Map.of());
        a.write(g.values(), 0, 6);
        a.abort();
        a.close();
        assertEquals("old", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left");
        }
        assertThrows(IllegalArgumentException.class, () -> new GctxStreamWriter(out, List.of("a"), List.of("b"),
                Map.of("id", List.of("x")), Map.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new GctxStreamWriter(out, List.of("a"), List.of("b"),
                Map.of(), Map.of(), Map.of("version", "2")));
    }

    /** The HDF5 C library reads the streamed file; skipped where h5dump is not installed. */
    @Test
    void h5dumpReadsTheStreamedFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("h5dump"), "h5dump not installed");
        Path out = dir.resolve("dump.gctx");
        try (GctxStreamWriter w = new GctxStreamWriter(out, List.of("a", "b"), List.of("s1", "s2", "s3"), Map.of(),
                Map.of(), Map.of("gexflow_scale", "standardised"))) {
            w.write(new float[] {1.5f, -2, 3, 4});
            w.write(new float[] {5, 6.25f});
        }
        Process p = new ProcessBuilder("h5dump", "-a", "/gexflow_scale", "-d", GctxDataset.MATRIX, out.toString())
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), dump);
        assertTrue(dump.contains("H5T_IEEE_F32LE") && dump.contains("( 3, 2 )"), dump);
        assertTrue(dump.replaceAll("\\s+", " ").contains("(0,0): 1.5, -2, (1,0): 3, 4, (2,0): 5, 6.25"), dump);
        assertTrue(dump.contains("\"standardised\""), dump);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
