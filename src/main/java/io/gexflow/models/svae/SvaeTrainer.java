package io.gexflow.models.svae;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.gexflow.data.Minibatches;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.History;
import io.gexflow.family.ParameterFiles;
import io.gexflow.family.TrainingLoop;
import io.gexflow.models.perturb.Noise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains an sVAE-family model on the shared {@link TrainingLoop} with DJL's {@link Trainer} and Adam
 * (learning rate and weight decay of the hyper-parameters). What is the family's own: the seeded 90/10
 * split of the cells, the KL warm-up, the per-cell draws (Gaussian eps, uniforms of the Gumbel-sigmoid)
 * from the loop's generator, and the validation negative ELBO at the end of each epoch (eval mode, KL
 * weight 1, fixed draws so that epochs compare). The last epoch is kept, as in the reference.
 */
public final class SvaeTrainer {
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TRAIN_RECON = "train_recon";
    public static final String TRAIN_KL = "train_kl";
    public static final String TRAIN_SPARSITY = "train_sparsity";
    /** Validation mean over cells of recon + KL (the negative ELBO per cell, nats; sparsity prior left out). */
    public static final String VALID_NELBO = "valid_nelbo";
    public static final String KL_WEIGHT = "kl_weight";
    /** Fraction of (intervention, latent) mask entries with sigmoid(logit) > 0.5. */
    public static final String MASK_ON = "mask_on";
    /** Mean of the mask logits (they start at 5; a mask turns off below 0). */
    public static final String MASK_LOGIT_MEAN = "mask_logit_mean";
    static final int EVAL_BATCH = 512;

    private SvaeTrainer() {}

    /** A finished run: its history and which cells (rows of the data) trained and validated. */
    public record Result(History history, int[] trainCells, int[] validCells) {}

    /** Trains on {@code device}; the kept parameters go to {@code paramsFile}. */
    public static Result train(PerturbationData data, SvaeHyperParameters hp, Path paramsFile, Device device,
            Consumer<String> progress) {
        checkOneHot(data);
        int[][] split = split(data.cells().size(), hp.validationFraction(), hp.batchSize(), hp.seed());
        PerturbationData train = data.select(split[0]);
        PerturbationData valid = split[1].length == 0 ? null : data.select(split[1]);
        Engine.getInstance().setRandomSeed((int) hp.seed());
        SvaeNetwork net = new SvaeNetwork(hp, data.genes().size(), data.treatments().size());
        try (Model model = Model.newInstance("svae", device)) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer(hp))
                    .optDevices(new Device[] {device}))) {
                trainer.initialize(net.inputShapes(2));
                Fit fit = new Fit(trainer, net, hp, train, valid);
                History h = TrainingLoop.run(SvaeFamily.NAME, hp.model(), fit, train.cells().size(),
                        new TrainingLoop.Settings(hp.epochs(), hp.batchSize(), hp.seed(), History.LAST, 0), paramsFile, null,
                        progress).describedAs(hp.model(), hp.model(), null, train.cells().size());
                return new Result(h, split[0], split[1]);
            }
        }
    }

    /** Adam's epsilon in the reference's optimiser (scvi-tools' TrainingPlan: torch Adam with eps 0.01). */
    static final float ADAM_EPSILON = 0.01f;

    /**
     * Adam with the run's rate and weight decay and the reference's epsilon 0.01 (DJL's default is 1e-8). The
     * epsilon matters for parameters with tiny gradients: with 1e-8, Adam turns the weight decay alone
     * (1e-6 x 5 for a mask logit at its init) into a full step of the learning rate each step, so the logits of an
     * intervention without training cells (and every logit while the KL warm-up weight is 0) drift down by lr per
     * step; with 0.01 they move by at most lr x 5e-6 / 0.01.
     */
    static Optimizer optimizer(SvaeHyperParameters hp) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) hp.learningRate()))
                .optWeightDecays((float) hp.weightDecay()).optEpsilon(ADAM_EPSILON).build();
    }

    /** Dosage rows must be one-hot or empty: the sVAE prior takes one intervention per cell. */
    public static void checkOneHot(PerturbationData d) {
        long[] off = d.dosage().offsets();
        for (int i = 0; i < d.cells().size(); i++) {
            if (off[i + 1] - off[i] > 1) {
                throw new IllegalArgumentException("cell " + d.cells().get(i) + " has " + (off[i + 1] - off[i])
                        + " treatments; the sVAE family takes one intervention per cell (or none: a control)");
            }
        }
    }

    /**
     * The seeded split: {@code [train, valid]} row ids (each ascending), {@code round(fraction * n)} cells to
     * validation; one more goes there when the training set would end in a batch of a single cell (which
     * batch norm cannot normalise).
     */
    static int[][] split(int n, double fraction, int batchSize, long seed) {
        int[] all = Minibatches.identity(n);
        Minibatches.shuffle(all, new Random(seed * 1_000_003L + 12));
        int nValid = (int) Math.round(fraction * n);
        if ((n - nValid) % batchSize == 1 && n - nValid > 1) {
            nValid++;
        }
        int[] valid = Arrays.copyOfRange(all, 0, nValid);
        int[] train = Arrays.copyOfRange(all, nValid, n);
        Arrays.sort(valid);
        Arrays.sort(train);
        return new int[][] {train, valid};
    }

    /** One sVAE-family run on the loop. */
    private static final class Fit implements TrainingLoop.TrainerFit {
        private final Trainer trainer;
        private final SvaeNetwork net;
        private final SvaeHyperParameters hp;
        private final PerturbationData train;
        private final PerturbationData valid;
        private Noise noise;

        Fit(Trainer trainer, SvaeNetwork net, SvaeHyperParameters hp, PerturbationData train, PerturbationData valid) {
            this.trainer = trainer;
            this.net = net;
            this.hp = hp;
            this.train = train;
            this.valid = valid;
        }

        @Override
        public List<TrainingLoop.Term> terms() {
            List<TrainingLoop.Term> t = new ArrayList<>(List.of(new TrainingLoop.Term(SvaeLoss.LOSS, TRAIN_LOSS),
                    new TrainingLoop.Term(SvaeLoss.RECON, TRAIN_RECON), new TrainingLoop.Term(SvaeLoss.KL, TRAIN_KL)));
            if (hp.variant().hasInterventions()) {
                t.add(new TrainingLoop.Term(SvaeLoss.SPARSITY, TRAIN_SPARSITY));
            }
            return t;
        }

        /** The per-cell draws come from the loop's generator, after its seed and before the first shuffle. */
        @Override
        public void begin(Random random) {
            noise = new Noise(random);
        }

        @Override
        public Trainer trainer() {
            return trainer;
        }

        @Override
        public Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, TrainingLoop.Position at) {
            int[] rows = Arrays.copyOfRange(order, from, to);
            NDList in = inputs(batch, train, rows, hp.latentDim(), noise);
            SvaeNetwork.Pass p = SvaeNetwork.Pass.of(trainer.forward(in));
            return SvaeLoss.of(hp, p, in.get(0), train.cells().size(), hp.klWeight(at.epoch()));
        }

        @Override
        public void update() {
            trainer.step();
        }

        @Override
        public Map<String, Double> endEpoch(int epoch) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(KL_WEIGHT, hp.klWeight(epoch));
            if (valid != null) {
                m.put(VALID_NELBO, negativeElbo(trainer, valid, hp, new Noise(hp.seed() + 1)));
            }
            if (net.maskLogitsParameter() != null) {
                // the temporaries live in the parameter's (whole-run) manager: close them with the scope
                try (NDScope scope = new NDScope()) {
                    NDArray logits = net.maskLogitsParameter().getArray();
                    NDArray on = Activation.sigmoid(logits).gt(0.5f);
                    m.put(MASK_ON, (double) on.toType(DataType.FLOAT32, false).mean().getFloat());
                    m.put(MASK_LOGIT_MEAN, (double) logits.mean().getFloat());
                }
            }
            return m;
        }

        @Override
        public void save(Path file) {
            ParameterFiles.save(net, file);
        }
    }

    /** A batch's inputs: counts, dosage, eps ~ N(0, I) and U(0, 1) draws, cells x latents. */
    static NDList inputs(NDManager m, PerturbationData d, int[] rows, int latent, Noise noise) {
        int n = rows.length;
        NDArray x = m.create(d.counts().denseRows(rows), new Shape(n, d.genes().size()));
        NDArray dose = m.create(d.dosage().denseRows(rows), new Shape(n, d.treatments().size()));
        NDArray eps = noise.normal(m, new Shape(n, latent));
        NDArray u = noise.uniform(m, new Shape(n, latent));
        return new NDList(x, dose, eps, u);
    }

    /** Mean over the cells of recon + KL(q || p(z | a)) in eval mode (KL weight 1), with the given draws. */
    static double negativeElbo(Trainer trainer, PerturbationData d, SvaeHyperParameters hp, Noise noise) {
        int n = d.cells().size();
        double sum = 0;
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList in = inputs(m, d, range(from, to), hp.latentDim(), noise);
                SvaeNetwork.Pass p = SvaeNetwork.Pass.of(trainer.evaluate(in));
                NDArray per = SvaeLoss.reconstruction(in.get(0), p.nbMean(), p.theta())
                        .add(SvaeLoss.klToUnitVariance(p.qMean(), p.qVar(), p.priorMean()));
                sum += per.sum().getFloat();
            }
        }
        return sum / n;
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
