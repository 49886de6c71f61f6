package io.gexflow.data.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.testutil.Blobs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniBatchKMeansTest {
    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    @TempDir Path dir;

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    private static MiniBatchKMeans.Settings settings(int k, long seed) {
        return new MiniBatchKMeans.Settings(k, 50, 5, 3, 10, 0.01, seed);
    }

    @Test
    void recoversWellSeparatedBlobs() {
        Blobs b = Blobs.generate(new int[] {120, 80, 200, 60, 140, 100}, 20, 1);
        RowSource src = new InMemoryRows(b.x, 20);
        MiniBatchKMeans.Model m = MiniBatchKMeans.fit(src, settings(6, 11), Long.MAX_VALUE, POOL, null);
        int[] labels = MiniBatchKMeans.predict(src, m.centers(), POOL, null);
        // one cluster per blob and one blob per cluster
        Map<Integer, Integer> clusterOfBlob = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            Integer seen = clusterOfBlob.putIfAbsent(b.blob[i], labels[i]);
            assertTrue(seen == null || seen == labels[i], "blob " + b.blob[i] + " split across clusters");
        }
        Set<Integer> clusters = new HashSet<>(clusterOfBlob.values());
        assertEquals(6, clusters.size(), "two blobs merged into one cluster");
        assertTrue(m.steps() > 0 && m.steps() <= m.plannedSteps());
        assertEquals(5 * ((700 + 49) / 50), m.plannedSteps(), "max-iter x ceil(n / batch) steps");
    }

    @Test
    void sameSeedSameCentersWhateverTheThreads() {
        Blobs b = Blobs.generate(new int[] {100, 100, 100}, 10, 2);
        RowSource src = new InMemoryRows(b.x, 10);
        MiniBatchKMeans.Model one = MiniBatchKMeans.fit(src, settings(5, 3), Long.MAX_VALUE, new ForkJoinPool(1), null);
        MiniBatchKMeans.Model two = MiniBatchKMeans.fit(src, settings(5, 3), Long.MAX_VALUE, POOL, null);
        MiniBatchKMeans.Model other = MiniBatchKMeans.fit(src, settings(5, 4), Long.MAX_VALUE, POOL, null);
        assertArrayEquals(one.centers(), two.centers());
        assertArrayEquals(one.counts(), two.counts());
        assertFalse(java.util.Arrays.deepEquals(one.centers(), other.centers()), "another seed, another run");
    }

    @Test
    void streamingUnderASmallBudgetEqualsInMemory() {
        Blobs b = Blobs.generate(new int[] {300, 150, 250}, 12, 3);
        Path file = b.write(dir.resolve("blobs.arrow"), 64);
        ArrowRows.Indexed all = ArrowRows.index(file, Long.MAX_VALUE);
        ArrowRows.Indexed streamed = ArrowRows.index(file, 1000);
        assertTrue(all.rows().inMemory());
        assertFalse(streamed.rows().inMemory());
        // 2 x init size (3 x 50) = 300 rows: several rounds of mini-batches per pass
        MiniBatchKMeans.Settings s = settings(7, 5);
        MiniBatchKMeans.Model a = MiniBatchKMeans.fit(all.rows(), s, Long.MAX_VALUE, POOL, null);
        MiniBatchKMeans.Model c = MiniBatchKMeans.fit(streamed.rows(), s, 300, POOL, null);
        assertArrayEquals(a.centers(), c.centers());
        assertEquals(a.steps(), c.steps());
        assertArrayEquals(MiniBatchKMeans.predict(all.rows(), a.centers(), POOL, null),
                MiniBatchKMeans.predict(streamed.rows(), c.centers(), POOL, null));
        assertTrue(streamed.rows().passes() > 5, "rounds re-read the file: " + streamed.rows().passes());
    }

    @Test
    void earlyStoppingOnlyShortensTheRun() {
        Blobs b = Blobs.generate(new int[] {200, 200}, 8, 4);
        RowSource src = new InMemoryRows(b.x, 8);
        MiniBatchKMeans.Model stop = MiniBatchKMeans.fit(src, new MiniBatchKMeans.Settings(2, 20, 20, 1, 3, 0.01, 1),
                Long.MAX_VALUE, POOL, null);
        MiniBatchKMeans.Model full = MiniBatchKMeans.fit(src, new MiniBatchKMeans.Settings(2, 20, 20, 1, 0, 0.01, 1),
                Long.MAX_VALUE, POOL, null);
        assertTrue(stop.earlyStopped() && stop.steps() < stop.plannedSteps());
        assertEquals(full.plannedSteps(), full.steps());
    }
}
