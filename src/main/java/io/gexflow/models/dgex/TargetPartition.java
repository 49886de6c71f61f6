package io.gexflow.models.dgex;

import java.util.Arrays;
import java.util.Random;

/**
 * Splits the target genes into {@code parts} random, seeded, near-equal groups, one network each
 * (the paper trained two networks of 4,760 targets on 6 GB GPUs; 1 = one joint network).
 */
public final class TargetPartition {
    private TargetPartition() {}

    /** Returns the target column indices of each part, each sorted ascending; parts = 1 keeps all in order. */
    public static int[][] split(int nTargets, int parts, long seed) {
        if (parts < 1 || parts > nTargets) {
            throw new IllegalArgumentException("target partitions must be in 1.." + nTargets + ", got " + parts);
        }
        int[] order = io.gexflow.data.Minibatches.identity(nTargets);
        if (parts > 1) {
            io.gexflow.data.Minibatches.shuffle(order, new Random(seed));
        }
        int[][] out = new int[parts][];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) nTargets * p / parts);
            int to = (int) ((long) nTargets * (p + 1) / parts);
            out[p] = Arrays.copyOfRange(order, from, to);
            Arrays.sort(out[p]);
        }
        return out;
    }

    /** Copies the given output columns of a row-major rows x width matrix. */
    public static float[] columns(float[] y, int rows, int width, int[] cols) {
        float[] out = new float[rows * cols.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols.length; k++) {
                out[i * cols.length + k] = y[i * width + cols[k]];
            }
        }
        return out;
    }
}
