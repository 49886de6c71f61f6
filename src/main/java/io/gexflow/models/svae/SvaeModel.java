package io.gexflow.models.svae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ParameterFiles;
import io.gexflow.io.DirectorySeal;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained sVAE-family model rebuilt from its directory ({@code model.json} + {@value #PARAMS}): the
 * encoder means of cells (the inferred latents), the intervention means mu_a and the mask probabilities
 * sigmoid(logits). Everything runs in inference mode (batch-norm running statistics, no dropout).
 *
 * <p>{@code model.json}: {@code inputs} are the genes, {@code outputs} the latent names {@code z0..};
 * {@code settings} the hyper-parameters and the fact {@code treatments} (the rows of mu and the logits).
 */
public final class SvaeModel implements AutoCloseable {
    public static final String PARAMS = "svae.params";
    public static final String TREATMENTS = "treatments";

    private final ModelDescriptor descriptor;
    private final SvaeHyperParameters hp;
    private final List<String> treatments;
    private final NDManager manager;
    private final SvaeNetwork net;
    private final ParameterStore ps;

    private SvaeModel(ModelDescriptor descriptor, SvaeHyperParameters hp, List<String> treatments, NDManager manager,
            SvaeNetwork net) {
        this.descriptor = descriptor;
        this.hp = hp;
        this.treatments = treatments;
        this.manager = manager;
        this.net = net;
        this.ps = new ParameterStore(manager, false);
    }

    /** The descriptor of a run on {@code data} (the caller adds summary and provenance). */
    public static ModelDescriptor descriptor(SvaeHyperParameters hp, PerturbationData data, Map<String, Object> summary,
            Object provenance) {
        Map<String, Object> settings = SvaeFamily.FAMILY.settings(hp);
        settings.put(TREATMENTS, data.treatments());
        List<String> latents = new ArrayList<>();
        for (int k = 0; k < hp.latentDim(); k++) {
            latents.add("z" + k);
        }
        return new ModelDescriptor(SvaeFamily.NAME, SvaeFamily.VERSION, hp.model(), data.genes(), latents, settings,
                summary, provenance);
    }

    /** Loads {@code dir} (its seal is checked when it has one). */
    public static SvaeModel load(Path dir) {
        return load(dir, Json.readFile(dir.resolve(ModelDescriptor.FILE), ModelDescriptor.class));
    }

    public static SvaeModel load(Path dir, ModelDescriptor d) {
        DirectorySeal.verify(dir);
        Path json = dir.resolve(ModelDescriptor.FILE);
        SvaeHyperParameters hp;
        List<String> treatments;
        try {
            hp = SvaeFamily.FAMILY.hyperParameters(d);
            if (!hp.model().equals(d.type())) {
                throw new IllegalArgumentException("type " + d.type() + " but settings.model " + hp.model());
            }
            @SuppressWarnings("unchecked")
            List<String> t = (List<String>) d.settings().get(TREATMENTS);
            if (t == null) {
                throw new IllegalArgumentException("settings has no " + TREATMENTS);
            }
            treatments = List.copyOf(t);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InputException(json, e.getMessage(), e);
        }
        NDManager manager = Engine.getInstance().newBaseManager();
        try {
            SvaeNetwork net = new SvaeNetwork(hp, d.inputs().size(), treatments.size());
            net.initialize(manager);
            ParameterFiles.load(net, manager, dir.resolve(PARAMS), "the sVAE parameters");
            return new SvaeModel(d, hp, treatments, manager, net);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public SvaeHyperParameters hyperParameters() {
        return hp;
    }

    public SvaeVariant variant() {
        return hp.variant();
    }

    public List<String> genes() {
        return descriptor.inputs();
    }

    public List<String> treatments() {
        return treatments;
    }

    /** The inferred latents: the encoder means E[z | x] of every cell (cells x latents), in eval mode. */
    public double[][] latentMeans(PerturbationData d) {
        if (!d.genes().equals(genes())) {
            throw new IllegalArgumentException("the data's genes differ from the model's (" + d.genes().size() + " vs "
                    + genes().size() + ")");
        }
        int n = d.cells().size();
        int g = genes().size();
        int k = hp.latentDim();
        double[][] out = new double[n][k];
        for (int from = 0; from < n; from += SvaeTrainer.EVAL_BATCH) {
            int to = Math.min(n, from + SvaeTrainer.EVAL_BATCH);
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(d.counts().denseRows(SvaeTrainer.range(from, to)), new Shape(to - from, g));
                float[] mean = net.encode(ps, x, false)[0].toFloatArray();
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i][j] = mean[(i - from) * k + j];
                    }
                }
            }
        }
        return out;
    }

    /** mu_a (interventions x latents), or null for vae / beta-vae. */
    public double[][] interventionMeans() {
        return net.muParameter() == null ? null : matrix(net.muParameter(), false);
    }

    /** sigmoid(mask logits) (interventions x latents), or null for vae / beta-vae. */
    public double[][] maskProbabilities() {
        return net.maskLogitsParameter() == null ? null : matrix(net.maskLogitsParameter(), true);
    }

    private double[][] matrix(Parameter p, boolean sigmoid) {
        int a = treatments.size();
        int k = hp.latentDim();
        float[] v;
        try (NDScope scope = new NDScope()) {
            NDArray arr = p.getArray();
            v = (sigmoid ? Activation.sigmoid(arr) : arr.duplicate()).toFloatArray();
        }
        double[][] out = new double[a][k];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < k; j++) {
                out[i][j] = v[i * k + j];
            }
        }
        return out;
    }

    SvaeNetwork network() {
        return net;
    }

    ParameterStore parameterStore() {
        return ps;
    }

    NDManager manager() {
        return manager;
    }

    /** The summary facts every run records beside the history. */
    public static Map<String, Object> summary(SvaeTrainer.Result r, String device) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("epochs_run", r.history().epochs().size());
        s.put("training_cells", r.trainCells().length);
        s.put("validation_cells", r.validCells().length);
        s.put("last", r.history().last().values());
        s.put("device", device);
        return s;
    }

    @Override
    public void close() {
        manager.close();
    }
}
