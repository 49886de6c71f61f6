package io.gexflow.data.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.testutil.Blobs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDeduplicatorTest {
    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    @TempDir Path dir;

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    private static float[] row(double... v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) v[i];
        }
        return r;
    }

    private static int[] dedup(float[][] x, int[] labels, int k, double threshold) {
        return ClusterDeduplicator.run(new InMemoryRows(x, x[0].length), labels, k, threshold, Long.MAX_VALUE, POOL, null);
    }

    @Test
    void exactAndNearDuplicatesGoFarOnesStay() {
        float[][] x = {
            row(0, 0, 0),       // 0 kept
            row(5, 5, 5),       // 1 kept
            row(0, 0, 0),       // 2 exact copy of 0
            row(0.5, 0.5, 0.5), // 3 at 0.866 from 0: a duplicate
            row(5, 5, 6),       // 4 at exactly 1.0 from 1: not below the threshold, kept
            row(5.9, 5, 5),     // 5 at 0.9 from 1
            row(10, 10, 10),    // 6 kept
        };
        int[] dup = dedup(x, new int[7], 1, 1.0);
        assertArrayEquals(new int[] {-1, -1, 0, 0, -1, 1, -1}, dup);
    }

    @Test
    void theEarliestOfAGroupIsKeptAndTheRuleIsTheReferences() {
        // a group of copies at 2, 4, 9: 2 is kept and the others name it
        float[][] x = new float[10][];
        for (int i = 0; i < 10; i++) {
            x[i] = row(10 * i, 0);
        }
        x[4] = x[2].clone();
        x[9] = row(20.3, 0);
        // a chain 5 - 6 - 7 with steps of 0.8: 6 and 7 go (7 duplicates 6, itself dropped), as in
        // nodup_idx.py, where every close pair i < j removes j whether or not i was kept
        x[5] = row(100, 0);
        x[6] = row(100.8, 0);
        x[7] = row(101.6, 0);
        int[] dup = dedup(x, new int[10], 1, 1.0);
        assertEquals(-1, dup[2]);
        assertEquals(2, dup[4]);
        assertEquals(2, dup[9]);
        assertEquals(-1, dup[5]);
        assertEquals(5, dup[6]);
        assertEquals(6, dup[7]);
        assertEquals(6, Arrays.stream(dup).filter(d -> d < 0).count(), "kept: 0 1 2 3 5 8");
    }

    @Test
    void onlySamplesOfOneClusterAreCompared() {
        float[][] x = {row(1, 1), row(1, 1), row(1, 1)};
        assertArrayEquals(new int[] {-1, -1, 1}, dedup(x, new int[] {0, 1, 1}, 2, 1.0));
        assertArrayEquals(new int[] {-1, -1, -1}, dedup(x, new int[] {0, 1, 1}, 2, 0.0), "threshold 0 drops nothing");
    }

    @Test
    void groupsAndPiecesUnderATinyBudgetGiveTheInMemoryResult() {
        Blobs b = Blobs.generate(new int[] {40, 25, 12, 3}, 6, 9);
        // duplicates across the file, several per blob, some far apart in input order
        b.copy(0, 50, 0, 1);
        b.copy(0, 79, 0.05, 2);
        b.copy(3, 4, 0.1, 3);
        b.copy(10, 60, 0.2, 4);
        b.copy(60, 70, 0.2, 5);
        b.copy(20, 21, 2.0, 6); // too far: kept
        Path file = b.write(dir.resolve("dups.arrow"), 16);
        int[] labels = b.blob.clone();
        int[] inMemory = dedup(b.x, labels, 4, 1.0);
        assertTrue(Arrays.stream(inMemory).filter(d -> d >= 0).count() >= 5, Arrays.toString(inMemory));
        assertEquals(0, inMemory[50]);
        assertEquals(0, inMemory[79]);
        assertEquals(3, inMemory[4]);
        assertEquals(-1, inMemory[21]);
        for (long budget : new long[] {1, 3, 7, 30}) {
            RowSource streamed = ArrowRows.index(file, 0).rows();
            int[] got = ClusterDeduplicator.run(streamed, labels, 4, 1.0, budget, POOL, null);
            assertArrayEquals(inMemory, got, "budget " + budget + " rows");
            assertTrue(streamed.passes() > 2);
        }
    }
}
