package io.gexflow.models.svqvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.ParameterFiles;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained S-VQ-VAE or VQ-VAE rebuilt from its directory (model.json + {@value #PARAMS}), for
 * evaluation: encoding, nearest codes, decoding. Everything runs in inference mode, in batches.
 */
public final class SvqVaeModel implements AutoCloseable {
    public static final String PARAMS = "svqvae.params";
    private static final int BATCH = 512;

    private final ModelDescriptor descriptor;
    private final SvqModelKind kind;
    private final List<String> codeNames;
    private final NDManager manager;
    private final SvqVaeNetwork net;

    private SvqVaeModel(ModelDescriptor descriptor, SvqModelKind kind, List<String> codeNames, NDManager manager,
            SvqVaeNetwork net) {
        this.descriptor = descriptor;
        this.kind = kind;
        this.codeNames = codeNames;
        this.manager = manager;
        this.net = net;
    }

    /** model.json settings of a run: the hyper-parameters, then the data set, latent size, code names and optimiser. */
    public static Map<String, Object> settings(SvqVaeSettings s, String dataset, List<String> codeNames) {
        Map<String, Object> m = SvqVaeFamily.FAMILY.settings(SvqVaeHyperParameters.of(s));
        m.put("dataset", dataset);
        m.put("latent_dim", s.architecture().latentDim());
        m.put("code_names", codeNames);
        m.put("optimizer", "adam-amsgrad (betas 0.9, 0.999; eps 1e-8)");
        return m;
    }

    /** Code names: the class names for S-VQ-VAE, code0.. for VQ-VAE. */
    public static List<String> codeNames(SvqModelKind kind, List<String> classes, int codes) {
        if (kind == SvqModelKind.SVQVAE) {
            return classes;
        }
        String[] names = new String[codes];
        for (int k = 0; k < codes; k++) {
            names[k] = "code" + k;
        }
        return List.of(names);
    }

    public static SvqVaeModel load(Path dir) {
        io.gexflow.io.DirectorySeal.verify(dir);
        Path json = dir.resolve(ModelDescriptor.FILE);
        ModelDescriptor d = Json.readFile(json, ModelDescriptor.class);
        SvqModelKind kind;
        SvqArchitecture arch;
        int codes;
        List<String> names;
        try {
            kind = SvqModelKind.of(d.type());
            Map<String, Object> s = d.settings();
            arch = SvqArchitecture.valueOf(String.valueOf(s.get("architecture")).toUpperCase(java.util.Locale.ROOT));
            codes = ((Number) s.get("codes")).intValue();
            @SuppressWarnings("unchecked")
            List<String> n = (List<String>) s.get("code_names");
            names = List.copyOf(n);
            if (names.size() != codes) {
                throw new IllegalArgumentException("code_names has " + names.size() + " names for " + codes + " codes");
            }
        } catch (RuntimeException e) {
            throw new InputException(json, "not an S-VQ-VAE/VQ-VAE model: " + e.getMessage());
        }
        NDManager manager = NDManager.newBaseManager();
        SvqVaeNetwork net = new SvqVaeNetwork(arch, d.inputs().size(), codes);
        try {
            net.initialize(manager);
            ParameterFiles.load(net, manager, dir.resolve(PARAMS), "the parameters");
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new SvqVaeModel(d, kind, names, manager, net);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public SvqModelKind kind() {
        return kind;
    }

    public SvqArchitecture architecture() {
        return net.architecture();
    }

    public List<String> features() {
        return descriptor.inputs();
    }

    public List<String> codeNames() {
        return codeNames;
    }

    public int codes() {
        return net.codes();
    }

    public int latentDim() {
        return net.latentDim();
    }

    /** The codebook, K x D row-major. */
    public float[] codebook() {
        return net.codebookParameter().getArray().toFloatArray();
    }

    /** z_e of every row, rows x D. */
    public float[] encode(float[] x, int rows) {
        return map(x, rows, net.inputs(), net.latentDim(), (ps, a) -> net.encode(ps, a, false));
    }

    /** d(z) of every row of z (rows x D), rows x inputs on the data scale. */
    public float[] decode(float[] z, int rows) {
        return map(z, rows, net.latentDim(), net.inputs(), (ps, a) -> net.decode(ps, a, false));
    }

    /** Nearest code of every row of z (rows x D). */
    public int[] nearest(float[] z, int rows) {
        float[] idx = map(z, rows, net.latentDim(), 1, (ps, a) -> Quantizer.nearest(a,
                net.codebook(ps, a.getDevice(), false)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = Math.round(idx[i]);
        }
        return out;
    }

    private interface Op {
        NDArray apply(ParameterStore ps, NDArray in);
    }

    private float[] map(float[] in, int rows, int width, int outWidth, Op op) {
        float[] out = new float[Math.multiplyExact(rows, outWidth)];
        for (int from = 0; from < rows; from += BATCH) {
            int to = Math.min(rows, from + BATCH);
            try (NDManager m = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                NDArray a = m.create(FloatBuffer.wrap(in, from * width, (to - from) * width).slice(),
                        new Shape(to - from, width));
                float[] r = op.apply(ps, a).toFloatArray();
                System.arraycopy(r, 0, out, from * outWidth, r.length);
            }
        }
        return out;
    }

    /** Engine in use (for logs). */
    public static String engine() {
        return Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion();
    }

    @Override
    public void close() {
        manager.close();
    }
}
