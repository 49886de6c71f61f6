package io.gexflow.models.samsvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.gexflow.models.perturb.LogDensities;
import io.gexflow.models.perturb.Mlp;
import io.gexflow.models.perturb.Noise;
import io.gexflow.models.perturb.ParameterBlock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * SAMS-VAE's generative model and mean-field guide (spec "SAMS-VAE"; Bereket and Karaletsos 2023), for G
 * genes, T treatments and K latents:
 *
 * <pre>
 * p:  z_b ~ N(0, I_K);  E_t ~ N(0, I_K);  M_t ~ Bernoulli(p)^K;  z = z_b + D (E o M)
 *     h = trunk(z);  mu = library * softmax(h W + b);  x_g ~ NB(mu_g, theta_g),  theta = exp(theta_log)
 * q:  M_t ~ straight-through relaxed Bernoulli(logits_t, temperature 1), scored as Bernoulli of the hard sample;
 *     E_t ~ N(loc_t, softplus(scale_t));  z_b ~ N(enc([log_standardise(x), D (M o E)]))
 * </pre>
 *
 * The correlated guide replaces q(E_t) by q(E_t | M_t) = N(loc, softplus(scale)), (loc, scale) =
 * MLP_E([M_t, onehot(t)]) (same width and depth as the other MLPs). CPA-VAE is the mean-field model without
 * masks (M = 1, no mask terms). The conditional VAE has no global variables: q(z | [log_standardise(x), D]),
 * p(z) = N(0, I), decoder trunk([z, D]). Global samples carry a leading particle axis P.
 */
public final class SamsVaeNetwork {
    /** Added to softplus scales so that a scale never reaches 0. */
    static final float MIN_SCALE = 1e-5f;
    static final String EFFECT_LOC = "effect_loc";
    static final String EFFECT_SCALE = "effect_scale";
    static final String MASK_LOGITS = "mask_logits";
    static final String THETA_LOG = "theta_log";
    static final String STD_MEAN = "std_mean";
    static final String STD_SD = "std_sd";

    /** The named loss terms (per cell, averaged over particles and cells); the first is differentiated. */
    public static final String LOSS = "loss";
    public static final String NLL = "nll";
    public static final String KL_BASAL = "kl_basal";
    public static final String KL_EFFECT = "kl_effect";
    public static final String KL_MASK = "kl_mask";

    private final SamsVaeHyperParameters hp;
    private final int genes;
    private final int treatments;
    private final ParameterBlock block;
    private final Mlp encoder;
    private final Mlp decoder;
    /** The correlated guide's q(E_t | M_t) network, or null for the mean-field guide. */
    private final Mlp effectGuide;

    private SamsVaeNetwork(SamsVaeHyperParameters hp, int genes, int treatments, ParameterBlock block, Mlp encoder, Mlp decoder,
            Mlp effectGuide) {
        this.hp = hp;
        this.genes = genes;
        this.treatments = treatments;
        this.block = block;
        this.encoder = encoder;
        this.decoder = decoder;
        this.effectGuide = effectGuide;
    }

    /**
     * Builds the parameters (initial values from {@code random}) in {@code manager}: encoder and decoder MLPs
     * as {@link Mlp}, effect locations N(0, 0.1^2), effect scales softplus^-1(0.1), mask logits 0, theta 1,
     * and the log-standardisation statistics {@code stdMean}/{@code stdSd} of the training cells (fixed).
     */
    public static SamsVaeNetwork create(NDManager manager, SamsVaeHyperParameters hp, int genes, int treatments,
            float[] stdMean, float[] stdSd, Random random) {
        int k = hp.latent();
        ParameterBlock b = new ParameterBlock();
        int condition = hp.conditional() ? treatments : 0;
        Mlp enc = Mlp.register(b, "enc", genes + (hp.conditional() ? treatments : k), hp.width(), hp.layers(), 2 * k, random);
        Mlp dec = Mlp.register(b, "dec", k + condition, hp.width(), hp.layers(), genes, random);
        Mlp eg = null;
        if (hp.conditional()) {
            // no effects and no masks
        } else if (hp.correlated()) {
            eg = Mlp.register(b, "eguide", k + treatments, hp.width(), hp.layers(), 2 * k, random);
        } else {
            float[] loc = new float[treatments * k];
            for (int i = 0; i < loc.length; i++) {
                loc[i] = (float) (0.1 * random.nextGaussian());
            }
            b.add(EFFECT_LOC, new Shape(treatments, k), loc, true);
            float[] scale = new float[treatments * k];
            Arrays.fill(scale, (float) Math.log(Math.expm1(0.1)));
            b.add(EFFECT_SCALE, new Shape(treatments, k), scale, true);
        }
        if (hp.masked()) {
            b.add(MASK_LOGITS, new Shape(treatments, k), new float[treatments * k], true);
        }
        b.add(THETA_LOG, new Shape(genes), new float[genes], true);
        b.add(STD_MEAN, new Shape(genes), stdMean, false);
        b.add(STD_SD, new Shape(genes), stdSd, false);
        b.initialize(manager, DataType.FLOAT32);
        return new SamsVaeNetwork(hp, genes, treatments, b, enc, dec, eg);
    }

    /** The log-standardisation statistics of training counts: mean and sd (1 where 0) of log(x + 1) per gene. */
    public static float[][] standardisation(io.gexflow.data.perturb.SparseRows counts) {
        int g = counts.columns();
        double[] sum = new double[g];
        double[] sq = new double[g];
        long[] off = counts.offsets();
        for (int i = 0; i < counts.rows(); i++) {
            for (long j = off[i]; j < off[i + 1]; j++) {
                double v = Math.log1p(counts.values()[(int) j]);
                sum[counts.indices()[(int) j]] += v;
                sq[counts.indices()[(int) j]] += v * v;
            }
        }
        float[] mean = new float[g];
        float[] sd = new float[g];
        int n = Math.max(1, counts.rows());
        for (int j = 0; j < g; j++) {
            double m = sum[j] / n;
            double var = Math.max(0, sq[j] / n - m * m);
            mean[j] = (float) m;
            sd[j] = var > 0 ? (float) Math.sqrt(var) : 1f;
        }
        return new float[][] {mean, sd};
    }

    public ParameterBlock block() {
        return block;
    }

    public SamsVaeHyperParameters hyperParameters() {
        return hp;
    }

    public int genes() {
        return genes;
    }

    public int treatments() {
        return treatments;
    }

    /**
     * P draws of the global variables from the guide.
     *
     * @param effect     E, [P, T, K]
     * @param mask       M (hard values, straight-through gradient), [P, T, K]; ones for CPA-VAE
     * @param effectTerm log p(E_t) - log q(E_t) summed over K, [P, T]
     * @param maskTerm   log p(M_t) - log q(M_t) summed over K, [P, T] (zeros for CPA-VAE)
     */
    public record Globals(NDArray effect, NDArray mask, NDArray effectTerm, NDArray maskTerm) {
        /** E o M, [P, T, K]. */
        public NDArray maskedEffect() {
            return effect.mul(mask);
        }

        public int particles() {
            return (int) effect.getShape().get(0);
        }

        /** Particles {@code from..to}. */
        public Globals slice(int from, int to) {
            String s = from + ":" + to;
            return new Globals(effect.get(s), mask.get(s), effectTerm.get(s), maskTerm.get(s));
        }
    }

    /** Draws P particles of the global variables from the guide, with their log-ratio terms. */
    public Globals sampleGlobals(NDManager m, Noise noise, int particles) {
        Shape shape = new Shape(particles, treatments, hp.latent());
        if (hp.conditional()) {
            NDArray zeros = m.zeros(new Shape(particles, treatments));
            return new Globals(m.zeros(shape), m.ones(shape), zeros, zeros);
        }
        if (hp.correlated()) {
            // M first, then E | M: (loc, scale) = MLP_E([M_t, onehot(t)])
            NDArray logits = block.get(MASK_LOGITS);
            NDArray mask = LogDensities.relaxedBernoulliStraightThrough(logits, noise.uniform(m, shape), 1f);
            NDArray onehot = m.eye(treatments).broadcast(new Shape(particles, treatments, treatments));
            NDList ls = effectGuide.forward(NDArrays.concat(new NDList(mask, onehot), 2)).split(new long[] {hp.latent()}, 2);
            NDArray loc = ls.get(0);
            NDArray scale = Activation.softPlus(ls.get(1)).add(MIN_SCALE);
            NDArray e = noise.normal(m, shape).mul(scale).add(loc);
            return new Globals(e, mask, effectTerm(e, loc, scale), maskTerm(mask, logits));
        }
        NDArray loc = block.get(EFFECT_LOC);
        NDArray scale = Activation.softPlus(block.get(EFFECT_SCALE)).add(MIN_SCALE);
        NDArray e = noise.normal(m, shape).mul(scale).add(loc);
        if (!hp.masked()) {
            return new Globals(e, m.ones(shape), effectTerm(e, loc, scale), m.zeros(new Shape(particles, treatments)));
        }
        NDArray logits = block.get(MASK_LOGITS);
        NDArray mask = LogDensities.relaxedBernoulliStraightThrough(logits, noise.uniform(m, shape), 1f);
        return new Globals(e, mask, effectTerm(e, loc, scale), maskTerm(mask, logits));
    }

    /**
     * The guide's point estimate of the global variables as one particle: M = 1[sigmoid(logits) > 0.5]
     * (ones for CPA-VAE), E = the guide's mean (given that M for the correlated guide); zeros for the
     * conditional VAE. The log-ratio terms are zeros (not used).
     */
    public Globals meanGlobals(NDManager m) {
        Shape shape = new Shape(1, treatments, hp.latent());
        NDArray zeros = m.zeros(new Shape(1, treatments));
        if (hp.conditional()) {
            return new Globals(m.zeros(shape), m.ones(shape), zeros, zeros);
        }
        NDArray mask = hp.masked()
                ? block.get(MASK_LOGITS).gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(shape)
                : m.ones(shape);
        NDArray loc;
        if (hp.correlated()) {
            NDArray onehot = m.eye(treatments).reshape(new Shape(1, treatments, treatments));
            loc = effectGuide.forward(NDArrays.concat(new NDList(mask, onehot), 2)).split(new long[] {hp.latent()}, 2).get(0);
        } else {
            loc = block.get(EFFECT_LOC).reshape(shape);
        }
        return new Globals(loc, mask, zeros, zeros);
    }

    /**
     * The inferred latents of cells (for latent and target recovery on simulations): with the point
     * estimate of the globals ({@link #meanGlobals}), z = E_q[z_b | x, D (M o E)] + D (M o E), [B, K]
     * (the conditional VAE: E_q[z | x, D]).
     */
    public NDArray latentMeans(NDArray x, NDArray dosage) {
        NDManager m = x.getManager();
        Globals g = meanGlobals(m);
        long b = x.getShape().get(0);
        NDArray shift = dosage.matMul(g.maskedEffect()); // [1, B, K]
        NDArray std = x.add(1f).log().sub(block.get(STD_MEAN)).div(block.get(STD_SD));
        NDArray condition = hp.conditional() ? dosage.reshape(new Shape(1, b, treatments)) : shift;
        NDArray in = NDArrays.concat(new NDList(std.reshape(new Shape(1, b, genes)), condition), 2);
        NDArray loc = encoder.forward(in).split(new long[] {hp.latent()}, 2).get(0);
        return (hp.conditional() ? loc : loc.add(shift)).reshape(new Shape(b, hp.latent()));
    }

    /** log p(E_t) - log q(E_t) summed over K: [P, T]. */
    private static NDArray effectTerm(NDArray e, NDArray loc, NDArray scale) {
        return LogDensities.standardNormal(e).sub(LogDensities.normal(e, loc, scale)).sum(new int[] {2});
    }

    /** log p(M_t) - log q(M_t) summed over K, the hard sample scored as a Bernoulli: [P, T]. */
    private NDArray maskTerm(NDArray mask, NDArray logits) {
        return LogDensities.bernoulli(mask, hp.maskPrior()).sub(LogDensities.bernoulliLogits(mask, logits)).sum(new int[] {2});
    }

    /**
     * Per particle and cell: log p(x | z) (NB summed over genes) and log p(z_b) - log q(z_b | x, D (M o E))
     * (summed over K), each [P, B].
     *
     * @param x       counts, [B, G]
     * @param dosage  D, [B, T]
     * @param library observed total counts, [B, 1]
     */
    public record Local(NDArray logLikelihood, NDArray basalTerm) {}

    public Local local(NDArray x, NDArray dosage, NDArray library, Globals g, Noise noise) {
        NDManager m = x.getManager();
        int p = g.particles();
        long b = x.getShape().get(0);
        int k = hp.latent();
        NDArray shift = dosage.matMul(g.maskedEffect()); // [P, B, K]
        NDArray std = x.add(1f).log().sub(block.get(STD_MEAN)).div(block.get(STD_SD));
        NDArray condition = hp.conditional() ? dosage.broadcast(new Shape(p, b, treatments)) : shift;
        NDArray in = NDArrays.concat(new NDList(std.broadcast(new Shape(p, b, genes)), condition), 2);
        NDList locScale = encoder.forward(in).split(new long[] {k}, 2);
        NDArray loc = locScale.get(0);
        NDArray scale = Activation.softPlus(locScale.get(1)).add(MIN_SCALE);
        NDArray zb = noise.normal(m, new Shape(p, b, k)).mul(scale).add(loc);
        NDArray basal = LogDensities.standardNormal(zb).sub(LogDensities.normal(zb, loc, scale)).sum(new int[] {2});
        NDArray z = hp.conditional() ? NDArrays.concat(new NDList(zb, condition), 2) : zb.add(shift);
        NDArray mu = decoder.forward(z).softmax(2).mul(library);
        NDArray theta = block.get(THETA_LOG).exp();
        NDArray ll = LogDensities.negativeBinomial(x, mu, theta).sum(new int[] {2});
        return new Local(ll, basal);
    }

    /**
     * The named terms of the negative Monte-Carlo ELBO per cell (spec "Loss"), averaged over particles and
     * the batch's cells:
     *
     * <pre>
     * ELBO_i = log p(x_i | z) + log p(z_b) - log q(z_b)
     *          + sum_t 1[D_it != 0] / N_t [log p(E_t) - log q(E_t) + log p(M_t) - log q(M_t)]
     * loss = nll + kl_basal + kl_effect + kl_mask = -mean ELBO_i
     * </pre>
     *
     * with nll = -log p(x|z), kl_basal = log q(z_b) - log p(z_b), kl_effect and kl_mask the weighted global
     * terms (N_t: training cells with treatment t, in {@code weights} as 1[D_it != 0] / N_t, [B, T]).
     */
    public Map<String, NDArray> loss(NDArray x, NDArray dosage, NDArray library, NDArray weights, Noise noise, int particles) {
        NDManager m = x.getManager();
        Globals g = sampleGlobals(m, noise, particles);
        Local l = local(x, dosage, library, g, noise);
        NDArray wt = weights.transpose(); // [T, B]
        NDArray nll = l.logLikelihood().mean().neg();
        NDArray klBasal = l.basalTerm().mean().neg();
        NDArray klEffect = g.effectTerm().matMul(wt).mean().neg();
        NDArray klMask = g.maskTerm().matMul(wt).mean().neg();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put(LOSS, nll.add(klBasal).add(klEffect).add(klMask));
        terms.put(NLL, nll);
        terms.put(KL_BASAL, klBasal);
        terms.put(KL_EFFECT, klEffect);
        terms.put(KL_MASK, klMask);
        return terms;
    }

    /** Mask probabilities sigmoid(logits), [T, K] row-major (ones for CPA-VAE). */
    public float[] maskProbabilities() {
        if (!hp.masked()) {
            float[] ones = new float[treatments * hp.latent()];
            Arrays.fill(ones, 1f);
            return ones;
        }
        return Activation.sigmoid(block.get(MASK_LOGITS)).toFloatArray();
    }


    /** theta = exp(theta_log) per gene. */
    public NDArray theta() {
        return block.get(THETA_LOG).exp();
    }

    /**
     * The decoder's mean expression fractions under a condition, for basal latents {@code zb} [draws, n, K]:
     * softmax(dec(z_b + shift)) with {@code shift} [draws, 1, K] = sum over the condition's treatments of E o M
     * (SAMS-VAE, CPA-VAE), or softmax(dec([z_b, D])) with the condition's dosage row {@code dosage} [T]
     * (conditional VAE).
     */
    public NDArray decodeUnder(NDArray zb, NDArray shift, NDArray dosage) {
        if (hp.conditional()) {
            Shape s = zb.getShape();
            return decoder.forward(NDArrays.concat(new NDList(zb, dosage.broadcast(new Shape(s.get(0), s.get(1), treatments))), 2))
                    .softmax(-1);
        }
        return decoder.forward(zb.add(shift)).softmax(-1);
    }
}
