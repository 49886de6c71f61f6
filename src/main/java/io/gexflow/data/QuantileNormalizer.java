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
        int n = sortedSums.length;
        float[][] sorted = new float[offsets.length][];
        IntStream.range(0, offsets.length).parallel().forEach(k -> {
            RankOrder order = rankOrder(n);
            order.sort(x, offsets[k]);
            float[] s = new float[n];
            for (int r = 0; r < n; r++) {
                s[r] = x[offsets[k] + order.index(r)];
            }
            sorted[k] = s;
        });
        for (float[] s : sorted) {
            for (int r = 0; r < n; r++) {
                sortedSums[r] += s[r];
            }
            samples++;
        }
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
        // after the sort the ranks come from the order alone: two values tie exactly when their sortable bits
        // are equal (-0.0 and 0.0 share them), so the row is not read again and is overwritten in place
        RankOrder order = rankOrder(n);
        order.sort(row, offset);
        int i = 0;
        while (i < n) {
            int j = i;
            int value = order.key(i);
            while (j + 1 < n && order.key(j + 1) == value) {
                j++;
            }
            // 1-based ranks i+1 .. j+1 tie: average rank, truncated
            int rank = (int) (((i + 1) + (j + 1)) / 2.0);
            float v = (float) reference[rank - 1];
            for (int k = i; k <= j; k++) {
                row[offset + order.index(k)] = v;
            }
            i = j + 1;
        }
    }

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
