package io.gexflow.models.baselines;

import io.gexflow.eval.GeneErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The KNN-GE baseline (spec dgex.md): genes are points in R^n (n = training samples); for each
 * target gene its k nearest landmark genes by Euclidean distance over the training samples, and
 * its prediction in a sample is the mean of those landmarks' values in that sample. k is chosen on
 * the validation split.
 *
 * <p>Distances come from the training cross-products ({@link CrossProducts}):
 * {@code |x_j - y_t|^2 = sum x_j^2 + sum y_t^2 - 2 sum x_j y_t}, so the training set is read once.
 * Equal distances are broken by the lower landmark index.
 */
public final class KnnGe {
    private KnnGe() {}

    /** Per target, the {@code k} nearest landmarks (indices into the inputs) and their distances, nearest first. */
    public record Neighbours(int[][] index, double[][] distance) {
        public int k() {
            return index.length == 0 ? 0 : index[0].length;
        }

        /** The first {@code k} of each target's list. */
        public Neighbours first(int k) {
            int[][] i = new int[index.length][];
            double[][] d = new double[index.length][];
            for (int t = 0; t < index.length; t++) {
                i[t] = java.util.Arrays.copyOf(index[t], k);
                d[t] = java.util.Arrays.copyOf(distance[t], k);
            }
            return new Neighbours(i, d);
        }
    }

    /** Validation of one k. */
    public record Trial(int k, double validationMae) {}

    /** The chosen k's neighbours and every k tried, in increasing k. */
    public record Result(Neighbours neighbours, int k, List<Trial> trials) {}

    /** The {@code kmax} nearest landmarks of every target. */
    public static Neighbours nearest(CrossProducts cp, int kmax) {
        int nIn = cp.inputs();
        int nOut = cp.outputs();
        if (kmax < 1 || kmax > nIn) {
            throw new IllegalArgumentException("k must be between 1 and the number of landmarks (" + nIn + "), got " + kmax);
        }
        double[] sx = new double[nIn];
        for (int j = 0; j < nIn; j++) {
            sx[j] = cp.sumSquaresX(j);
        }
        int[][] index = new int[nOut][kmax];
        double[][] dist = new double[nOut][kmax];
        IntStream.range(0, nOut).parallel().forEach(t -> {
            int[] idx = index[t];
            double[] d2 = dist[t];
            int filled = 0;
            double sy = cp.sumSquaresY(t);
            for (int j = 0; j < nIn; j++) {
                double d = Math.max(0, sx[j] + sy - 2 * cp.crossXY(j, t));
                if (filled == kmax && d >= d2[kmax - 1]) {
                    continue;
                }
                // insert after every entry <= d: equal distances keep the lower index first
                int at = filled < kmax ? filled : kmax - 1;
                while (at > 0 && d2[at - 1] > d) {
                    d2[at] = d2[at - 1];
                    idx[at] = idx[at - 1];
                    at--;
                }
                d2[at] = d;
                idx[at] = j;
                if (filled < kmax) {
                    filled++;
                }
            }
            for (int r = 0; r < kmax; r++) {
                d2[r] = Math.sqrt(d2[r]);
            }
        });
        return new Neighbours(index, dist);
    }

    /**
     * Per-gene MAE of each k in {@code ks} on {@code rows} samples (x rows x L, y rows x T):
     * {@code result[q][t]} for {@code ks[q]}. One pass: the neighbours' running sums give every k.
     */
    public static double[][] perGeneMae(Neighbours nb, int[] ks, float[] x, float[] y, int rows, int nIn) {
        int nOut = nb.index().length;
        int largest = 0;
        for (int k : ks) {
            if (k < 1 || k > nb.k()) {
                throw new IllegalArgumentException("k " + k + " outside 1.." + nb.k());
            }
            largest = Math.max(largest, k);
        }
        int kmax = largest;
        int[] slot = new int[kmax + 1];
        java.util.Arrays.fill(slot, -1);
        for (int q = 0; q < ks.length; q++) {
            slot[ks[q]] = q;
        }
        double[][] sum = new double[ks.length][nOut];
        IntStream.range(0, nOut).parallel().forEach(t -> {
            int[] idx = nb.index()[t];
            for (int i = 0; i < rows; i++) {
                double s = 0;
                double truth = y[i * nOut + t];
                int xb = i * nIn;
                for (int r = 0; r < kmax; r++) {
                    s += x[xb + idx[r]];
                    int q = slot[r + 1];
                    if (q >= 0) {
                        sum[q][t] += Math.abs((float) (s / (r + 1)) - truth);
                    }
                }
            }
        });
        for (double[] s : sum) {
            for (int t = 0; t < nOut; t++) {
                s[t] /= rows;
            }
        }
        return sum;
    }

    /** Finds neighbours on the training cross-products and picks k on the validation split (the smallest k among ties). */
    public static Result fit(CrossProducts train, int[] ks, LinearBaselines.ValidationSet valid, Consumer<String> log) {
        int[] sorted = IntStream.of(ks).distinct().sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("empty k grid");
        }
        if (sorted.length != ks.length) {
            throw new IllegalArgumentException("k grid has duplicates");
        }
        if (valid == null && sorted.length > 1) {
            throw new IllegalArgumentException("choosing k from a grid needs a validation split");
        }
        Neighbours nb = nearest(train, sorted[sorted.length - 1]);
        List<Trial> trials = new ArrayList<>();
        int best = sorted[0];
        double bestMae = Double.POSITIVE_INFINITY;
        double[][] mae = valid == null ? null : perGeneMae(nb, sorted, valid.x(), valid.y(), valid.rows(), train.inputs());
        for (int q = 0; q < sorted.length; q++) {
            double m = mae == null ? Double.NaN : GeneErrors.mean(mae[q]);
            trials.add(new Trial(sorted[q], m));
            if (log != null) {
                log.accept(String.format(Locale.ROOT, "KNN-GE k %d: validation MAE %.6f", sorted[q], m));
            }
            if (m < bestMae) {
                bestMae = m;
                best = sorted[q];
            }
        }
        return new Result(nb.first(best), best, trials);
    }
}
