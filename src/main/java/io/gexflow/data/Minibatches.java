package io.gexflow.data;

import java.util.Random;

/** Seeded sample orders and row gathers shared by the trainers (minibatches, monitor subsets). */
public final class Minibatches {
    private Minibatches() {}

    /** 0, 1, ..., n - 1. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates shuffle in place, driven by {@code random} (so a seed fixes the order). */
    public static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Rows {@code rows[from..to)} of a row-major matrix of {@code width} columns, copied in that order. */
    public static float[] gather(float[] src, int width, int[] rows, int from, int to) {
        float[] out = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(src, rows[i] * width, out, (i - from) * width, width);
        }
        return out;
    }
}
