package io.gexflow.eval.perturb;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * How well inferred latents recover the simulation's true latents (sVAE paper's metrics, spec
 * perturbation.md "Metrics"):
 * <ul>
 *   <li>MCC: the mean absolute correlation between true latents and their Hungarian-matched inferred
 *       latents, with Pearson ({@code mccPearson}) and with Spearman ({@code mccSpearman}) correlation, each
 *       matched on its own correlation;</li>
 *   <li>R²: each true latent regressed by least squares (with intercept) on all inferred latents; the mean
 *       of the per-latent R² (uniform average over true latents, as scikit-learn's {@code score}).</li>
 * </ul>
 *
 * @param matching the Pearson matching: {@code matching[i]} is the inferred latent of true latent i (-1: none)
 */
public record LatentRecovery(double mccPearson, double mccSpearman, double r2, int[] matching) {
    public static LatentRecovery of(double[][] truth, double[][] inferred) {
        double[][] p = LatentMatching.absoluteCorrelations(truth, inferred, LatentMatching.Correlation.PEARSON);
        int[] mp = LatentMatching.match(p);
        double[][] s = LatentMatching.absoluteCorrelations(truth, inferred, LatentMatching.Correlation.SPEARMAN);
        int[] ms = LatentMatching.match(s);
        return new LatentRecovery(LatentMatching.meanMatched(p, mp), LatentMatching.meanMatched(s, ms),
                linearR2(truth, inferred), mp);
    }

    /** Mean over true latents of R² of the least-squares map (with intercept) from all inferred latents. */
    static double linearR2(double[][] truth, double[][] inferred) {
        LatentMatching.checkCells(truth, inferred);
        double[][] t = LatentMatching.columns(truth);
        if (inferred[0].length >= truth.length - 1) {
            throw new IllegalArgumentException("R² needs more cells (" + truth.length + ") than inferred latents + 1 ("
                    + (inferred[0].length + 1) + ")");
        }
        double sum = 0;
        for (double[] y : t) {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, inferred);
            sum += ols.calculateRSquared();
        }
        return sum / t.length;
    }
}
