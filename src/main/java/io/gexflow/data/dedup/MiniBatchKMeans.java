package io.gexflow.data.dedup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Mini-batch k-means (D. Sculley, "Web-scale k-means clustering", WWW 2010), as scikit-learn's
 * {@code MiniBatchKMeans} runs it with the defaults the D-GEX reference used (kmeans.py:
 * {@code n_clusters=100, max_iter=10, batch_size=1000}; defaults {@code n_init=3},
 * {@code init='k-means++'}, {@code init_size=3*batch_size}, {@code reassignment_ratio=0.01},
 * {@code max_no_improvement=10}, {@code tol=0}):
 * <ol>
 *   <li>a validation sample of {@code init_size} rows; {@code n_init} times: k-means++ seeding
 *       (Arthur and Vassilvitskii 2007, with 2 + ln k local trials) on a fresh sample of
 *       {@code init_size} rows, one mini-batch step on the validation sample, and its inertia there;
 *       the best start is kept, with its per-center counts;</li>
 *   <li>{@code max_iter * ceil(n / batch_size)} steps, each on {@code batch_size} rows drawn
 *       uniformly with replacement: assign every row to its nearest center, then move each center to
 *       the running mean of all rows ever assigned to it (Sculley's per-center learning rate
 *       1 / count); every {@code 10 + min(count)} steps, centers whose count is below
 *       {@code reassignment_ratio * max(count)} restart at random rows of the batch;</li>
 *   <li>early stop when an exponentially weighted average of the batch inertia has not improved for
 *       {@code max_no_improvement} consecutive steps (0: never).</li>
 * </ol>
 * Every random draw comes from {@link SplittableRandom}s split off one seed, in a fixed order, and
 * all arithmetic is independent of threads and of how rows are held, so a seed gives one result
 * whether the rows are in memory or streamed from a file under a small memory budget: rows are
 * fetched in rounds, as many upcoming mini-batches per pass over the file as {@code maxHeldRows}
 * allows.
 */
public final class MiniBatchKMeans {
    /** Settings; see the class comment. */
    public record Settings(int clusters, int batchSize, int maxIter, int nInit, int maxNoImprovement,
            double reassignmentRatio, long seed) {
        public Settings {
            if (clusters < 1 || batchSize < 1 || maxIter < 1 || nInit < 1 || maxNoImprovement < 0
                    || reassignmentRatio < 0) {
                throw new IllegalArgumentException("k-means settings out of range: " + this);
            }
        }

        /** The reference's settings with another number of clusters and seed. */
        public static Settings reference(int clusters, long seed) {
            return new Settings(clusters, 1000, 10, 3, 10, 0.01, seed);
        }
    }

    /** The fitted centers and how the fit went. */
    public record Model(double[][] centers, long[] counts, int bestInit, double validationInertia, long steps,
            long plannedSteps, boolean earlyStopped, int reassignedCenters) {
        public int clusters() {
            return centers.length;
        }
    }

    /** Rows to hold while seeding: the validation sample and one seeding sample. */
    public static long initRowsNeeded(int n, Settings s) {
        return 2L * initSize(n, s);
    }

    static int initSize(int n, Settings s) {
        int size = (int) Math.min(n, 3L * s.batchSize());
        if (size < s.clusters()) {
            size = (int) Math.min(n, 3L * s.clusters());
        }
        return size;
    }

    private final RowSource src;
    private final Settings s;
    private final long maxHeldRows;
    private final ForkJoinPool pool;
    private final PrintStream log;

    private MiniBatchKMeans(RowSource src, Settings s, long maxHeldRows, ForkJoinPool pool, PrintStream log) {
        this.src = src;
        this.s = s;
        this.maxHeldRows = maxHeldRows;
        this.pool = pool;
        this.log = log;
    }

    /**
     * Fits {@code s.clusters()} centers (at most the number of rows) to the rows of {@code src},
     * holding at most {@code maxHeldRows} rows at a time unless they are all in memory already.
     *
     * @param log progress lines, or null
     */
    public static Model fit(RowSource src, Settings s, long maxHeldRows, ForkJoinPool pool, PrintStream log) {
        int n = src.rows();
        if (n < s.clusters()) {
            throw new IllegalArgumentException(n + " samples cannot make " + s.clusters() + " clusters");
        }
        if (!src.inMemory()) {
            long need = Math.max(initRowsNeeded(n, s), s.batchSize());
            if (maxHeldRows < need) {
                throw new IllegalArgumentException("the memory budget holds " + maxHeldRows + " rows; k-means needs "
                        + need + " (2 x init size " + initSize(n, s) + ", and a mini-batch of " + s.batchSize() + ")");
            }
        }
        return new MiniBatchKMeans(src, s, maxHeldRows, pool, log).run();
    }

    private Model run() {
        int n = src.rows();
        int k = s.clusters();
        int b = s.batchSize();
        SplittableRandom root = new SplittableRandom(s.seed());
        SplittableRandom initRng = root.split();
        SplittableRandom scheduleRng = root.split();
        SplittableRandom reassignRng = root.split();

        // 1. seeding: best of n_init k-means++ starts, judged on a common validation sample
        int initSize = initSize(n, s);
        float[][] valid = src.gather(draw(initRng, n, initSize));
        double[][] centers = null;
        long[] counts = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        int bestInit = -1;
        for (int init = 0; init < s.nInit(); init++) {
            int[] sampleIdx = initSize < n ? draw(initRng, n, initSize) : IntStream.range(0, n).toArray();
            double[][] c = kMeansPlusPlus(src.gather(sampleIdx), k, initRng);
            long[] cnt = new long[k];
            step(valid, c, cnt, false, null, null);
            double inertia = inertia(valid, c);
            if (log != null) {
                log.printf("k-means: init %d/%d, validation inertia %.6g%n", init + 1, s.nInit(), inertia);
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                centers = c;
                counts = cnt;
                bestInit = init;
            }
        }
        valid = null;

        // 2. mini-batch steps, fetched in rounds that fit the memory budget
        long nBatches = (n + (long) b - 1) / b;
        long nIter = s.maxIter() * nBatches;
        double alpha = Math.min(1.0, b * 2.0 / (n + 1.0));
        double ewaInertia = Double.NaN;
        double ewaMin = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        boolean stopped = false;
        int reassigned = 0;
        long stepIdx = 0;
        int[] pending = null;
        int[] stamp = src.inMemory() ? null : new int[n];
        int round = 0;
        float[][] rows = null;
        while (stepIdx < nIter && !stopped) {
            round++;
            List<int[]> steps = new ArrayList<>();
            long distinct = 0;
            long planned = stepIdx;
            while (planned < nIter) {
                int[] idx = pending != null ? pending : draw(scheduleRng, n, b);
                pending = null;
                if (stamp == null) {
                    if (steps.size() == 256) {
                        pending = idx;
                        break;
                    }
                } else {
                    long fresh = 0;
                    for (int i : idx) {
                        if (stamp[i] != round) {
                            fresh++;
                        }
                    }
                    // (a repeat inside idx is counted twice here: a safe over-estimate)
                    if (!steps.isEmpty() && distinct + fresh > maxHeldRows) {
                        pending = idx;
                        break;
                    }
                    for (int i : idx) {
                        if (stamp[i] != round) {
                            stamp[i] = round;
                            distinct++;
                        }
                    }
                }
                steps.add(idx);
                planned++;
            }
            int[] all = steps.stream().flatMapToInt(Arrays::stream).toArray();
            rows = null; // the last round's rows go before this round's come in
            rows = src.gather(all);
            for (int t = 0; t < steps.size() && !stopped; t++) {
                float[][] batch = Arrays.copyOfRange(rows, t * b, (t + 1) * b);
                long minCount = Arrays.stream(counts).min().orElse(0);
                boolean reassign = (stepIdx + 1) % (10 + minCount) == 0;
                int[] reassignedNow = {0};
                double batchInertia = step(batch, centers, counts, reassign, reassignRng, reassignedNow);
                reassigned += reassignedNow[0];
                // early stopping on the smoothed mean inertia, as scikit-learn's _mini_batch_convergence
                batchInertia /= b;
                ewaInertia = Double.isNaN(ewaInertia) ? batchInertia : ewaInertia * (1 - alpha) + batchInertia * alpha;
                if (ewaInertia < ewaMin) {
                    noImprovement = 0;
                    ewaMin = ewaInertia;
                } else {
                    noImprovement++;
                }
                stepIdx++;
                if (s.maxNoImprovement() > 0 && noImprovement >= s.maxNoImprovement()) {
                    stopped = true;
                }
            }
        }
        if (log != null) {
            log.printf("k-means: %d of %d mini-batch steps of %d rows (%s), %d center reassignments%n", stepIdx, nIter,
                    b, stopped ? "stopped: smoothed inertia did not improve for " + s.maxNoImprovement() + " steps"
                            : "max-iter reached", reassigned);
        }
        return new Model(centers, counts, bestInit, bestInertia, stepIdx, nIter, stopped, reassigned);
    }

    /** {@code m} row indices drawn uniformly with replacement. */
    private static int[] draw(SplittableRandom rng, int n, int m) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = rng.nextInt(n);
        }
        return idx;
    }

    /**
     * One mini-batch step: label every row, optionally restart starved centers at rows of the batch,
     * then move each center to the running mean of everything assigned to it. Returns the batch's
     * inertia under the centers before the step.
     */
    private double step(float[][] x, double[][] centers, long[] counts, boolean reassign, SplittableRandom rng,
            int[] reassignedOut) {
        int m = x.length;
        int k = centers.length;
        int[] label = new int[m];
        double[] dist = new double[m];
        parallel(m, i -> label[i] = SquaredDistance.nearest(x[i], centers, dist, i));
        double inertia = 0;
        for (double d : dist) {
            inertia += d;
        }
        if (reassign && s.reassignmentRatio() > 0) {
            long max = Arrays.stream(counts).max().orElse(0);
            boolean[] to = new boolean[k];
            int nTo = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] < s.reassignmentRatio() * max) {
                    to[c] = true;
                    nTo++;
                }
            }
            int cap = (int) (0.5 * m);
            if (nTo > cap) {
                // restart only the cap lowest counts (ties: lower index first)
                Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
                Arrays.sort(order, (p, q) -> counts[p] != counts[q] ? Long.compare(counts[p], counts[q]) : p - q);
                for (int r = cap; r < k; r++) {
                    to[order[r]] = false;
                }
                nTo = cap;
            }
            if (nTo > 0) {
                // distinct batch rows, uniformly: a partial Fisher-Yates shuffle
                int[] perm = IntStream.range(0, m).toArray();
                int used = 0;
                for (int c = 0; c < k; c++) {
                    if (to[c]) {
                        int j = used + rng.nextInt(m - used);
                        int tmp = perm[used];
                        perm[used] = perm[j];
                        perm[j] = tmp;
                        float[] row = x[perm[used++]];
                        for (int f = 0; f < row.length; f++) {
                            centers[c][f] = row[f];
                        }
                    }
                }
                long minKept = Long.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    if (!to[c]) {
                        minKept = Math.min(minKept, counts[c]);
                    }
                }
                for (int c = 0; c < k; c++) {
                    if (to[c]) {
                        counts[c] = minKept;
                    }
                }
                reassignedOut[0] = nTo;
            }
        }
        // rows of each center, in batch order
        int[] start = new int[k + 1];
        for (int l : label) {
            start[l + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[m];
        int[] fill = Arrays.copyOf(start, k);
        for (int i = 0; i < m; i++) {
            members[fill[label[i]]++] = i;
        }
        parallel(k, c -> {
            int cnt = start[c + 1] - start[c];
            if (cnt == 0) {
                return;
            }
            double[] center = centers[c];
            double old = counts[c];
            for (int f = 0; f < center.length; f++) {
                center[f] *= old;
            }
            for (int p = start[c]; p < start[c + 1]; p++) {
                float[] row = x[members[p]];
                for (int f = 0; f < center.length; f++) {
                    center[f] += row[f];
                }
            }
            counts[c] += cnt;
            double now = counts[c];
            for (int f = 0; f < center.length; f++) {
                center[f] /= now;
            }
        });
        return inertia;
    }

    private double inertia(float[][] x, double[][] centers) {
        double[] dist = new double[x.length];
        parallel(x.length, i -> SquaredDistance.nearest(x[i], centers, dist, i));
        double sum = 0;
        for (double d : dist) {
            sum += d;
        }
        return sum;
    }

    /**
     * k-means++ seeding with greedy local trials: each new center is the best, by the resulting
     * potential, of 2 + floor(ln k) candidates drawn with probability proportional to the squared
     * distance to the nearest center so far.
     */
    private double[][] kMeansPlusPlus(float[][] x, int k, SplittableRandom rng) {
        int m = x.length;
        int trials = 2 + (int) Math.log(k);
        double[][] centers = new double[k][];
        float[] first = x[rng.nextInt(m)];
        centers[0] = toDouble(first);
        double[] closest = new double[m];
        parallel(m, i -> closest[i] = SquaredDistance.between(x[i], first, Double.POSITIVE_INFINITY));
        double pot = sum(closest);
        double[] cum = new double[m];
        for (int c = 1; c < k; c++) {
            double acc = 0;
            for (int i = 0; i < m; i++) {
                acc += closest[i];
                cum[i] = acc;
            }
            int bestCand = -1;
            double bestPot = Double.POSITIVE_INFINITY;
            double[] bestDist = null;
            for (int t = 0; t < trials; t++) {
                double r = rng.nextDouble() * pot;
                int cand = Arrays.binarySearch(cum, r);
                if (cand < 0) {
                    cand = -cand - 1;
                } else {
                    while (cand > 0 && cum[cand - 1] == r) {
                        cand--; // the first index whose running sum reaches r
                    }
                }
                cand = Math.min(cand, m - 1);
                float[] y = x[cand];
                double[] d = new double[m];
                parallel(m, i -> d[i] = Math.min(closest[i], SquaredDistance.between(x[i], y, Double.POSITIVE_INFINITY)));
                double p = sum(d);
                if (bestCand < 0 || p < bestPot) {
                    bestCand = cand;
                    bestPot = p;
                    bestDist = d;
                }
            }
            centers[c] = toDouble(x[bestCand]);
            System.arraycopy(bestDist, 0, closest, 0, m);
            pot = bestPot;
        }
        return centers;
    }

    /**
     * The nearest center of every row of {@code src} (the lowest index among equals), in one scan;
     * {@code inertiaOut[0]} gets the sum of squared distances.
     */
    public static int[] predict(RowSource src, double[][] centers, ForkJoinPool pool, double[] inertiaOut) {
        int[] labels = new int[src.rows()];
        double[] dist = new double[src.rows()];
        src.scan((first, rows) -> run(pool, rows.length,
                i -> labels[first + i] = SquaredDistance.nearest(rows[i], centers, dist, first + i)));
        if (inertiaOut != null) {
            inertiaOut[0] = sum(dist);
        }
        return labels;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    private static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i];
        }
        return out;
    }

    private void parallel(int n, java.util.function.IntConsumer body) {
        run(pool, n, body);
    }

    /** {@code body(0..n-1)} on the pool's threads; results must not depend on the order. */
    static void run(ForkJoinPool pool, int n, java.util.function.IntConsumer body) {
        if (n <= 1 || pool == null || pool.getParallelism() == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
    }
}
