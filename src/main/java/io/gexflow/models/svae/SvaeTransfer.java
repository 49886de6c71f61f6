package io.gexflow.models.svae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.gexflow.data.Minibatches;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.models.perturb.LogDensities;
import io.gexflow.models.perturb.Scalars;
import io.gexflow.models.perturb.Noise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The transfer protocol to held-out interventions (spec perturbation.md, "sVAE+ (SpikeSlabVAE) and
 * baselines"): the trained encoder, decoder, theta and batch-norm statistics are frozen (eval mode: no
 * dropout, running statistics, nothing updated); each held-out intervention with more than
 * {@value #MIN_CELLS} cells gets new embeddings (mu ~ N(0, 1), mask logits 5), fitted alone with Adam
 * (lr 5e-3); then held-out ELBO and IWELBO per cell with the masks frozen at sigmoid(logit) > 0.5,
 * averaged per intervention and over interventions.
 *
 * <p>With everything but the new embeddings frozen, the reconstruction term does not depend on them, so
 * the transfer loss is the variant's loss without it:
 * svae+: N * mean(KL(q(z|x) || N(mask_a * mu_a, I))) - sum log Beta(sigmoid(logits); 1, sparse_penalty);
 * svae / ivae: mean(KL) + sparse_penalty * mean(sigmoid(logits)) (KL weight 1). vae / beta-vae have
 * nothing to fit (prior N(0, I)) and are only evaluated.
 */
public final class SvaeTransfer {
    /** Interventions with at most this many held-out cells are left out. */
    public static final int MIN_CELLS = 10;
    public static final double LEARNING_RATE = 5e-3;

    private SvaeTransfer() {}

    /**
     * @param treatments the held-out interventions kept (more than {@value #MIN_CELLS} cells), in the data's order
     * @param elbo mean ELBO of each kept intervention's cells (nats)
     * @param iwelbo mean IWELBO of each kept intervention's cells (nats)
     * @param firstLoss the transfer loss of the first epoch (NaN when nothing was fitted)
     * @param lastLoss the transfer loss of the last epoch
     */
    public record Result(List<String> treatments, int[] cells, double[] elbo, double[] iwelbo, double meanElbo,
            double meanIwelbo, double firstLoss, double lastLoss) {}

    /**
     * Fits new embeddings for the interventions of {@code heldOut} (its treatments are the new ones; controls are
     * ignored) and scores the held-out cells with {@code samples} importance samples.
     */
    public static Result run(SvaeModel model, PerturbationData heldOut, int epochs, int batchSize, int samples, long seed,
            Consumer<String> progress) {
        SvaeTrainer.checkOneHot(heldOut);
        SvaeHyperParameters hp = model.hyperParameters();
        int k = hp.latentDim();
        int nT = heldOut.treatments().size();
        int[] of = new int[heldOut.cells().size()];
        int[] count = new int[nT];
        long[] off = heldOut.dosage().offsets();
        for (int i = 0; i < of.length; i++) {
            of[i] = off[i + 1] == off[i] ? -1 : heldOut.dosage().indices()[(int) off[i]];
            if (of[i] >= 0) {
                count[of[i]]++;
            }
        }
        List<Integer> cellsKept = new ArrayList<>();
        for (int i = 0; i < of.length; i++) {
            if (of[i] >= 0 && count[of[i]] > MIN_CELLS) {
                cellsKept.add(i);
            }
        }
        int[] rows = cellsKept.stream().mapToInt(Integer::intValue).toArray();
        if (rows.length == 0) {
            throw new IllegalArgumentException("no held-out intervention has more than " + MIN_CELLS + " cells");
        }
        PerturbationData d = heldOut.select(rows);
        int n = rows.length;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = of[rows[i]];
        }
        Noise noise = new Noise(new Random(seed));
        float[][] priorMeans = new float[n][k];
        double first = Double.NaN;
        double last = Double.NaN;
        try (NDManager m = model.manager().newSubManager()) {
            if (hp.variant().hasInterventions()) {
                // frozen posterior of every held-out cell (eval mode): the only input the new embeddings see
                NDArray[] q = model.network().encode(model.parameterStore(),
                        m.create(d.counts().denseRows(SvaeTrainer.range(0, n)), new Shape(n, d.genes().size())), false);
                float[] qMean = q[0].toFloatArray();
                float[] qVar = q[1].toFloatArray();
                NDArray mu = noise.normal(m, new Shape(nT, k));
                NDArray logits = m.full(new Shape(nT, k), SvaeNetwork.MASK_LOGIT_INIT);
                mu.setRequiresGradient(true);
                logits.setRequiresGradient(true);
                Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) LEARNING_RATE)).build();
                Random order = noise.random();
                int[] perm = Minibatches.identity(n);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    Minibatches.shuffle(perm, order);
                    double sum = 0;
                    int batches = 0;
                    for (int from = 0; from < n; from += batchSize) {
                        int to = Math.min(n, from + batchSize);
                        try (NDManager b = m.newSubManager()) {
                            int[] sel = Arrays.copyOfRange(perm, from, to);
                            Shape bk = new Shape(to - from, k);
                            NDArray qm = b.create(Minibatches.gather(qMean, k, sel, 0, sel.length), bk);
                            NDArray qv = b.create(Minibatches.gather(qVar, k, sel, 0, sel.length), bk);
                            NDArray db = b.create(d.dosage().denseRows(sel), new Shape(to - from, nT));
                            NDArray u = noise.uniform(b, bk);
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray mask = LogDensities.relaxedBernoulliStraightThrough(db.matMul(logits), u, 1f);
                                NDArray kl = SvaeLoss.klToUnitVariance(qm, qv, mask.mul(db.matMul(mu)));
                                NDArray loss = transferLoss(hp, kl, logits, n);
                                gc.backward(loss);
                                sum += loss.getFloat();
                            }
                            adam.update("mu", mu, mu.getGradient());
                            adam.update("mask_logits", logits, logits.getGradient());
                        }
                        batches++;
                    }
                    last = sum / batches;
                    if (epoch == 1) {
                        first = last;
                    }
                    progress.accept("transfer epoch " + epoch + "/" + epochs + " loss " + (float) last);
                }
                float[] on = Activation.sigmoid(logits).gt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .mul(mu).toFloatArray();
                for (int i = 0; i < n; i++) {
                    System.arraycopy(on, t[i] * k, priorMeans[i], 0, k);
                }
            }
        }
        double[][] bounds = SvaeBounds.of(model, d, priorMeans, samples, noise);
        List<String> kept = new ArrayList<>();
        List<double[]> per = new ArrayList<>();
        for (int a = 0; a < nT; a++) {
            if (count[a] > MIN_CELLS) {
                double e = 0;
                double w = 0;
                for (int i = 0; i < n; i++) {
                    if (t[i] == a) {
                        e += bounds[0][i];
                        w += bounds[1][i];
                    }
                }
                kept.add(heldOut.treatments().get(a));
                per.add(new double[] {count[a], e / count[a], w / count[a]});
            }
        }
        int[] cells = per.stream().mapToInt(p -> (int) p[0]).toArray();
        double[] elbo = per.stream().mapToDouble(p -> p[1]).toArray();
        double[] iwelbo = per.stream().mapToDouble(p -> p[2]).toArray();
        return new Result(kept, cells, elbo, iwelbo, Arrays.stream(elbo).average().orElse(Double.NaN),
                Arrays.stream(iwelbo).average().orElse(Double.NaN), first, last);
    }

    /**
     * The transfer loss of a batch (the variant's loss without the reconstruction, which the frozen networks fix):
     *
     * <pre>
     * svae+:       N * mean(KL) - sum log Beta(sigmoid(logits); 1, sparse_penalty)
     * svae, ivae:  mean(KL) + sparse_penalty * mean(sigmoid(logits))
     * </pre>
     */
    static NDArray transferLoss(SvaeHyperParameters hp, NDArray kl, NDArray logits, int nObs) {
        if (hp.variant() == SvaeVariant.SVAE_PLUS) {
            return Scalars.times(kl.mean(), nObs).sub(SvaeLoss.logBetaOneB(logits, hp.sparsePenalty()));
        }
        return kl.mean().add(Scalars.times(Activation.sigmoid(logits).mean(), hp.sparsePenalty()));
    }
}
