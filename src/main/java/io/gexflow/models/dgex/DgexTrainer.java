package io.gexflow.models.dgex;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import io.gexflow.data.Minibatches;
import io.gexflow.data.RegressionData;
import io.gexflow.eval.History;
import io.gexflow.family.NumericsGuard;
import io.gexflow.family.OptimizerStep;
import io.gexflow.family.ParameterFiles;
import io.gexflow.family.TrainingLoop;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a D-GEX network by the reference protocol on the shared {@link TrainingLoop} and keeps the
 * parameters of the epoch with the lowest validation MAE in {@code paramsFile}. What is D-GEX's own:
 * momentum SGD with per-layer rate multipliers, the decay of the base rate when the MAE on a fixed
 * training-monitor subset rises, and the monitor subset itself (drawn before the first shuffle).
 */
public final class DgexTrainer {
    private static final int PREDICT_BATCH = 1024;
    /** The history column of the loss (eq. 3) and the MAE columns. */
    public static final String TRAIN_LOSS = "train_loss";
    public static final String TRAIN_MAE = "train_mae";
    public static final String VALID_MAE = "valid_mae";
    public static final String LEARNING_RATE = "learning_rate";

    private DgexTrainer() {}

    /** Trains on the engine's default device with the loop's progress lines going to {@code progress}. */
    public static History train(RegressionData train, RegressionData valid, DgexTrainingSettings s, Path paramsFile,
            Consumer<String> progress) {
        return train(train, valid, s, paramsFile, Engine.getInstance().defaultDevice(), progress);
    }

    /** Trains on {@code device} (every array of the run lives there) with progress lines going to {@code progress}. */
    public static History train(RegressionData train, RegressionData valid, DgexTrainingSettings s, Path paramsFile,
            Device device, Consumer<String> progress) {
        int nIn = train.inputs().size();
        int nOut = train.outputs().size();
        Engine.getInstance().setRandomSeed((int) s.seed());
        DgexNetwork net = DgexNetwork.build(nIn, nOut, s.architecture());
        try (Model model = Model.newInstance("dgex", device)) {
            model.setBlock(net.block());
            // DJL parameters get their ids when the block is built, so the per-layer scales are known now
            ScaledLearningRate rate = new ScaledLearningRate((float) s.learningRate(),
                    net.learningRateScales(s.learningRateScale()));
            MomentumSgd sgd = new MomentumSgd(rate, (float) s.momentum());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new SummedSquaredErrorLoss()).optOptimizer(sgd)
                    .optDevices(new Device[] {device}))) {
                trainer.initialize(new Shape(1, nIn));
                Fit fit = new Fit(trainer, net, rate, sgd, train, valid, s);
                return TrainingLoop.run(DgexFamily.NAME, DgexModel.TYPE, fit, train.rows(),
                        new TrainingLoop.Settings(s.epochs(), s.batchSize(), s.seed(), History.minimum(VALID_MAE), 0),
                        paramsFile, null, progress).describedAs(DgexModel.TYPE, s.architecture().label(), null, train.rows());
            }
        }
    }

    /** One D-GEX run on the loop: SGD step by DJL's trainer, schedule and validation at the end of each epoch. */
    private static final class Fit implements TrainingLoop.TrainerFit {
        private final Trainer trainer;
        private final MomentumSgd sgd;
        private final DgexNetwork net;
        private final ScaledLearningRate rate;
        private final RegressionData train;
        private final RegressionData valid;
        private final DgexTrainingSettings s;
        private final int nIn;
        private final int nOut;
        private int[] monitor;
        private float[] xMon;
        private float[] yMon;
        private double previousTrainMae = Double.POSITIVE_INFINITY;

        Fit(Trainer trainer, DgexNetwork net, ScaledLearningRate rate, MomentumSgd sgd, RegressionData train,
                RegressionData valid, DgexTrainingSettings s) {
            this.trainer = trainer;
            this.sgd = sgd;
            this.net = net;
            this.rate = rate;
            this.train = train;
            this.valid = valid;
            this.s = s;
            this.nIn = train.inputs().size();
            this.nOut = train.outputs().size();
        }

        @Override
        public List<TrainingLoop.Term> terms() {
            return List.of(new TrainingLoop.Term("loss", TRAIN_LOSS));
        }

        /** The fixed training-monitor subset, drawn before the first epoch's shuffle. */
        @Override
        public void begin(Random random) {
            int n = train.rows();
            monitor = sample(n, Math.min(s.monitorSamples(), n), random);
            xMon = Minibatches.gather(train.x(), nIn, monitor, 0, monitor.length);
            yMon = Minibatches.gather(train.y(), nOut, monitor, 0, monitor.length);
        }

        @Override
        public Trainer trainer() {
            return trainer;
        }

        /** Eq. 3 on the batch; a non-finite loss stops with the rate in use and last epoch's mean loss. */
        @Override
        public Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, TrainingLoop.Position at) {
            NDArray xb = batch.create(FloatBuffer.wrap(Minibatches.gather(train.x(), nIn, order, from, to)), new Shape(to - from, nIn));
            NDArray yb = batch.create(FloatBuffer.wrap(Minibatches.gather(train.y(), nOut, order, from, to)), new Shape(to - from, nOut));
            NDArray pred = trainer.forward(new NDList(xb)).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(new NDList(yb), new NDList(pred));
            float value = loss.getFloat();
            if (!Float.isFinite(value)) {
                Double last = at.previous(TRAIN_LOSS);
                throw new NumericsGuard.NonFiniteException("non-finite value in epoch " + at.epoch() + ", batch "
                        + at.batch() + ": the loss (eq. 3) is " + value + " (learning rate " + rate.base()
                        + "); last epoch's mean loss: " + (last == null ? "none (first epoch)" : last));
            }
            return Map.of("loss", loss);
        }

        @Override
        public void update() {
            OptimizerStep.apply(net.block().getParameters(), sgd);
        }

        /** Monitor and validation MAE in eval mode, then the schedule's next base rate. */
        @Override
        public Map<String, Double> endEpoch(int epoch) {
            double usedRate = rate.base();
            double trainMae = mae(predict(trainer, xMon, monitor.length, nIn), yMon);
            double validMae = mae(predict(trainer, valid.x(), valid.rows(), nIn), valid.y());
            rate.setBase((float) s.schedule().next(rate.base(), trainMae, previousTrainMae));
            previousTrainMae = trainMae;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(TRAIN_MAE, trainMae);
            m.put(VALID_MAE, validMae);
            m.put(LEARNING_RATE, usedRate);
            return m;
        }

        @Override
        public void save(Path file) {
            ParameterFiles.save(net.block(), file);
        }
    }

    /**
     * Combines the histories of a model's target partitions (equal length): the losses add up, the MAEs
     * are the target-weighted means (the MAE over all targets), the rate is the first partition's; the
     * best epoch is absent when the partitions' best epochs differ.
     */
    public static History combine(List<History> parts, int[] targets) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        double total = 0;
        for (int t : targets) {
            total += t;
        }
        List<History.Epoch> epochs = new ArrayList<>();
        for (int e = 0; e < parts.get(0).epochs().size(); e++) {
            double loss = 0, tr = 0, va = 0;
            for (int p = 0; p < parts.size(); p++) {
                History.Epoch r = parts.get(p).epochs().get(e);
                double w = targets[p] / total;
                loss += r.get(TRAIN_LOSS);
                tr += w * r.get(TRAIN_MAE);
                va += w * r.get(VALID_MAE);
            }
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(TRAIN_LOSS, loss);
            v.put(TRAIN_MAE, tr);
            v.put(VALID_MAE, va);
            v.put(LEARNING_RATE, parts.get(0).epochs().get(e).get(LEARNING_RATE));
            epochs.add(new History.Epoch(e + 1, v));
        }
        double best = 0;
        Integer bestEpoch = parts.get(0).bestEpoch();
        for (int p = 0; p < parts.size(); p++) {
            best += targets[p] / total * parts.get(p).bestValue();
            if (!Objects.equals(bestEpoch, parts.get(p).bestEpoch())) {
                bestEpoch = null;
            }
        }
        return parts.get(0).withEpochs(epochs, bestEpoch, best);
    }

    /** Predicts in eval mode (dropout off), in batches. */
    static float[] predict(Trainer trainer, float[] x, int rows, int nIn) {
        float[] out = null;
        int nOut = -1;
        for (int from = 0; from < rows; from += PREDICT_BATCH) {
            int to = Math.min(rows, from + PREDICT_BATCH);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray xb = m.create(FloatBuffer.wrap(x, from * nIn, (to - from) * nIn).slice(), new Shape(to - from, nIn));
                float[] y = trainer.evaluate(new NDList(xb)).singletonOrThrow().toFloatArray();
                if (out == null) {
                    nOut = y.length / (to - from);
                    out = new float[rows * nOut];
                }
                System.arraycopy(y, 0, out, from * nOut, y.length);
            }
        }
        return out;
    }

    /** Mean absolute error over all entries (the reference code's per-epoch monitor). */
    static double mae(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    static int[] sample(int n, int k, Random random) {
        int[] all = Minibatches.identity(n);
        Minibatches.shuffle(all, random);
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }
}
