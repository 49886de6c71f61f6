package io.gexflow.models.svae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gexflow.data.perturb.CountSampler;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.TreatmentEffects;
import io.gexflow.models.perturb.Noise;
import java.util.Random;

/**
 * Model average treatment effects of an sVAE-family model with interventions (svae+, svae, ivae), from its
 * generative model: cells z ~ N(m, I) with the prior mean m = sum over the condition's interventions of
 * 1[sigmoid(logit_a) > 0.5] * mu_a (0 for controls), x ~ NB(library * softmax(decoder(z)), theta) at a fixed
 * library size, then the spec's transform f(x) = log2(1e4 x / sum x + 1): ATE = mean f under the condition
 * minus mean f under control (spec perturbation.md "Metrics"). vae / beta-vae (prior N(0, I)) have none.
 */
public final class SvaeEffects {
    /** Cells decoded at once. */
    private static final int CHUNK = 512;

    private SvaeEffects() {}

    /** Whether {@code model} has intervention effects to sample (not vae / beta-vae). */
    public static boolean hasEffects(SvaeModel model) {
        return model.variant().hasInterventions();
    }

    /** conditions x genes model ATEs, {@code samples} cells per condition at library size {@code library}. */
    public static double[][] ate(SvaeModel model, Conditions c, int samples, double library, long seed) {
        if (!hasEffects(model)) {
            throw new IllegalArgumentException(model.variant().type() + " has no intervention effects (prior N(0, I))");
        }
        double[][] mu = model.interventionMeans();
        double[][] p = model.maskProbabilities();
        int k = model.hyperParameters().latentDim();
        Noise noise = new Noise(seed);
        Random counts = new Random(seed + 1);
        double[] control = meanTransformed(model, new float[k], samples, library, noise, counts);
        double[][] out = new double[c.size()][];
        for (int ci = 0; ci < c.size(); ci++) {
            out[ci] = meanTransformed(model, priorMean(mu, p, c.treatments().get(ci)), samples, library, noise, counts);
            for (int g = 0; g < out[ci].length; g++) {
                out[ci][g] -= control[g];
            }
        }
        return out;
    }

    /** sum over {@code treatments} of 1[p_a > 0.5] * mu_a (the hard mask of the transfer protocol). */
    static float[] priorMean(double[][] mu, double[][] maskProbabilities, int[] treatments) {
        float[] m = new float[mu[0].length];
        for (int a : treatments) {
            for (int j = 0; j < m.length; j++) {
                if (maskProbabilities[a][j] > 0.5) {
                    m[j] += (float) mu[a][j];
                }
            }
        }
        return m;
    }

    private static double[] meanTransformed(SvaeModel model, float[] prior, int samples, double library, Noise noise,
            Random r) {
        int k = prior.length;
        int g = model.genes().size();
        double[] sum = new double[g];
        float[] theta;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray t = model.network().theta(model.parameterStore(), m.getDevice(), false);
            theta = t.toFloatArray();
            t.close();
        }
        float[] x = new float[g];
        for (int from = 0; from < samples; from += CHUNK) {
            int n = Math.min(samples, from + CHUNK) - from;
            float[] mean;
            try (NDManager m = model.manager().newSubManager()) {
                NDArray z = noise.normal(m, new Shape(n, k)).add(m.create(prior, new Shape(1, k)));
                NDArray lib = m.full(new Shape(n, 1), (float) library);
                mean = model.network().decodeMean(model.parameterStore(), z, lib, false).toFloatArray();
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < g; j++) {
                    x[j] = CountSampler.negativeBinomial(mean[i * g + j], theta[j], r);
                }
                double[] f = TreatmentEffects.logNormalised(x);
                for (int j = 0; j < g; j++) {
                    sum[j] += f[j];
                }
            }
        }
        for (int j = 0; j < g; j++) {
            sum[j] /= samples;
        }
        return sum;
    }
}
