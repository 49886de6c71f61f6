package io.gexflow.data;

/**
 * The ascending order of one sample's values, by a stable least-significant-digit radix sort of their
 * order-preserving int bits (three passes of 11, 11 and 10 bits; a pass whose digit is the same for every
 * value is skipped). Quantile normalisation sorts every sample of the matrix, and a comparison sort of
 * 22,268 values per sample was most of {@code normalize}'s time (issue 14); the radix sort does a fixed
 * number of linear passes instead.
 *
 * <p>One instance holds its scratch arrays for rows of one length and is not thread-safe: use one per thread.
 */
final class RankOrder {
    private static final int[] SHIFTS = {0, 11, 22};
    private static final int BUCKETS = 1 << 11;

    private final int n;
    private int[] keys;
    private int[] index;
    private int[] keysTmp;
    private int[] indexTmp;
    private final int[] count = new int[BUCKETS];

    RankOrder(int n) {
        this.n = n;
        this.keys = new int[n];
        this.index = new int[n];
        this.keysTmp = new int[n];
        this.indexTmp = new int[n];
    }

    /**
     * Sorts {@code row[offset .. offset + n)}: afterwards {@link #key(int)} is the r-th smallest value's
     * sortable bits (equal exactly when the values are ==, so -0.0 and 0.0 tie) and {@link #index(int)} its
     * position in the sample; equal values keep their positions' order.
     */
    void sort(float[] row, int offset) {
        for (int i = 0; i < n; i++) {
            // flip the sign bit: the signed order of sortable bits becomes the unsigned order of the digits
            keys[i] = QuantileNormalizer.sortableBits(row[offset + i]) ^ Integer.MIN_VALUE;
            index[i] = i;
        }
        for (int shift : SHIFTS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
            }
            if (count[(keys[0] >>> shift) & (BUCKETS - 1)] == n) {
                continue; // one digit for every value: this pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int to = count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
                keysTmp[to] = keys[i];
                indexTmp[to] = index[i];
            }
            int[] t = keys;
            keys = keysTmp;
            keysTmp = t;
            t = index;
            index = indexTmp;
            indexTmp = t;
        }
    }

    /** The sortable bits of the r-th smallest value (0-based) of the last sorted row. */
    int key(int r) {
        return keys[r];
    }

    /** The position in its sample of the r-th smallest value (0-based) of the last sorted row. */
    int index(int r) {
        return index[r];
    }

    int length() {
        return n;
    }
}
