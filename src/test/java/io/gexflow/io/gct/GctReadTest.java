package io.gexflow.io.gct;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the cmapPy fixtures (src/test/resources/cmappy, BSD-3, see LICENSE.txt there). */
class GctReadTest {

    static Path fixture(String name) {
        URL url = GctReadTest.class.getResource("/cmappy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "mini_gctoo_for_testing.gct,         GCT 1.3, 6,   6",
            "mini_gctoo_for_testing.gctx,        GCTX,    6,   6",
            "mini_gctoo_for_testing_nometa.gctx, GCTX,    6,   6",
            "mini_gctx_with_metadata_n2x3.gctx,  GCTX,    3,   2",
            "test_l1000.gct,                     GCT 1.3, 978, 377",
            "test_l1000.gctx,                    GCT 1.3, 978, 377", // GCT 1.3 text under a .gctx name
            "test_v1point2_n5x10.gct,            GCT 1.2, 10,  5",
    })
    void everyFixtureOpens(String name, String format, int rows, int cols) {
        try (GctDataset ds = GctDataset.open(fixture(name))) {
            assertEquals(format, ds.formatName());
            assertEquals(rows, ds.rowCount());
            assertEquals(cols, ds.columnCount());
            assertEquals(rows, ds.rowIds().size());
            assertEquals(cols, ds.columnIds().size());
            float[] all = ds.readAll();
            assertEquals(rows * cols, all.length);
            for (List<String> v : ds.rowMetadata().values()) {
                assertEquals(rows, v.size());
            }
            for (List<String> v : ds.columnMetadata().values()) {
                assertEquals(cols, v.size());
            }
            assertTrue(!ds.rowMetadata().containsKey("id") && !ds.columnMetadata().containsKey("id"));
        }
    }

    @Test
    void miniGctxEqualsItsGctTwin() {
        try (GctDataset gct = GctDataset.open(fixture("mini_gctoo_for_testing.gct"));
             GctDataset gctx = GctDataset.open(fixture("mini_gctoo_for_testing.gctx"))) {
            assertEquals(gct.rowIds(), gctx.rowIds());
            assertEquals(gct.columnIds(), gctx.columnIds());
            assertArrayEquals(gct.readAll(), gctx.readAll());
            assertEquals(gct.rowMetadata(), gctx.rowMetadata());
            assertEquals(gct.columnMetadata(), gctx.columnMetadata());
            assertEquals(List.of("count_cv", "distil_nsample", "distil_ss", "mfc_plate_id", "zmad_ref"),
                    List.copyOf(gctx.rowMetadata().keySet()));
        }
    }

    @Test
    void miniValuesAndMetadata() {
        try (GctDataset ds = GctDataset.open(fixture("mini_gctoo_for_testing.gctx"))) {
            assertEquals("LJP007_MCF7_24H:CTL_VEHICLE:DMSO:-666", ds.columnIds().get(4));
            float[] all = ds.readAll();
            // GCT row 2 (MISC003...) is 4.3 4.5 4.3 4.3 4.3 4.3; sample-major: out[c * 6 + r]
            assertEquals(4.5f, all[6 + 1]);
            assertEquals(4.3f, all[1]);
            assertEquals(-6.0f, all[5 * 6 + 5]);
            assertEquals((float) 9.822065353393555, all[3 * 6 + 3]);

            Map<String, List<String>> col = ds.columnMetadata();
            assertEquals(Arrays.asList("3", "3", "66", "2", "9", "111111"), col.get("distil_nsample")); // int64
            assertEquals(Arrays.asList("9.822065353", "6.8915205", "1.35840559", "5.548898697", "3.355231762",
                    "4.837643147"), col.get("distil_ss")); // float64
            assertEquals(Arrays.asList(null, null, null, null, null, null), col.get("mfc_plate_id")); // "-666"
            assertEquals("population", col.get("zmad_ref").get(0));
            assertEquals("13", col.get("count_cv").get(3));
        }
    }

    @Test
    void nometaFileHasIdsOnly() {
        try (GctDataset nometa = GctDataset.open(fixture("mini_gctoo_for_testing_nometa.gctx"));
             GctDataset gct = GctDataset.open(fixture("mini_gctoo_for_testing.gct"))) {
            assertTrue(nometa.rowMetadata().isEmpty());
            assertTrue(nometa.columnMetadata().isEmpty());
            // space-padded fixed strings come back without the padding
            assertEquals(gct.rowIds(), nometa.rowIds());
            assertEquals(gct.columnIds(), nometa.columnIds());
            assertArrayEquals(gct.readAll(), nometa.readAll()); // float32 chunked matrix
        }
    }

    @Test
    void n2x3ChunkedDeflateFloat64() {
        try (GctDataset ds = GctDataset.open(fixture("mini_gctx_with_metadata_n2x3.gctx"))) {
            assertEquals(List.of("200814_at", "218597_s_at", "217140_s_at"), ds.rowIds());
            assertEquals(List.of("LJP005_A375_24H:DMSO:-666", "LJP005_A375_24H:BRD-K76908866:10"), ds.columnIds());
            float[] expected = {
                    (float) -0.28335937857627869, (float) 0.30411890149116516, (float) 0.39865508675575256,
                    (float) 0.011270374059677124, (float) 1.9210605621337891, (float) -0.14465202391147614};
            assertArrayEquals(expected, ds.readAll());
            assertArrayEquals(Arrays.copyOfRange(expected, 3, 6), ds.readColumns(1, 2));
            Map<String, List<String>> row = ds.rowMetadata();
            assertEquals(List.of("5720", "55847", "7416"), row.get("pr_gene_id")); // float64 integers
            assertEquals(List.of("11", "12", "12"), row.get("pr_analyte_num"));
            assertEquals(Arrays.asList(null, null, null), row.get("pr_model_id")); // -666.0
            assertEquals(List.of("Analyte 11", "Analyte 12", "Analyte 12"), row.get("pr_analyte_id"));
            assertEquals(List.of("b19", "b19"), ds.columnMetadata().get("bead_batch"));
            assertEquals(List.of("r2", "r2"), ds.columnMetadata().get("bead_revision"));
        }
    }

    @Test
    void l1000TextContent() {
        try (GctDataset gct = GctDataset.open(fixture("test_l1000.gct"));
             GctDataset other = GctDataset.open(fixture("test_l1000.gctx"))) {
            assertEquals(11, gct.rowMetadata().size());
            assertEquals(35, gct.columnMetadata().size());
            assertEquals(37, other.columnMetadata().size()); // the .gctx text adds zmad_ref, zmad_ref_well
            assertEquals(gct.rowIds(), other.rowIds());
            assertEquals(gct.columnIds(), other.columnIds());
            assertEquals(gct.rowMetadata(), other.rowMetadata());

            assertEquals("200814_at", gct.rowIds().get(0));
            assertEquals("LJP005_A375_24H_X1_B19:A03", gct.columnIds().get(0));
            assertEquals("PSME1", gct.rowMetadata().get("pr_gene_symbol").get(0));
            assertEquals("5720", gct.rowMetadata().get("pr_gene_id").get(0));
            Map<String, List<String>> col = gct.columnMetadata();
            assertEquals("DMSO", col.get("pert_iname").get(0));
            assertEquals("A03", col.get("det_well").get(0));
            assertNull(col.get("pert_dose").get(0)); // -666
            assertNull(col.get("mfc_plate_dim").get(0));
            assertEquals(11.3819f, gct.readColumns(0, 1)[0]);
            assertEquals(10.4450f, gct.readColumns(0, 1)[1]);
            assertEquals(-0.5123f, other.readColumns(0, 1)[0]); // the .gctx text holds z-scores
        }
    }

    @Test
    void gct12MatchesTheSameProfilesInL1000() {
        try (GctDataset v12 = GctDataset.open(fixture("test_v1point2_n5x10.gct"));
             GctDataset l1000 = GctDataset.open(fixture("test_l1000.gct"))) {
            assertTrue(v12.columnMetadata().isEmpty());
            assertEquals(List.of("Description"), List.copyOf(v12.rowMetadata().keySet()));
            assertEquals("PSME1", v12.rowMetadata().get("Description").get(0));
            assertEquals("IGF1R", v12.rowMetadata().get("Description").get(9));
            assertEquals(List.of("LJP005_A375_24H_X1_B19:A03", "LJP005_A375_24H_X1_B19:A04",
                    "LJP005_A375_24H_X1_B19:A05", "LJP005_A375_24H_X1_B19:A06", "LJP005_A375_24H_X1_B19:A07"),
                    v12.columnIds());
            float[] a = v12.readAll();
            float[] b = l1000.readColumns(0, 5);
            List<String> symbols = l1000.rowMetadata().get("pr_gene_symbol");
            for (int r = 0; r < v12.rowCount(); r++) {
                int lr = l1000.rowIds().indexOf(v12.rowIds().get(r));
                assertTrue(lr >= 0, v12.rowIds().get(r));
                assertEquals(v12.rowMetadata().get("Description").get(r), symbols.get(lr));
                for (int c = 0; c < 5; c++) {
                    assertEquals(b[c * l1000.rowCount() + lr], a[c * v12.rowCount() + r], 0.0f,
                            v12.rowIds().get(r) + " / " + c);
                }
            }
        }
    }

    /** A GCTX written by the HDF5 C library (h5import; see src/test/resources/generated/). */
    @Test
    void variableLengthStringsIntAndFloat32MetadataMultiChunkMatrix() throws Exception {
        Path file = Path.of(GctReadTest.class.getResource("/generated/h5import_vlen_n3x3.gctx").toURI());
        try (GctDataset ds = GctxDataset.open(file, 3)) { // one sample per hyperslab read
            assertEquals(List.of("g1", "g2", "g3"), ds.rowIds());
            assertEquals(List.of("s1", "s2", "s3"), ds.columnIds());
            Map<String, List<String>> row = ds.rowMetadata();
            assertEquals(Arrays.asList("TP53", null, "EGFR"), row.get("pr_gene_symbol")); // vlen, "na"
            assertEquals(Arrays.asList("7157", null, "1956"), row.get("pr_gene_id")); // int32, -666
            assertEquals(Arrays.asList("0.1", null, "2.5E-7"), row.get("score")); // float32
            assertTrue(ds.columnMetadata().isEmpty());
            float[] all = ds.readAll();
            assertArrayEquals(new float[]{1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f, Float.NaN}, all);
            assertArrayEquals(new float[]{7.5f, 8.5f, Float.NaN, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f},
                    ds.readColumns(new int[]{2, 0, 1}));
        }
    }

    /** Contiguous float32 matrices (h5py, both byte orders; src/test/resources/generated/make_float32_gctx.py). */
    @ParameterizedTest
    @CsvSource({"float32_le_n3x4.gctx, 1000000", "float32_le_n3x4.gctx, 3", "float32_be_n3x4.gctx, 1000000",
            "float32_be_n3x4.gctx, 6"})
    void contiguousFloat32MatricesAreCopiedInTheirByteOrder(String name, long sliceElements) throws Exception {
        Path file = Path.of(GctReadTest.class.getResource("/generated/" + name).toURI());
        try (GctxDataset ds = GctxDataset.open(file, sliceElements)) {
            assertTrue(ds.copiesContiguousFloat32(), "the byte-copy path reads " + name);
            float[] expected = new float[12];
            for (int j = 0; j < 4; j++) {
                expected[3 * j] = j + 0.5f;
                expected[3 * j + 1] = j == 2 ? Float.NaN : -(j + 0.25f);
                expected[3 * j + 2] = (float) (1e-30 * (j + 1));
            }
            assertArrayEquals(expected, ds.readAll());
            assertArrayEquals(Arrays.copyOfRange(expected, 3, 9), ds.readColumns(1, 3));
            float[] picked = new float[6];
            System.arraycopy(expected, 9, picked, 0, 3);
            System.arraycopy(expected, 0, picked, 3, 3);
            assertArrayEquals(picked, ds.readColumns(new int[]{3, 0}));
        }
        try (GctxDataset ds = GctxDataset.open(fixture("mini_gctoo_for_testing.gctx"))) {
            assertFalse(ds.copiesContiguousFloat32(), "float64 goes through jHDF's conversion");
        }
    }

    /** A contiguous float32 file cut inside its values (they start at byte 4568; h5py put ids after them). */
    @Test
    void aContiguousFloat32FileCutInsideItsValuesIsAnInputError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path whole = Path.of(GctReadTest.class.getResource("/generated/float32_le_n3x4.gctx").toURI());
        Path cut = dir.resolve("cut.gctx");
        java.nio.file.Files.write(cut, Arrays.copyOf(java.nio.file.Files.readAllBytes(whole), 4568 + 20));
        io.gexflow.io.InputException e = org.junit.jupiter.api.Assertions.assertThrows(io.gexflow.io.InputException.class, () -> {
            try (GctDataset ds = GctxDataset.open(cut)) {
                ds.readAll();
            }
        });
        assertTrue(e.getMessage().contains("cut.gctx"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"test_l1000.gct, 1000000", "mini_gctoo_for_testing.gctx, 1000000", "mini_gctoo_for_testing.gctx, 7",
            "mini_gctoo_for_testing_nometa.gctx, 13", "mini_gctx_with_metadata_n2x3.gctx, 1"})
    void readColumnsEqualsSlicesOfTheFullRead(String name, long sliceElements) {
        Path file = fixture(name);
        try (GctDataset ds = name.endsWith(".gctx") ? GctxDataset.open(file, sliceElements) : GctDataset.open(file)) {
            int n = ds.rowCount();
            int m = ds.columnCount();
            float[] all = ds.readAll();
            for (int[] range : new int[][]{{0, m}, {0, 1}, {m - 1, m}, {1, m}, {m / 2, m / 2}, {0, m / 2 + 1}}) {
                assertArrayEquals(Arrays.copyOfRange(all, range[0] * n, range[1] * n),
                        ds.readColumns(range[0], range[1]), Arrays.toString(range));
            }
            int[] pick = {m - 1, 0, 1, 1, m / 2, m / 2 + 1 < m ? m / 2 + 1 : 0, 0};
            float[] got = ds.readColumns(pick);
            assertEquals(pick.length * n, got.length);
            for (int k = 0; k < pick.length; k++) {
                assertArrayEquals(Arrays.copyOfRange(all, pick[k] * n, pick[k] * n + n),
                        Arrays.copyOfRange(got, k * n, k * n + n), "pick " + k);
            }
            assertEquals(0, ds.readColumns(new int[0]).length);
        }
    }
}
