package io.gexflow.data.dedup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The within-cluster pass of the D-GEX de-duplication (reference nodup_idx.py): inside each cluster,
 * sample j is a duplicate when some earlier sample i (input order) of the same cluster lies at
 * Euclidean distance below the threshold. As in the reference, i need not be kept itself: every
 * pair (i &lt; j) closer than the threshold removes j, so a chain a-b-c of close pairs keeps only a.
 * The result names, for every duplicate, the earliest such i; following those links always ends at
 * a kept sample.
 *
 * <p>Memory: clusters are held in groups of at most {@code maxHeldRows} rows, one pass over the
 * data per group; a cluster larger than that is cut into pieces of {@code maxHeldRows} rows, and a
 * piece that does not start the cluster gets one more pass that streams the cluster's earlier rows
 * past it. Which samples are dropped does not depend on the grouping (each pair is judged alone).
 */
public final class ClusterDeduplicator {
    private ClusterDeduplicator() {}

    /** A run of one cluster's members, ranks [from, to) in input order. */
    private record Segment(int cluster, int from, int to) {
        int size() {
            return to - from;
        }
    }

    /**
     * @param labels cluster of every row, 0..clusters-1
     * @return for every row, the row it duplicates, or -1 when it is kept
     */
    public static int[] run(RowSource src, int[] labels, int clusters, double threshold, long maxHeldRows,
            ForkJoinPool pool, PrintStream log) {
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0: " + threshold);
        }
        int n = src.rows();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " rows");
        }
        long cap = src.inMemory() ? Math.max(1, n) : maxHeldRows;
        if (cap < 1) {
            throw new IllegalArgumentException("the memory budget holds no row");
        }
        double limit = threshold * threshold;
        // members of each cluster in input order, and each row's rank among them
        int[] start = new int[clusters + 1];
        for (int l : labels) {
            if (l < 0 || l >= clusters) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + (clusters - 1));
            }
            start[l + 1]++;
        }
        for (int c = 0; c < clusters; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[n];
        int[] rank = new int[n];
        int[] fill = Arrays.copyOf(start, clusters);
        for (int r = 0; r < n; r++) {
            int p = fill[labels[r]]++;
            members[p] = r;
            rank[r] = p - start[labels[r]];
        }
        // groups of segments, at most cap rows each (next fit, in cluster order)
        List<List<Segment>> groups = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        long used = 0;
        for (int c = 0; c < clusters; c++) {
            int size = start[c + 1] - start[c];
            int from = 0;
            while (size - from > cap) {
                groups.add(List.of(new Segment(c, from, (int) (from + cap))));
                from += (int) cap;
            }
            if (size - from > 0) {
                if (used + (size - from) > cap) {
                    groups.add(current);
                    current = new ArrayList<>();
                    used = 0;
                }
                current.add(new Segment(c, from, size));
                used += size - from;
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }

        int[] dupOf = new int[n];
        Arrays.fill(dupOf, -1);
        for (List<Segment> group : groups) {
            // a method of its own, so that no reference to this group's rows outlives it
            compareGroup(src, group, members, start, labels, rank, clusters, limit, pool, dupOf);
        }
        if (log != null) {
            long pieces = groups.stream().mapToLong(List::size).sum();
            log.printf("dedup: %d clusters held in %d group(s) of at most %d rows (%d piece(s))%n", clusters,
                    groups.size(), cap, pieces);
        }
        return dupOf;
    }

    /** Gathers one group's rows and settles every held row: against earlier streamed rows, then inside its piece. */
    private static void compareGroup(RowSource src, List<Segment> group, int[] members, int[] start, int[] labels,
            int[] rank, int clusters, double limit, ForkJoinPool pool, int[] dupOf) {
        int held = group.stream().mapToInt(Segment::size).sum();
        int[] heldRows = new int[held];
        int[] segOf = new int[held];
        int[] segStart = new int[group.size() + 1];
        int at = 0;
        for (int g = 0; g < group.size(); g++) {
            Segment seg = group.get(g);
            segStart[g] = at;
            for (int q = seg.from(); q < seg.to(); q++) {
                segOf[at] = g;
                heldRows[at++] = members[start[seg.cluster()] + q];
            }
        }
        segStart[group.size()] = at;
        float[][] xs = src.gather(heldRows);
        // earlier members of clusters whose piece does not start the cluster: stream them past
        int[] segOfCluster = new int[clusters];
        Arrays.fill(segOfCluster, -1);
        boolean needStream = false;
        for (int g = 0; g < group.size(); g++) {
            segOfCluster[group.get(g).cluster()] = g;
            needStream |= group.get(g).from() > 0;
        }
        if (needStream) {
            src.scan((first, rows) -> {
                List<List<Integer>> earlier = new ArrayList<>();
                for (int g = 0; g < group.size(); g++) {
                    earlier.add(new ArrayList<>());
                }
                boolean any = false;
                for (int i = 0; i < rows.length; i++) {
                    int r = first + i;
                    int g = segOfCluster[labels[r]];
                    if (g >= 0 && rank[r] < group.get(g).from()) {
                        earlier.get(g).add(i);
                        any = true;
                    }
                }
                if (!any) {
                    return;
                }
                MiniBatchKMeans.run(pool, held, h -> {
                    List<Integer> cands = earlier.get(segOf[h]);
                    if (dupOf[heldRows[h]] >= 0 || cands.isEmpty()) {
                        return;
                    }
                    for (int i : cands) {
                        if (SquaredDistance.between(rows[i], xs[h], limit) < limit) {
                            dupOf[heldRows[h]] = first + i;
                            return;
                        }
                    }
                });
            });
        }
        // pairs inside the held piece
        MiniBatchKMeans.run(pool, held, h -> {
            if (dupOf[heldRows[h]] >= 0) {
                return; // an earlier piece already holds an earlier duplicate
            }
            for (int i = segStart[segOf[h]]; i < h; i++) {
                if (SquaredDistance.between(xs[i], xs[h], limit) < limit) {
                    dupOf[heldRows[h]] = heldRows[i];
                    return;
                }
            }
        });
    }
}
