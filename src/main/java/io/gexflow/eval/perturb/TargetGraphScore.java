package io.gexflow.eval.perturb;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Recovery of the intervention -> latent target graph (spec perturbation.md "Metrics"). The true graph has
 * an edge (a, i) when intervention a shifts true latent i (|prior mean| > 0); the estimated one when the
 * model's mask for (a, j) is on (sigmoid(logit) > 0.5), or, for models without masks, when j is among the
 * two latents of largest |mu_a| ({@link #topK}). Estimated latent {@code matching[i]} stands for true latent
 * i (the Hungarian matching of {@link LatentRecovery}); an estimated edge to an unmatched latent is a false
 * positive.
 *
 * <p>precision = TP / estimated edges, recall = TP / true edges, F1 = 2PR / (P + R); each is 0 when its
 * denominator is 0.
 */
public record TargetGraphScore(double precision, double recall, double f1, int truePositives, int estimatedEdges,
        int trueEdges) {
    public static TargetGraphScore of(boolean[][] truth, boolean[][] estimated, int[] matching) {
        if (truth.length != estimated.length) {
            throw new IllegalArgumentException(truth.length + " interventions in the true graph, " + estimated.length
                    + " in the estimated one");
        }
        int tp = 0;
        int est = 0;
        int tru = 0;
        for (int a = 0; a < truth.length; a++) {
            for (boolean e : estimated[a]) {
                est += e ? 1 : 0;
            }
            for (int i = 0; i < truth[a].length; i++) {
                if (truth[a][i]) {
                    tru++;
                    if (i < matching.length && matching[i] >= 0 && estimated[a][matching[i]]) {
                        tp++;
                    }
                }
            }
        }
        double p = est == 0 ? 0 : (double) tp / est;
        double r = tru == 0 ? 0 : (double) tp / tru;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new TargetGraphScore(p, r, f, tp, est, tru);
    }

    /** The estimated graph of a model without masks: per intervention, its {@code k} latents of largest |shift|. */
    public static boolean[][] topK(double[][] shifts, int k) {
        boolean[][] g = new boolean[shifts.length][];
        for (int a = 0; a < shifts.length; a++) {
            double[] s = shifts[a];
            g[a] = new boolean[s.length];
            int[] order = IntStream.range(0, s.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(s[j])).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).toArray();
            for (int r = 0; r < Math.min(k, s.length); r++) {
                g[a][order[r]] = true;
            }
        }
        return g;
    }

    @Override
    public String toString() {
        return "TargetGraphScore" + Arrays.toString(new double[] {precision, recall, f1});
    }
}
