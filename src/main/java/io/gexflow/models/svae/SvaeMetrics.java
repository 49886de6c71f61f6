package io.gexflow.models.svae;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.perturb.LatentRecovery;
import io.gexflow.eval.perturb.TargetGraphScore;

/**
 * Latent and target recovery of an sVAE-family model on simulated data (spec perturbation.md "Metrics"):
 * the inferred latents are the encoder means; MCC (Pearson, Spearman) and linear R² by
 * {@link LatentRecovery}; the target graph scored by {@link TargetGraphScore} with the Pearson matching.
 *
 * <p>Estimated graph per variant ({@link #graphRule}): svae+ and svae: the masks sigmoid(logits) > 0.5;
 * ivae: the top-2 latents by |mu_a|; vae and beta-vae, which have no mu_a: the top-2 latents by |mean
 * encoder mean of the intervention's cells - mean encoder mean of the controls| (the shift the model
 * represents; this rule is gexflow's, the papers do not score the VAE's graph).
 *
 * @param graphRule "mask>0.5", "top2|mu|" or "top2|shift|"
 * @param oracleF1 variants without masks: the F1 of the best single threshold on the same |mu_a| or |shift|
 *     ({@link TargetGraphScore#bestThreshold}, an upper bound: the threshold is chosen with the truth); null with masks
 * @param oracleThreshold that threshold (NaN with masks)
 */
public record SvaeMetrics(String model, double mccPearson, double mccSpearman, double r2, double precision,
        double recall, double f1, String graphRule, Double oracleF1, double oracleThreshold) {
    /** The targets of a mask-free model: this many latents per intervention. */
    public static final int TOP_K = 2;

    /**
     * @param truth true latents of the cells of {@code data} (cells x true latents)
     * @param trueGraph the simulation's targets, {@code trueGraph[a][i]}: treatment a (in {@code data}'s order)
     *     shifts true latent i
     */
    public static SvaeMetrics of(SvaeModel model, PerturbationData data, double[][] truth, boolean[][] trueGraph) {
        if (!data.treatments().equals(model.treatments())) {
            throw new IllegalArgumentException("the data's treatments differ from the model's");
        }
        double[][] inferred = model.latentMeans(data);
        LatentRecovery rec = LatentRecovery.of(truth, inferred);
        boolean[][] estimated;
        String rule;
        double[][] effects = null;
        switch (model.variant()) {
            case SVAE_PLUS, SVAE -> {
                estimated = threshold(model.maskProbabilities(), 0.5);
                rule = "mask>0.5";
            }
            case IVAE -> {
                effects = model.interventionMeans();
                estimated = TargetGraphScore.topK(effects, TOP_K);
                rule = "top2|mu|";
            }
            default -> {
                effects = shifts(data, inferred);
                estimated = TargetGraphScore.topK(effects, TOP_K);
                rule = "top2|shift|";
            }
        }
        TargetGraphScore g = TargetGraphScore.of(trueGraph, estimated, rec.matching());
        TargetGraphScore.Oracle oracle = effects == null ? null : TargetGraphScore.bestThreshold(trueGraph, effects, rec.matching());
        return new SvaeMetrics(model.variant().type(), rec.mccPearson(), rec.mccSpearman(), rec.r2(), g.precision(),
                g.recall(), g.f1(), rule, oracle == null ? null : oracle.score().f1(), oracle == null ? Double.NaN : oracle.threshold());
    }

    static boolean[][] threshold(double[][] p, double t) {
        boolean[][] out = new boolean[p.length][];
        for (int a = 0; a < p.length; a++) {
            out[a] = new boolean[p[a].length];
            for (int j = 0; j < p[a].length; j++) {
                out[a][j] = p[a][j] > t;
            }
        }
        return out;
    }

    /** Per treatment: mean inferred latent of its cells minus that of the controls (treatments x latents). */
    static double[][] shifts(PerturbationData d, double[][] inferred) {
        int a = d.treatments().size();
        int k = inferred[0].length;
        double[][] sum = new double[a + 1][k];
        int[] count = new int[a + 1];
        long[] off = d.dosage().offsets();
        int[] idx = d.dosage().indices();
        for (int i = 0; i < inferred.length; i++) {
            int t = off[i + 1] == off[i] ? a : idx[(int) off[i]];
            count[t]++;
            for (int j = 0; j < k; j++) {
                sum[t][j] += inferred[i][j];
            }
        }
        double[][] out = new double[a][k];
        for (int t = 0; t < a; t++) {
            for (int j = 0; j < k; j++) {
                double control = count[a] == 0 ? 0 : sum[a][j] / count[a];
                out[t][j] = count[t] == 0 ? 0 : sum[t][j] / count[t] - control;
            }
        }
        return out;
    }
}
