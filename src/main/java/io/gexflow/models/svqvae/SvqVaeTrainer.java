package io.gexflow.models.svqvae;

import ai.djl.Device;
import io.gexflow.data.Minibatches;
import io.gexflow.family.ParameterFiles;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gexflow.eval.History;
import io.gexflow.family.NumericsGuard;
import io.gexflow.family.OptimizerStep;
import io.gexflow.family.TrainingLoop;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains an S-VQ-VAE or a VQ-VAE as the reference code does, on the shared {@link TrainingLoop}:
 * shuffled minibatches every epoch, one AMSGrad step per batch on the whole loss, no early stopping;
 * the parameters after the last epoch are saved. Seeded: the same seed, data and thread count give the
 * same parameters.
 */
public final class SvqVaeTrainer {
    private SvqVaeTrainer() {}

    /** One forward pass: what the loss and the statistics need. */
    public record Forward(NDArray zE, NDArray nearest, NDArray xHat, SvqVaeLoss.Terms terms) {}

    /**
     * The training forward pass of a minibatch: z_e = enc(x); k = nearest code; S-VQ-VAE quantises to the
     * label's code e_y, VQ-VAE to e_k, both through the straight-through estimator; then the loss.
     *
     * @param labels class indices (int64), used by S-VQ-VAE only
     */
    public static Forward forward(SvqVaeNetwork net, ParameterStore ps, NDArray x, NDArray labels, SvqModelKind kind,
            float beta, float gamma) {
        NDArray zE = net.encode(ps, x, true);
        NDArray codebook = net.codebook(ps, x.getDevice(), true);
        NDArray k = Quantizer.nearest(zE, codebook);
        NDArray eK = Quantizer.lookup(codebook, k);
        if (kind == SvqModelKind.SVQVAE) {
            NDArray eY = Quantizer.lookup(codebook, labels);
            NDArray xHat = net.decode(ps, Quantizer.straightThrough(zE, eY), true);
            return new Forward(zE, k, xHat,
                    SvqVaeLoss.svqvae(x, xHat, zE, eY, eK, Quantizer.misassigned(k, labels), beta, gamma));
        }
        NDArray xHat = net.decode(ps, Quantizer.straightThrough(zE, eK), true);
        return new Forward(zE, k, xHat, SvqVaeLoss.vqvae(x, xHat, zE, eK, beta));
    }

    /** History columns: the loss terms as they enter the loss, then the codebook-usage statistics. */
    public static final String LOSS = "loss";
    public static final String TRAIN_MSE = "train_mse";
    public static final String PUSH_TERM = "push_term";
    public static final String PERPLEXITY = "perplexity";
    public static final String PERPLEXITY_LABEL = "perplexity_label_assignment";
    public static final String PERPLEXITY_NEAREST = "perplexity_nearest_code";
    public static final String MISASSIGNED = "misassigned_fraction";
    private static final List<TrainingLoop.Term> TERMS = List.of(new TrainingLoop.Term("total", LOSS),
            new TrainingLoop.Term("reconstruction", TRAIN_MSE), new TrainingLoop.Term("codebook", "codebook_term"),
            new TrainingLoop.Term("commitment", "commitment_term"), new TrainingLoop.Term("push", PUSH_TERM),
            new TrainingLoop.Term("divergence", "divergence_term"));

    public static History train(LabelledData data, SvqVaeSettings s, Path paramsFile, Consumer<String> progress) {
        return train(data, s, paramsFile, null, progress);
    }

    /**
     * Trains on the shared {@link TrainingLoop} and saves the parameters after the last epoch. Every batch
     * is checked for a non-finite loss term, gradient or parameter ({@link NumericsGuard}); with
     * {@code debugNumerics} set, one TSV row per batch records the terms, gradient norms and the code and
     * z_e norms. Each epoch records the means over its minibatches (as the reference code reports them):
     * the loss and its terms ({@link SvqVaeLoss.Terms}), and the codebook-usage perplexity of the batch by
     * label assignment and by nearest-code assignment; {@code perplexity} is the one the reference code
     * prints (label assignment for S-VQ-VAE, nearest code for VQ-VAE).
     */
    public static History train(LabelledData data, SvqVaeSettings s, Path paramsFile, Path debugNumerics,
            Consumer<String> progress) {
        return train(data, s, paramsFile, debugNumerics, Engine.getInstance().defaultDevice(), progress);
    }

    /** As {@link #train(LabelledData, SvqVaeSettings, Path, Path, Consumer)}, on {@code device}. */
    public static History train(LabelledData data, SvqVaeSettings s, Path paramsFile, Path debugNumerics, Device device,
            Consumer<String> progress) {
        if (s.kind() == SvqModelKind.SVQVAE && s.codes() != data.classes().size()) {
            throw new IllegalArgumentException("S-VQ-VAE has one code per class: " + data.classes().size()
                    + " codes, not " + s.codes());
        }
        Engine.getInstance().setRandomSeed((int) s.seed());
        SvqVaeNetwork net = new SvqVaeNetwork(s.architecture(), data.cols(), s.codes());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            net.initialize(manager);
            AmsGrad optimizer = AmsGrad.builder().optLearningRate((float) s.learningRate()).build();
            History h = TrainingLoop.run(SvqVaeFamily.NAME, s.kind().id(),
                    new Fit(net, manager, optimizer, data, s, debugNumerics != null), data.rows(),
                    new TrainingLoop.Settings(s.epochs(), s.batchSize(), s.seed(), History.LAST, 0), paramsFile,
                    debugNumerics, progress);
            return h.describedAs(s.kind().id(), s.kind().label(), data.dataset(), data.rows());
        }
    }

    /** One S-VQ-VAE/VQ-VAE run on the loop: AMSGrad on every parameter, guarded; code usage per batch. */
    private static final class Fit implements TrainingLoop.Fit {
        private final SvqVaeNetwork net;
        private final NDManager manager;
        private final AmsGrad optimizer;
        private final LabelledData data;
        private final SvqVaeSettings s;
        private final boolean debug;
        private Forward f;
        private int[] y;
        private int[] nearest;
        private Map<String, Double> extra = Map.of();

        Fit(SvqVaeNetwork net, NDManager manager, AmsGrad optimizer, LabelledData data, SvqVaeSettings s, boolean debug) {
            this.net = net;
            this.manager = manager;
            this.optimizer = optimizer;
            this.data = data;
            this.s = s;
            this.debug = debug;
        }

        @Override
        public List<TrainingLoop.Term> terms() {
            return TERMS;
        }

        @Override
        public NDManager newBatchManager() {
            return manager.newSubManager();
        }


        @Override
        public Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, TrainingLoop.Position at) {
            int p = data.cols();
            y = new int[to - from];
            long[] yl = new long[to - from];
            for (int i = from; i < to; i++) {
                y[i - from] = data.labels()[order[i]];
                yl[i - from] = y[i - from];
            }
            extra = Map.of();
            NDArray xb = batch.create(FloatBuffer.wrap(Minibatches.gather(data.x(), p, order, from, to)), new Shape(to - from, p));
            NDArray yb = batch.create(yl);
            ParameterStore ps = new ParameterStore(batch, false);
            f = SvqVaeTrainer.forward(net, ps, xb, yb, s.kind(), (float) s.beta(), (float) s.gamma());
            return f.terms().named();
        }

        @Override
        public void afterBackward(Map<String, NDArray> terms) {
            if (debug) {
                extra = normStatistics(f.zE(), net.codebookParameter().getArray());
            }
            nearest = toInt(f.nearest().toLongArray());
        }

        @Override
        public void update() {
            step(net, optimizer);
            f = null;
        }

        @Override
        public PairList<String, Parameter> checkedParameters() {
            return parameters(net);
        }

        @Override
        public Map<String, Double> debugValues() {
            return extra;
        }

        @Override
        public Map<String, Double> batchStatistics() {
            double pLabel = CodeStatistics.perplexity(y, data.classes().size());
            double pNearest = CodeStatistics.perplexity(nearest, s.codes());
            int wrong = 0;
            for (int i = 0; i < y.length; i++) {
                if (nearest[i] != y[i]) {
                    wrong++;
                }
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(PERPLEXITY, s.kind() == SvqModelKind.SVQVAE ? pLabel : pNearest);
            m.put(PERPLEXITY_LABEL, pLabel);
            m.put(PERPLEXITY_NEAREST, pNearest);
            m.put(MISASSIGNED, (double) wrong / y.length);
            return m;
        }

        @Override
        public void save(Path file) {
            ParameterFiles.save(net, file);
        }
    }

    /** One optimiser step on every parameter with the gradient the last backward pass left. */
    static void step(SvqVaeNetwork net, AmsGrad optimizer) {
        OptimizerStep.apply(net.getParameters(), optimizer);
    }


    private static PairList<String, Parameter> parameters(SvqVaeNetwork net) {
        return net.getParameters();
    }

    /** Row norms of z_e (mean, max) and of the codebook (min, max), for --debug-numerics. */
    private static Map<String, Double> normStatistics(NDArray zE, NDArray codebook) {
        Map<String, Double> m = new LinkedHashMap<>();
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            normsInto(m, zE, codebook);
        }
        return m;
    }

    private static void normsInto(Map<String, Double> m, NDArray zE, NDArray codebook) {
        NDArray z = zE.stopGradient().toType(DataType.FLOAT64, false).square().sum(new int[] {1}).sqrt();
        NDArray e = codebook.toType(DataType.FLOAT64, false).square().sum(new int[] {1}).sqrt();
        m.put("z_e_norm_mean", z.mean().getDouble());
        m.put("z_e_norm_max", z.max().getDouble());
        m.put("code_norm_min", e.min().getDouble());
        m.put("code_norm_max", e.max().getDouble());
    }

    static int[] toInt(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }


}
