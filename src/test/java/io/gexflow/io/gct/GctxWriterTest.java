package io.gexflow.io.gct;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GctxWriterTest {

    @TempDir
    Path dir;

    /** A generated matrix with ids, metadata (with nulls) and awkward float values. */
    record Generated(List<String> rowIds, List<String> colIds, Map<String, List<String>> rowMeta,
                     Map<String, List<String>> colMeta, float[] values) {

        static Generated of(int nRows, int nCols, long seed) {
            Random rnd = new Random(seed);
            List<String> rowIds = new ArrayList<>();
            List<String> symbols = new ArrayList<>();
            for (int r = 0; r < nRows; r++) {
                rowIds.add("probe_" + r + "_at");
                symbols.add(r % 7 == 0 ? null : "GENE" + rnd.nextInt(1000));
            }
            List<String> colIds = new ArrayList<>();
            List<String> dose = new ArrayList<>();
            List<String> cell = new ArrayList<>();
            for (int c = 0; c < nCols; c++) {
                colIds.add("PLATE:" + c + (c % 5 == 0 ? ":µM-β" : ""));
                dose.add(c % 3 == 0 ? null : Double.toString(rnd.nextInt(100) / 4.0));
                cell.add(c % 2 == 0 ? "A375" : "MCF7");
            }
            Map<String, List<String>> rowMeta = new LinkedHashMap<>();
            rowMeta.put("pr_gene_symbol", symbols);
            Map<String, List<String>> colMeta = new LinkedHashMap<>();
            colMeta.put("cell_id", cell);
            colMeta.put("pert_dose", dose);
            float[] values = new float[nRows * nCols];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (rnd.nextGaussian() * 3);
            }
            float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE,
                    Float.MAX_VALUE, -666f, 1e-30f};
            System.arraycopy(special, 0, values, 0, Math.min(special.length, values.length));
            return new Generated(rowIds, colIds, rowMeta, colMeta, values);
        }

        void write(Path out, GctxWriter.Options options) {
            GctxWriter.write(out, rowIds, colIds, rowMeta, colMeta, values, options);
        }

        void assertReadBack(GctDataset ds) {
            assertEquals("GCTX", ds.formatName());
            assertEquals(rowIds, ds.rowIds());
            assertEquals(colIds, ds.columnIds());
            assertEquals(rowMeta, ds.rowMetadata());
            assertEquals(colMeta, ds.columnMetadata());
            assertBitExact(values, ds.readAll());
        }
    }

    static void assertBitExact(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    @Test
    void roundTripSmall() {
        Generated g = Generated.of(12, 9, 1);
        Path out = dir.resolve("small.gctx");
        g.write(out, GctxWriter.Options.CONTIGUOUS);
        try (GctDataset ds = GctDataset.open(out)) {
            g.assertReadBack(ds);
            assertEquals(null, ds.rowMetadata().get("pr_gene_symbol").get(0));
            assertEquals("PLATE:0:µM-β", ds.columnIds().get(0));
        }
    }

    @Test
    void roundTripLargeAcrossManySlices() {
        int nRows = 978;
        int nCols = 700;
        Generated g = Generated.of(nRows, nCols, 2);
        Path out = dir.resolve("large.gctx");
        g.write(out, GctxWriter.Options.CONTIGUOUS);
        // 50 000 values per slice = 51 samples per hyperslab read, so ~14 slices for the full read
        try (GctDataset ds = GctxDataset.open(out, 50_000)) {
            g.assertReadBack(ds);
            assertBitExact(Arrays.copyOfRange(g.values(), 123 * nRows, 456 * nRows), ds.readColumns(123, 456));
            int[] pick = new Random(3).ints(300, 0, nCols).toArray();
            for (int i = 100; i < 200; i++) {
                pick[i] = 400 + i; // a long consecutive run, split across slices
            }
            float[] got = ds.readColumns(pick);
            for (int k = 0; k < pick.length; k++) {
                assertBitExact(Arrays.copyOfRange(g.values(), pick[k] * nRows, (pick[k] + 1) * nRows),
                        Arrays.copyOfRange(got, k * nRows, (k + 1) * nRows));
            }
        }
    }

    @Test
    void roundTripChunkedDeflate() {
        Generated g = Generated.of(50, 41, 4);
        Path out = dir.resolve("chunked.gctx");
        g.write(out, GctxWriter.Options.chunked(4, 8)); // 6 chunks, the last one partial
        try (GctDataset ds = GctxDataset.open(out, 50 * 3)) { // slices of 3 samples cross chunk edges
            g.assertReadBack(ds);
            assertBitExact(Arrays.copyOfRange(g.values(), 7 * 50, 33 * 50), ds.readColumns(7, 33));
            assertBitExact(Arrays.copyOfRange(g.values(), 40 * 50, 41 * 50), ds.readColumns(new int[]{40}));
        }
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(out)) {
            io.jhdf.api.Dataset m = hdf.getDatasetByPath(GctxDataset.MATRIX);
            assertEquals(io.jhdf.object.message.DataLayout.CHUNKED, m.getDataLayout());
            assertEquals("deflate", m.getFilters().get(0).getName());
            assertEquals(float.class, m.getJavaType());
        }
    }

    @Test
    void gctRewrittenAsGctxReadsTheSame() {
        Path out = dir.resolve("mini.gctx");
        try (GctDataset gct = GctDataset.open(GctReadTest.fixture("mini_gctoo_for_testing.gct"))) {
            GctxWriter.write(out, gct.rowIds(), gct.columnIds(), gct.rowMetadata(), gct.columnMetadata(), gct.readAll());
            try (GctDataset back = GctDataset.open(out)) {
                assertEquals(gct.rowIds(), back.rowIds());
                assertEquals(gct.columnIds(), back.columnIds());
                assertEquals(gct.rowMetadata(), back.rowMetadata());
                assertEquals(gct.columnMetadata(), back.columnMetadata());
                assertBitExact(gct.readAll(), back.readAll());
            }
        }
    }

    @Test
    void replacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path out = dir.resolve("out.gctx");
        Files.writeString(out, "old content");
        Generated g = Generated.of(3, 2, 5);
        g.write(out, GctxWriter.Options.CONTIGUOUS);
        try (GctDataset ds = GctDataset.open(out)) {
            g.assertReadBack(ds);
        }
        // A failing write leaves the previous file alone and no temp file behind.
        assertThrows(IllegalArgumentException.class, () -> GctxWriter.write(out, List.of("a"), List.of("b"),
                Map.of(), Map.of(), new float[2]));
        assertThrows(IllegalArgumentException.class, () -> GctxWriter.write(out, List.of("a"), List.of("b"),
                Map.of("id", List.of("x")), Map.of(), new float[1]));
        assertThrows(IllegalArgumentException.class, () -> GctxWriter.write(out, List.of("a"), List.of("b"),
                Map.of(), Map.of("dose", List.of("1", "2")), new float[1]));
        try (GctDataset ds = GctDataset.open(out)) {
            g.assertReadBack(ds);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    /** The HDF5 C library (h5dump, from hdf5-tools) reads what jHDF wrote; skipped where not installed. */
    @Test
    void h5dumpReadsTheWrittenFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("h5dump"), "h5dump not installed");
        Generated g = Generated.of(4, 3, 10);
        Path out = dir.resolve("dump.gctx");
        g.write(out, GctxWriter.Options.chunked(6, 2));
        Process p = new ProcessBuilder("h5dump", "-d", "/0/META/COL/id", "-d", GctxDataset.MATRIX, out.toString())
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), dump);
        assertTrue(dump.contains("H5T_IEEE_F32LE") && dump.contains("( 3, 4 )"), dump);
        assertTrue(dump.contains("\"PLATE:1\"") && dump.contains("\"PLATE:2\""), dump);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    @Test
    void missingOutputDirectoryIsCreatedAndADirectoryTargetIsAnInputException() throws Exception {
        Path out = dir.resolve("no/such/dir/x.gctx");
        Generated.of(2, 2, 6).write(out, GctxWriter.Options.CONTIGUOUS);
        try (GctDataset ds = GctDataset.open(out)) {
            assertEquals(2, ds.rowCount());
        }
        var e2 = assertThrows(io.gexflow.io.InputException.class, () -> Generated.of(2, 2, 6).write(dir,
                GctxWriter.Options.CONTIGUOUS));
        assertTrue(e2.getMessage().contains("is a directory"), e2.getMessage());
    }
}
