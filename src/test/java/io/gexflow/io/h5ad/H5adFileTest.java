package io.gexflow.io.h5ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.InputException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the fixtures that src/test/resources/h5ad/make_fixtures.py wrote with anndata 0.8 and h5py. */
class H5adFileTest {
    static final float[][] X = {{1, 0, 2}, {0, 0, 3}, {4, 5, 0}, {0, 6, 0}};

    static Path fixture(String name) {
        URL url = H5adFileTest.class.getResource("/h5ad/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertMatrix(CsrMatrix m, float scale) {
        assertEquals(4, m.rows());
        assertEquals(3, m.columns());
        assertEquals(6, m.nonZeros(), "the zeros of a dense X are not stored");
        for (int i = 0; i < 4; i++) {
            float[] want = X[i].clone();
            for (int j = 0; j < 3; j++) {
                want[j] *= scale;
            }
            assertArrayEquals(want, m.denseRow(i), "row " + i);
            for (long k = m.indptr()[i] + 1; k < m.indptr()[i + 1]; k++) {
                assertTrue(m.indices()[(int) k - 1] < m.indices()[(int) k], "column indices ascend within row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense.h5ad", "csr.h5ad", "csc.h5ad"})
    void readsXAndTheCountsLayerWhateverTheStorage(String name) {
        try (H5adFile f = H5adFile.open(fixture(name))) {
            assertMatrix(f.x(), 1);
            assertMatrix(f.layer("counts"), 10);
            assertMatrix(f.matrix("counts"), 10);
            assertMatrix(f.matrix(null), 1);
            assertEquals(List.of("counts"), f.layers());
        }
    }

    @Test
    void csrKeepsTheFileOrder() {
        try (H5adFile f = H5adFile.open(fixture("csr.h5ad"))) {
            CsrMatrix m = f.x();
            assertArrayEquals(new long[] {0, 2, 3, 5, 6}, m.indptr());
            assertArrayEquals(new int[] {0, 2, 2, 0, 1, 1}, m.indices());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.values());
        }
    }

    @Test
    void cscBecomesTheSameCsr() {
        try (H5adFile csc = H5adFile.open(fixture("csc.h5ad")); H5adFile csr = H5adFile.open(fixture("csr.h5ad"))) {
            CsrMatrix a = csc.x();
            CsrMatrix b = csr.x();
            assertArrayEquals(b.indptr(), a.indptr());
            assertArrayEquals(b.indices(), a.indices());
            assertArrayEquals(b.values(), a.values());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense.h5ad", "csr.h5ad", "csc.h5ad"})
    void readsTheObsAndVarFrames(String name) {
        try (H5adFile f = H5adFile.open(fixture(name))) {
            DataFrame obs = f.obs();
            assertEquals(List.of("c0", "c1", "c2", "c3"), obs.index());
            assertEquals(List.of("guide", "n_umi", "score", "is_control", "label"), List.copyOf(obs.columns().keySet()),
                    "columns in column-order");
            FrameColumn.Categorical guide = assertInstanceOf(FrameColumn.Categorical.class, obs.column("guide"));
            assertEquals(List.of("A", "A+B", "B", "ctrl"), guide.categories());
            assertArrayEquals(new int[] {0, 1, 3, 2}, guide.codes());
            assertFalse(guide.ordered());
            assertEquals(List.of("A", "A+B", "ctrl", "B"), obs.texts("guide"));
            FrameColumn.Numbers umi = assertInstanceOf(FrameColumn.Numbers.class, obs.column("n_umi"));
            assertTrue(umi.integer());
            assertArrayEquals(new double[] {3, 3, 9, 6}, umi.values());
            assertEquals("9", umi.text(2));
            FrameColumn.Numbers score = assertInstanceOf(FrameColumn.Numbers.class, obs.column("score"));
            assertFalse(score.integer());
            assertArrayEquals(new double[] {0.5, -1.25, 2.0, 0.0}, score.values());
            FrameColumn.Booleans ctl = assertInstanceOf(FrameColumn.Booleans.class, obs.column("is_control"));
            assertArrayEquals(new boolean[] {false, false, true, false}, ctl.values());
            assertEquals(List.of("x", "y", "z", "w"),
                    assertInstanceOf(FrameColumn.Strings.class, obs.column("label")).values());

            DataFrame var = f.var();
            assertEquals(List.of("g0", "g1", "g2"), var.index());
            assertArrayEquals(new boolean[] {true, false, true},
                    assertInstanceOf(FrameColumn.Booleans.class, var.column("highly_variable")).values());
            assertEquals(List.of("G0", "G1", "G2"), var.texts("gene_name"));
        }
    }

    @Test
    void readsThePre08Layout() {
        try (H5adFile f = H5adFile.open(fixture("old_layout.h5ad"))) {
            assertMatrix(f.x(), 1);
            DataFrame obs = f.obs();
            assertEquals(List.of("c0", "c1", "c2", "c3"), obs.index());
            FrameColumn.Categorical guide = assertInstanceOf(FrameColumn.Categorical.class, obs.column("guide"));
            assertEquals(List.of("A", "A+B", "B", "ctrl"), guide.categories());
            assertEquals(List.of("A", "A+B", "ctrl", "B"), obs.texts("guide"));
            assertArrayEquals(new double[] {3, 3, 9, 6},
                    assertInstanceOf(FrameColumn.Numbers.class, obs.column("n_umi")).values());
            assertArrayEquals(new boolean[] {false, false, true, false},
                    assertInstanceOf(FrameColumn.Booleans.class, obs.column("is_control")).values());
            assertFalse(obs.columns().containsKey("__categories"));
            assertArrayEquals(new boolean[] {true, false, true},
                    assertInstanceOf(FrameColumn.Booleans.class, f.var().column("highly_variable")).values());
        }
    }

    @Test
    void aMissingLayerIsOneLineNamingTheLayersThereAre() {
        try (H5adFile f = H5adFile.open(fixture("csr.h5ad"))) {
            InputException e = assertThrows(InputException.class, () -> f.layer("raw"));
            assertEquals(fixture("csr.h5ad") + ": has no layer 'raw' (layers: [counts])", e.getMessage());
        }
        try (H5adFile f = H5adFile.open(fixture("old_layout.h5ad"))) {
            InputException e = assertThrows(InputException.class, () -> f.layer("counts"));
            assertTrue(e.getMessage().endsWith("has no layer 'counts' (layers: [])"), e.getMessage());
        }
    }

    @Test
    void aShapeThatDisagreesWithTheIndexIsAnInputError() {
        try (H5adFile f = H5adFile.open(fixture("bad_shape.h5ad"))) {
            InputException e = assertThrows(InputException.class, f::x);
            assertEquals(fixture("bad_shape.h5ad") + ": X is 5 x 3 but obs has 4 cells and var has 3 genes (their _index)",
                    e.getMessage());
        }
        try (H5adFile f = H5adFile.open(fixture("bad_index.h5ad"))) {
            InputException e = assertThrows(InputException.class, f::x);
            assertEquals(fixture("bad_index.h5ad") + ": X is 4 x 3 but obs has 5 cells and var has 3 genes (their _index)",
                    e.getMessage());
        }
    }

    @Test
    void aDecreasingIndptrIsAnInputError() {
        try (H5adFile f = H5adFile.open(fixture("bad_indptr.h5ad"))) {
            InputException e = assertThrows(InputException.class, f::x);
            assertEquals(fixture("bad_indptr.h5ad") + ": X/indptr is not monotone: it decreases from 2 to 1 at position 2",
                    e.getMessage());
        }
    }

    @Test
    void notAnHdf5FileOrAMissingFileIsAnInputError(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("x.h5ad");
        Files.writeString(text, "hello\n");
        InputException e = assertThrows(InputException.class, () -> H5adFile.open(text));
        assertTrue(e.getMessage().startsWith(text + ": not a readable HDF5/h5ad file"), e.getMessage());
        Path none = dir.resolve("none.h5ad");
        assertEquals(none + ": file not found", assertThrows(InputException.class, () -> H5adFile.open(none)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5})
    void smallReadChunksCrossRowAndColumnBoundaries(int chunk) {
        for (String name : List.of("dense.h5ad", "csr.h5ad", "csc.h5ad", "old_layout.h5ad")) {
            try (H5adFile f = H5adFile.open(fixture(name), chunk)) {
                assertMatrix(f.x(), 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 1 << 20})
    void readsOnlySelectedRowsAndColumns(int chunk) {
        int[][] rowSets = {{0, 2, 3}, {1}, {}, {0, 1, 2, 3}, {3}};
        int[][] colSets = {{0, 2}, {1}, {0, 1, 2}, {}};
        for (String name : List.of("dense.h5ad", "csr.h5ad", "csc.h5ad", "old_layout.h5ad")) {
            try (H5adFile f = H5adFile.open(fixture(name), chunk)) {
                for (int[] rows : rowSets) {
                    for (int[] cols : colSets) {
                        CsrMatrix m = f.matrix(null, rows, cols);
                        String what = name + " rows " + Arrays.toString(rows) + " cols " + Arrays.toString(cols);
                        assertEquals(rows.length, m.rows(), what);
                        assertEquals(cols.length, m.columns(), what);
                        long nnz = 0;
                        for (int i = 0; i < rows.length; i++) {
                            float[] want = new float[cols.length];
                            for (int j = 0; j < cols.length; j++) {
                                want[j] = X[rows[i]][cols[j]];
                                nnz += want[j] != 0 ? 1 : 0;
                            }
                            assertArrayEquals(want, m.denseRow(i), what + " row " + i);
                        }
                        assertEquals(nnz, m.nonZeros(), what + ": only non-zeros are stored");
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> f.matrix(null, new int[] {2, 1}, null));
                assertThrows(IllegalArgumentException.class, () -> f.matrix(null, null, new int[] {3}));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 2000, 8000, 20000, 30000})
    void aTruncatedFileIsAnInputError(int keep, @TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(fixture("csr.h5ad"));
        Path cut = dir.resolve("cut.h5ad");
        Files.write(cut, Arrays.copyOf(all, keep));
        InputException e = assertThrows(InputException.class, () -> {
            try (H5adFile f = H5adFile.open(cut)) {
                f.obs();
                f.var();
                f.x();
                f.layer("counts");
            }
        });
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
