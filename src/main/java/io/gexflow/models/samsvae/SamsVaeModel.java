package io.gexflow.models.samsvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.Iwelbo;
import io.gexflow.eval.perturb.TreatmentEffects;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ParameterFiles;
import io.gexflow.data.perturb.CountSampler;
import io.gexflow.models.perturb.Noise;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A trained SAMS-VAE / CPA-VAE: its network in its own manager, the genes and treatments it was trained on. */
public final class SamsVaeModel implements AutoCloseable {
    /** The parameter file beside {@code model.json}. */
    public static final String PARAMS = "samsvae.params";
    private final NDManager manager;
    private final SamsVaeNetwork network;
    private final List<String> genes;
    private final List<String> treatments;

    SamsVaeModel(NDManager manager, SamsVaeNetwork network, List<String> genes, List<String> treatments) {
        this.manager = manager;
        this.network = network;
        this.genes = List.copyOf(genes);
        this.treatments = List.copyOf(treatments);
    }

    /** Rebuilds the model of {@code dir} (family loader): the network's shape from the descriptor, values from {@link #PARAMS}. */
    public static SamsVaeModel load(Path dir, ModelDescriptor d) {
        SamsVaeHyperParameters hp = SamsVaeFamily.FAMILY.hyperParameters(d);
        int g = d.inputs().size();
        NDManager m = NDManager.newBaseManager();
        try {
            SamsVaeNetwork net = SamsVaeNetwork.create(m, hp, g, d.outputs().size(), new float[g], new float[g], new Random(0));
            ParameterFiles.load(net.block(), m, dir.resolve(PARAMS), "SAMS-VAE parameters");
            return new SamsVaeModel(m, net, d.inputs(), d.outputs());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public SamsVaeNetwork network() {
        return network;
    }

    public List<String> genes() {
        return genes;
    }

    public List<String> treatments() {
        return treatments;
    }

    private void checkData(PerturbationData d) {
        if (!d.genes().equals(genes) || !d.treatments().equals(treatments)) {
            throw new IllegalArgumentException("the data's genes or treatments differ from the model's");
        }
    }

    /**
     * The held-out IWELBO (spec "Metrics"): the global variables drawn {@code particles} times from the guide
     * once, shared across all cells; per cell and draw k a local draw z_b,k, log w_k = log p(x|z_k) +
     * log p(z_b,k) - log q(z_b,k); assembled by {@link Iwelbo#of}.
     */
    public Iwelbo iwelbo(PerturbationData data, int particles, long seed, int cellBatch) {
        checkData(data);
        Noise noise = new Noise(seed);
        int n = data.cells().size();
        int g = genes.size();
        double[][] logW = new double[particles][n];
        double[] lib = data.librarySizes();
        // particles per chunk so that a [chunk, batch, genes] array stays near 16M values
        int chunk = (int) Math.max(1, Math.min(particles, 16_000_000L / ((long) cellBatch * g)));
        try (NDManager em = manager.newSubManager(); NDScope outer = new NDScope()) {
            SamsVaeNetwork.Globals globals = network.sampleGlobals(em, noise, particles);
            for (int from = 0; from < n; from += cellBatch) {
                int to = Math.min(n, from + cellBatch);
                int[] rows = range(from, to);
                try (NDManager bm = em.newSubManager(); NDScope scope = new NDScope()) {
                    NDArray x = bm.create(data.counts().denseRows(rows), new Shape(rows.length, g));
                    NDArray d = bm.create(data.dosage().denseRows(rows), new Shape(rows.length, treatments.size()));
                    NDArray l = bm.create(libraries(lib, rows), new Shape(rows.length, 1));
                    for (int k = 0; k < particles; k += chunk) {
                        int kt = Math.min(particles, k + chunk);
                        SamsVaeNetwork.Local local = network.local(x, d, l, globals.slice(k, kt), noise);
                        float[] w = local.logLikelihood().add(local.basalTerm()).toFloatArray();
                        for (int p = 0; p < kt - k; p++) {
                            for (int i = 0; i < rows.length; i++) {
                                logW[k + p][from + i] = w[p * rows.length + i];
                            }
                        }
                    }
                }
            }
        }
        return Iwelbo.of(logW);
    }

    /**
     * Model ATEs of every condition (conditions x genes; spec "Metrics"): {@code samples} cells under the
     * control and under each condition, z = z_b + sum_{t in condition} E_t o M_t with z_b ~ N(0, I) and the
     * global variables from {@code globalDraws} guide draws (sample s uses draw s mod globalDraws), counts
     * x ~ NB(library softmax(dec(z)), theta), then the mean of log2(1e4 x / sum x + 1) minus the control's.
     * The same z_b draws serve the control and every condition (common random numbers). The conditional VAE
     * decodes [z_b, D_condition] instead (its control: D = 0).
     */
    public double[][] ate(Conditions c, int samples, double library, int globalDraws, long seed) {
        Noise noise = new Noise(seed);
        Random counts = new Random(seed + 1);
        int k = network.hyperParameters().latent();
        int t = treatments.size();
        int perDraw = Math.max(1, samples / globalDraws);
        try (NDManager em = manager.newSubManager(); NDScope outer = new NDScope()) {
            SamsVaeNetwork.Globals globals = network.sampleGlobals(em, noise, globalDraws);
            float[] em3 = globals.maskedEffect().toFloatArray(); // [draws, T, K]
            NDArray zb = noise.normal(em, new Shape(globalDraws, perDraw, k));
            float[] theta = network.theta().toFloatArray();
            double[] control = meanTransformed(zb, new float[globalDraws * k], new float[t], globalDraws, library, theta, counts);
            double[][] out = new double[c.size()][];
            for (int ci = 0; ci < c.size(); ci++) {
                float[] shift = new float[globalDraws * k];
                for (int dr = 0; dr < globalDraws; dr++) {
                    for (int tt : c.treatments().get(ci)) {
                        for (int j = 0; j < k; j++) {
                            shift[dr * k + j] += em3[(dr * t + tt) * k + j];
                        }
                    }
                }
                float[] dosage = new float[t];
                for (int tt : c.treatments().get(ci)) {
                    dosage[tt] = 1f;
                }
                double[] mean = meanTransformed(zb, shift, dosage, globalDraws, library, theta, counts);
                for (int gi = 0; gi < mean.length; gi++) {
                    mean[gi] -= control[gi];
                }
                out[ci] = mean;
            }
            return out;
        }
    }

    private double[] meanTransformed(NDArray zb, float[] shift, float[] dosage, int draws, double library, float[] theta,
            Random r) {
        int g = genes.size();
        int k = network.hyperParameters().latent();
        float[] frac;
        try (NDManager m = zb.getManager().newSubManager(); NDScope scope = new NDScope()) {
            NDArray s = m.create(shift, new Shape(draws, 1, k));
            frac = network.decodeUnder(zb, s, m.create(dosage)).toFloatArray();
        }
        int cells = frac.length / g;
        double[] sum = new double[g];
        float[] x = new float[g];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                x[j] = CountSampler.negativeBinomial(library * frac[i * g + j], theta[j], r);
            }
            double[] f = TreatmentEffects.logNormalised(x);
            for (int j = 0; j < g; j++) {
                sum[j] += f[j];
            }
        }
        for (int j = 0; j < g; j++) {
            sum[j] /= cells;
        }
        return sum;
    }

    /** The inferred latents of every cell of {@code data} ({@link SamsVaeNetwork#latentMeans}): cells x K. */
    public double[][] latentMeans(PerturbationData data, int cellBatch) {
        checkData(data);
        int n = data.cells().size();
        int k = network.hyperParameters().latent();
        double[][] out = new double[n][k];
        try (NDManager em = manager.newSubManager(); NDScope outer = new NDScope()) {
            for (int from = 0; from < n; from += cellBatch) {
                int to = Math.min(n, from + cellBatch);
                int[] rows = range(from, to);
                try (NDManager bm = em.newSubManager(); NDScope scope = new NDScope()) {
                    NDArray x = bm.create(data.counts().denseRows(rows), new Shape(rows.length, genes.size()));
                    NDArray d = bm.create(data.dosage().denseRows(rows), new Shape(rows.length, treatments.size()));
                    float[] z = network.latentMeans(x, d).toFloatArray();
                    for (int i = 0; i < rows.length; i++) {
                        for (int j = 0; j < k; j++) {
                            out[from + i][j] = z[i * k + j];
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The guide's mean effect of every treatment on every latent, M o E at the point estimate
     * ({@link SamsVaeNetwork#meanGlobals}): treatments x K (zeros for the conditional VAE). Models without
     * masks take their estimated targets from it (the top latents by |shift|).
     */
    public double[][] effectMeans() {
        int k = network.hyperParameters().latent();
        float[] e;
        try (NDManager em = manager.newSubManager(); NDScope scope = new NDScope()) {
            e = network.meanGlobals(em).maskedEffect().toFloatArray();
        }
        double[][] out = new double[treatments.size()][k];
        for (int t = 0; t < out.length; t++) {
            for (int j = 0; j < k; j++) {
                out[t][j] = e[t * k + j];
            }
        }
        return out;
    }

    /** The estimated target graph: treatment t acts on latent j when sigmoid(logits_tj) > 0.5 (all true without masks). */
    public boolean[][] estimatedTargets() {
        float[] p = network.maskProbabilities();
        int k = network.hyperParameters().latent();
        boolean[][] g = new boolean[treatments.size()][k];
        for (int t = 0; t < g.length; t++) {
            for (int j = 0; j < k; j++) {
                g[t][j] = p[t * k + j] > 0.5f;
            }
        }
        return g;
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    static float[] libraries(double[] lib, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (float) lib[rows[i]];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Seeds the engine the way training does (the models draw nothing from it; DJL initialisers might). */
    static void seedEngine(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }
}
