package io.gexflow.data;

import java.util.stream.IntStream;

/**
 * Quantile normalisation of samples (DESIGN/spec dgex.md, preprocessing step 2).
 *
 * <p>Reference distribution: {@code quantile[r] = mean over reference samples of the r-th smallest
 * value}. Each sample value is replaced by {@code quantile[rank - 1]}, where rank is the 1-based
 * average rank of the value among its sample's values (ties share the average) truncated to an
 * integer, as the reference code does. The reference is accumulated one sample at a time, so the
 * memory is O(features).
 */
public final class QuantileNormalizer {
    private final double[] sortedSums;
    private long samples;

    public QuantileNormalizer(int features) {
        this.sortedSums = new double[features];
    }

    /** Adds one reference (training) sample. */
    public void accumulate(float[] row, int offset) {
        accumulate(row, new int[] {offset});
    }

    /**
     * Adds the reference (training) samples that start at {@code offsets} of {@code x}: they are sorted in
     * parallel and summed in the order given, so the sums are exactly those of adding one row at a time.
     */
    public void accumulate(float[] x, int[] offsets) {
        accumulate(x, offsets, null);
    }

    /**
     * As {@link #accumulate(float[], int[])}, and appends each sample's rank indices ({@link #ranks}) to
     * {@code ranks} in the order given (when not null), so that later passes need not sort the sample again.
     */
    public void accumulate(float[] x, int[] offsets, RankFile ranks) {
        int n = sortedSums.length;
        float[][] sorted = new float[offsets.length][];
        int[][] rankIndices = new int[ranks == null ? 0 : offsets.length][];
        IntStream.range(0, offsets.length).parallel().forEach(k -> {
            RankOrder order = rankOrder(n);
            order.sort(x, offsets[k]);
            float[] s = new float[n];
            for (int r = 0; r < n; r++) {
                s[r] = x[offsets[k] + order.index(r)];
            }
            sorted[k] = s;
            if (ranks != null) {
                rankIndices[k] = new int[n];
                ranks(order, rankIndices[k]);
            }
        });
        for (int k = 0; k < sorted.length; k++) {
            float[] s = sorted[k];
            for (int r = 0; r < n; r++) {
                sortedSums[r] += s[r];
            }
            samples++;
            if (ranks != null) {
                ranks.append(rankIndices[k]);
            }
        }
    }

    /** How many reference samples were added. */
    public long samples() {
        return samples;
    }

    /** The reference quantiles: mean of the r-th smallest values. */
    public double[] reference() {
        if (samples == 0) {
            throw new IllegalStateException("no reference samples");
        }
        double[] q = new double[sortedSums.length];
        for (int r = 0; r < q.length; r++) {
            q[r] = sortedSums[r] / samples;
        }
        return q;
    }

    /** {@link #apply(double[], float[], int)} for the samples that start at {@code offsets} of {@code x}, in parallel. */
    public static void apply(double[] reference, float[] x, int[] offsets) {
        IntStream.range(0, offsets.length).parallel().forEach(k -> apply(reference, x, offsets[k]));
    }

    /** Replaces a sample's values in place by the reference quantile of their truncated average rank. */
    public static void apply(double[] reference, float[] row, int offset) {
        int n = reference.length;
        RankOrder order = rankOrder(n);
        order.sort(row, offset);
        int[] ranks = RANKS.get();
        if (ranks == null || ranks.length != n) {
            ranks = new int[n];
            RANKS.set(ranks);
        }
        ranks(order, ranks);
        apply(reference, ranks, row, offset);
    }

    /** Replaces a sample's values by the reference at its rank indices ({@link #ranks}). */
    public static void apply(double[] reference, int[] ranks, float[] row, int offset) {
        for (int i = 0; i < ranks.length; i++) {
            row[offset + i] = (float) reference[ranks[i]];
        }
    }

    /**
     * The rank index of each value of a sorted sample: its 1-based average rank among the sample's values (ties
     * share the average), truncated to an integer as the reference code does, minus one. Ties come from the
     * order alone: two values tie exactly when their sortable bits are equal (-0.0 and 0.0 share them).
     */
    static void ranks(RankOrder order, int[] out) {
        int n = order.length();
        int i = 0;
        while (i < n) {
            int j = i;
            int value = order.key(i);
            while (j + 1 < n && order.key(j + 1) == value) {
                j++;
            }
            // 1-based ranks i+1 .. j+1 tie: average rank, truncated
            int index = (int) (((i + 1) + (j + 1)) / 2.0) - 1;
            for (int k = i; k <= j; k++) {
                out[order.index(k)] = index;
            }
            i = j + 1;
        }
    }

    private static final ThreadLocal<int[]> RANKS = new ThreadLocal<>();

    /** This thread's sorter for rows of n values (the parallel streams run on the common pool's threads). */
    private static RankOrder rankOrder(int n) {
        RankOrder order = ORDERS.get();
        if (order == null || order.length() != n) {
            order = new RankOrder(n);
            ORDERS.set(order);
        }
        return order;
    }

    private static final ThreadLocal<RankOrder> ORDERS = new ThreadLocal<>();

    /** An int whose signed order is the float's numeric order (for finite values and infinities). */
    static int sortableBits(float v) {
        int bits = Float.floatToIntBits(v == 0f ? 0f : v); // -0.0 and 0.0 tie, as == says
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
