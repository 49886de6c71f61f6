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

    /**
     * The best a model without masks could score with a single threshold on its effects: the estimated graph
     * {@code |scores[a][j]| >= t}, with the F1 maximised over every t (each distinct |score|; latents tied at t come
     * in together), scored as {@link #of} with the same matching. An oracle upper bound, since the threshold is
     * chosen with the truth; among thresholds of equal F1 the largest (the sparsest graph). With no true edge, F1 is 0
     * at every threshold and the result is the empty graph (threshold +infinity).
     */
    public static Oracle bestThreshold(boolean[][] truth, double[][] scores, int[] matching) {
        if (truth.length != scores.length) {
            throw new IllegalArgumentException(truth.length + " interventions in the true graph, " + scores.length
                    + " in the scores");
        }
        int estimatedLatents = 0;
        for (double[] row : scores) {
            estimatedLatents = Math.max(estimatedLatents, row.length);
        }
        int[] trueOf = new int[estimatedLatents];
        Arrays.fill(trueOf, -1);
        for (int i = 0; i < matching.length; i++) {
            if (matching[i] >= 0 && matching[i] < estimatedLatents) {
                trueOf[matching[i]] = i;
            }
        }
        int tru = 0;
        int n = 0;
        for (int a = 0; a < truth.length; a++) {
            for (boolean t : truth[a]) {
                tru += t ? 1 : 0;
            }
            n += scores[a].length;
        }
        double[] value = new double[n];
        boolean[] hit = new boolean[n];
        int e = 0;
        for (int a = 0; a < scores.length; a++) {
            for (int j = 0; j < scores[a].length; j++) {
                value[e] = Math.abs(scores[a][j]);
                int i = trueOf[j];
                hit[e] = i >= 0 && i < truth[a].length && truth[a][i];
                e++;
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer k) -> -value[k]))
                .toArray(Integer[]::new);
        Oracle best = new Oracle(Double.POSITIVE_INFINITY, new TargetGraphScore(0, 0, 0, 0, 0, tru));
        int tp = 0;
        int est = 0;
        for (int r = 0; r < n; ) {
            double t = value[order[r]];
            for (; r < n && value[order[r]] == t; r++) {
                est++;
                tp += hit[order[r]] ? 1 : 0;
            }
            double p = (double) tp / est;
            double rc = tru == 0 ? 0 : (double) tp / tru;
            double f = p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
            if (f > best.score().f1()) {
                best = new Oracle(t, new TargetGraphScore(p, rc, f, tp, est, tru));
            }
        }
        return best;
    }

    /** The threshold on |effect| of the best F1, and the score there. */
    public record Oracle(double threshold, TargetGraphScore score) {}

    @Override
    public String toString() {
        return "TargetGraphScore" + Arrays.toString(new double[] {precision, recall, f1});
    }
}
