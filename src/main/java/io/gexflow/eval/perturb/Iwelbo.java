package io.gexflow.eval.perturb;

/**
 * The importance-weighted ELBO of held-out cells (Burda et al.), as the spec assembles it: with the global
 * variables drawn K times from the guide and shared across cells, and for each draw k a local draw
 * z_b,k ~ q(z_b | x, ...), the log-weight of cell i is
 * {@code log w_ik = log p(x_i | z_ik) + log p(z_b,ik) - log q(z_b,ik)}, and
 *
 * <pre>
 * IWELBO_i = logsumexp_k(log w_ik) - log K,    IWELBO = mean_i IWELBO_i   (nats)
 * </pre>
 *
 * @param mean      the mean over cells
 * @param perCell   IWELBO_i
 * @param particles K
 */
public record Iwelbo(double mean, double[] perCell, int particles) {
    /** From the log-weights, {@code logWeights[k][i]} for draw k and cell i. */
    public static Iwelbo of(double[][] logWeights) {
        int k = logWeights.length;
        if (k == 0) {
            throw new IllegalArgumentException("no particles");
        }
        int n = logWeights[0].length;
        double[] per = new double[n];
        double sum = 0;
        double logK = Math.log(k);
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] w : logWeights) {
                max = Math.max(max, w[i]);
            }
            double s = 0;
            for (double[] w : logWeights) {
                s += Math.exp(w[i] - max);
            }
            per[i] = max + Math.log(s) - logK;
            sum += per[i];
        }
        return new Iwelbo(n == 0 ? Double.NaN : sum / n, per, k);
    }
}
