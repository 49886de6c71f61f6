package io.gexflow.models.samsvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.History;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.family.TrainingLoop;
import io.gexflow.io.Json;
import io.gexflow.models.perturb.Adam;
import io.gexflow.models.perturb.Noise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains SAMS-VAE / CPA-VAE on the shared {@link TrainingLoop}: the negative ELBO with its named terms
 * ({@link SamsVaeNetwork#loss}), Adam with weight decay and gradient-norm clipping ({@link Adam}), and the
 * checkpoint of the epoch with the lowest validation loss. What is the family's own: the 1/N_t weights of
 * the global terms (N_t = training cells with treatment t) and the guide's noise.
 *
 * <p>Every draw comes from the seed: initial values from {@code Random(seed)}, the loop's shuffles from its
 * own {@code Random(seed)}, training noise from {@code Random(seed + 2)}, and the validation noise is the same
 * {@code Random(seed + 3)} stream every epoch (so validation losses of different epochs compare).
 */
public final class SamsVaeTrainer {
    public static final String VALID_LOSS = "valid_loss";
    public static final String GRAD_NORM = "grad_norm";
    public static final String MASK_DENSITY = "mask_density";

    private SamsVaeTrainer() {}

    /** The trained model directory's files: {@code model.json}, {@link SamsVaeModel#PARAMS} (best epoch), {@code history.json}. */
    public static History train(PerturbationData train, PerturbationData valid, SamsVaeHyperParameters hp, Path outDir,
            Object provenance, Consumer<String> progress) throws java.io.IOException {
        return train(train, valid, hp, outDir, provenance, ai.djl.engine.Engine.getInstance().defaultDevice(), progress);
    }

    /** As {@link #train(PerturbationData, PerturbationData, SamsVaeHyperParameters, Path, Object, Consumer)}, on {@code device}. */
    public static History train(PerturbationData train, PerturbationData valid, SamsVaeHyperParameters hp, Path outDir,
            Object provenance, ai.djl.Device device, Consumer<String> progress) throws java.io.IOException {
        if (!train.genes().equals(valid.genes()) || !train.treatments().equals(valid.treatments())) {
            throw new IllegalArgumentException("training and validation data have different genes or treatments");
        }
        Files.createDirectories(outDir);
        SamsVaeModel.seedEngine(hp.seed());
        float[][] std = SamsVaeNetwork.standardisation(train.counts());
        History h;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            SamsVaeNetwork net = SamsVaeNetwork.create(manager, hp, train.genes().size(), train.treatments().size(), std[0],
                    std[1], new Random(hp.seed()));
            Fit fit = new Fit(manager, net, train, valid, hp);
            h = TrainingLoop.run(SamsVaeFamily.NAME, hp.type(), fit, train.cells().size(),
                    new TrainingLoop.Settings(hp.epochs(), hp.batchSize(), hp.seed(), History.minimum(VALID_LOSS), hp.patience()),
                    outDir.resolve(SamsVaeModel.PARAMS), null, progress)
                    .describedAs(hp.type(), hp.type(), null, train.cells().size());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("best_epoch", h.bestEpoch());
        summary.put("best_valid_loss", h.bestValue());
        summary.put("train_cells", train.cells().size());
        summary.put("valid_cells", valid.cells().size());
        ModelDescriptor d = new ModelDescriptor(SamsVaeFamily.NAME, SamsVaeFamily.VERSION, hp.type(), train.genes(),
                train.treatments(), SamsVaeFamily.FAMILY.settings(hp), summary, provenance);
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), d);
        Json.writeFile(outDir.resolve(History.FILE), h);
        return h;
    }

    /** 1/N_t per treatment (0 where no training cell has it). */
    static double[] inverseCounts(PerturbationData d) {
        double[] n = new double[d.treatments().size()];
        long[] off = d.dosage().offsets();
        for (int i = 0; i < d.cells().size(); i++) {
            for (long k = off[i]; k < off[i + 1]; k++) {
                if (d.dosage().values()[(int) k] != 0) {
                    n[d.dosage().indices()[(int) k]]++;
                }
            }
        }
        for (int t = 0; t < n.length; t++) {
            n[t] = n[t] > 0 ? 1 / n[t] : 0;
        }
        return n;
    }

    /** A batch's dense arrays: counts [B, G], dosage [B, T], library [B, 1], global-term weights 1[D != 0]/N_t [B, T]. */
    record Batch(NDArray x, NDArray dosage, NDArray library, NDArray weights) {
        static Batch of(NDManager m, PerturbationData d, double[] library, double[] inverseN, int[] rows) {
            int t = d.treatments().size();
            float[] w = new float[rows.length * t];
            long[] off = d.dosage().offsets();
            for (int r = 0; r < rows.length; r++) {
                for (long k = off[rows[r]]; k < off[rows[r] + 1]; k++) {
                    if (d.dosage().values()[(int) k] != 0) {
                        int tt = d.dosage().indices()[(int) k];
                        w[r * t + tt] = (float) inverseN[tt];
                    }
                }
            }
            return new Batch(m.create(d.counts().denseRows(rows), new Shape(rows.length, d.genes().size())),
                    m.create(d.dosage().denseRows(rows), new Shape(rows.length, t)),
                    m.create(SamsVaeModel.libraries(library, rows), new Shape(rows.length, 1)),
                    m.create(w, new Shape(rows.length, t)));
        }
    }

    static final class Fit implements TrainingLoop.Fit {
        private static final List<String> TERMS = List.of(SamsVaeNetwork.LOSS, SamsVaeNetwork.NLL, SamsVaeNetwork.KL_BASAL,
                SamsVaeNetwork.KL_EFFECT, SamsVaeNetwork.KL_MASK);
        private final NDManager manager;
        private final SamsVaeNetwork net;
        private final PerturbationData train;
        private final PerturbationData valid;
        private final SamsVaeHyperParameters hp;
        private final double[] inverseN;
        private final double[] trainLibrary;
        private final double[] validLibrary;
        private final Adam adam;
        private final Noise noise;
        private double gradNorm;
        /** Closes the batch's arrays that attach to the parameters' manager (ops on parameters), after the step. */
        private NDScope scope;

        Fit(NDManager manager, SamsVaeNetwork net, PerturbationData train, PerturbationData valid, SamsVaeHyperParameters hp) {
            this.manager = manager;
            this.net = net;
            this.train = train;
            this.valid = valid;
            this.hp = hp;
            this.inverseN = inverseCounts(train);
            this.trainLibrary = train.librarySizes();
            this.validLibrary = valid.librarySizes();
            this.adam = new Adam(net.block().trainable(), hp.learningRate(), hp.weightDecay());
            this.noise = new Noise(hp.seed() + 2);
        }

        @Override
        public List<TrainingLoop.Term> terms() {
            return TERMS.stream().map(t -> new TrainingLoop.Term(t, "train_" + t)).toList();
        }

        @Override
        public NDManager newBatchManager() {
            return manager.newSubManager();
        }

        /** The negative ELBO's named terms on rows {@code order[from..to)} ({@link SamsVaeNetwork#loss}). */
        @Override
        public Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, TrainingLoop.Position at) {
            closeScope();
            scope = new NDScope();
            Batch b = Batch.of(batch, train, trainLibrary, inverseN, Arrays.copyOfRange(order, from, to));
            return net.loss(b.x(), b.dosage(), b.library(), b.weights(), noise, hp.particles());
        }

        /** Gradient-norm clipping, inside the collector after backward. */
        @Override
        public void afterBackward(Map<String, NDArray> terms) {
            gradNorm = adam.clipGradientNorm(hp.gradClip());
        }

        @Override
        public void update() {
            adam.step();
            closeScope();
        }

        private void closeScope() {
            if (scope != null) {
                scope.close();
                scope = null;
            }
        }

        @Override
        public PairList<String, Parameter> checkedParameters() {
            return net.block().checked();
        }

        @Override
        public Map<String, Double> batchStatistics() {
            return Map.of(GRAD_NORM, gradNorm);
        }

        /** The validation ELBO's terms (same noise stream every epoch) and the share of mask probabilities above 0.5. */
        @Override
        public Map<String, Double> endEpoch(int epoch) {
            Noise vNoise = new Noise(hp.seed() + 3);
            int n = valid.cells().size();
            Map<String, Double> sums = new LinkedHashMap<>();
            for (int from = 0; from < n; from += hp.batchSize()) {
                int to = Math.min(n, from + hp.batchSize());
                try (NDManager m = manager.newSubManager(); NDScope s = new NDScope()) {
                    Batch b = Batch.of(m, valid, validLibrary, inverseN, SamsVaeModel.range(from, to));
                    Map<String, NDArray> t = net.loss(b.x(), b.dosage(), b.library(), b.weights(), vNoise, hp.particles());
                    for (String name : TERMS) {
                        sums.merge("valid_" + name, (double) t.get(name).getFloat() * (to - from), Double::sum);
                    }
                }
            }
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, v) -> out.put(k, v / Math.max(1, n)));
            float[] p = net.maskProbabilities();
            int on = 0;
            for (float v : p) {
                on += v > 0.5f ? 1 : 0;
            }
            out.put(MASK_DENSITY, (double) on / p.length);
            return out;
        }

        @Override
        public void save(Path file) {
            io.gexflow.family.ParameterFiles.save(net.block(), file);
        }
    }
}
