package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankFileTest {
    @Test
    void readsBackWhatWasAppendedInOrderAgainAfterRewindAndIsDeletedOnClose(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.tmp");
        int[][] rows = {{0, 65535, 7}, {2, 1, 0}, {40000, 3, 3}};
        try (RankFile file = new RankFile(f, 3)) {
            for (int[] r : rows) {
                file.append(r);
            }
            assertEquals(3, file.rows());
            assertEquals(3 * 3 * 2, Files.size(f));
            int[] got = new int[3];
            for (int pass = 0; pass < 2; pass++) {
                for (int[] r : rows) {
                    file.next(got);
                    assertArrayEquals(r, got);
                }
                assertThrows(IllegalStateException.class, () -> file.next(got));
                file.rewind();
            }
        }
        assertFalse(Files.exists(f));
    }

    @Test
    void refusesMoreFeaturesThanItsIndicesHold(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new RankFile(dir.resolve("r.tmp"), RankFile.MAX_FEATURES + 1));
    }

    /** The rank indices a rank file keeps give exactly what sorting the sample again gives. */
    @Test
    void rankIndicesReproduceApply(@TempDir Path dir) {
        java.util.Random rnd = new java.util.Random(9);
        int n = 301;
        double[] ref = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = i * 0.25 - 3;
        }
        float[] x = new float[4 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(rnd.nextGaussian() * 6) / 2f;
        }
        QuantileNormalizer qn = new QuantileNormalizer(n);
        try (RankFile file = new RankFile(dir.resolve("r.tmp"), n)) {
            qn.accumulate(x, new int[] {0, 2 * n, 3 * n}, file);
            int[] rank = new int[n];
            for (int off : new int[] {0, 2 * n, 3 * n}) {
                float[] sorted = java.util.Arrays.copyOfRange(x, off, off + n);
                QuantileNormalizer.apply(ref, sorted, 0);
                float[] fromFile = new float[n];
                file.next(rank);
                QuantileNormalizer.apply(ref, rank, fromFile, 0);
                assertArrayEquals(sorted, fromFile);
            }
        }
        assertEquals(3, qn.samples());
    }
}
