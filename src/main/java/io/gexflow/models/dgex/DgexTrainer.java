package io.gexflow.models.dgex;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import io.gexflow.data.Minibatches;
import io.gexflow.data.RegressionData;
import io.gexflow.models.NumericsGuard;
import io.gexflow.models.ParameterFiles;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a D-GEX network by the reference protocol and keeps the parameters of the epoch with the
 * lowest validation MAE in {@code paramsFile}.
 */
public final class DgexTrainer {
    private static final int PREDICT_BATCH = 1024;

    private DgexTrainer() {}

    public static TrainingHistory train(RegressionData train, RegressionData valid, DgexTrainingSettings s,
            Path paramsFile, Consumer<EpochRecord> progress) {
        int nIn = train.inputs().size();
        int nOut = train.outputs().size();
        Engine.getInstance().setRandomSeed((int) s.seed());
        DgexNetwork net = DgexNetwork.build(nIn, nOut, s.architecture());
        try (Model model = Model.newInstance("dgex")) {
            model.setBlock(net.block());
            // DJL parameters get their ids when the block is built, so the per-layer scales are known now
            ScaledLearningRate rate = new ScaledLearningRate((float) s.learningRate(),
                    net.learningRateScales(s.learningRateScale()));
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) s.momentum()).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new SummedSquaredErrorLoss()).optOptimizer(sgd))) {
                trainer.initialize(new Shape(1, nIn));
                return loop(trainer, net, rate, train, valid, s, paramsFile, progress);
            }
        }
    }

    private static TrainingHistory loop(Trainer trainer, DgexNetwork net, ScaledLearningRate rate, RegressionData train,
            RegressionData valid, DgexTrainingSettings s, Path paramsFile, Consumer<EpochRecord> progress) {
        int n = train.rows();
        int nIn = train.inputs().size();
        int nOut = train.outputs().size();
        Random random = new Random(s.seed());
        int[] monitor = sample(n, Math.min(s.monitorSamples(), n), random);
        float[] xMon = Minibatches.gather(train.x(), nIn, monitor, 0, monitor.length);
        float[] yMon = Minibatches.gather(train.y(), nOut, monitor, 0, monitor.length);
        List<EpochRecord> epochs = new ArrayList<>();
        double previousTrainMae = Double.POSITIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int[] order = Minibatches.identity(n);
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            long t0 = System.nanoTime();
            Minibatches.shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += s.batchSize()) {
                int to = Math.min(n, from + s.batchSize());
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    NDArray xb = batch.create(FloatBuffer.wrap(Minibatches.gather(train.x(), nIn, order, from, to)), new Shape(to - from, nIn));
                    NDArray yb = batch.create(FloatBuffer.wrap(Minibatches.gather(train.y(), nOut, order, from, to)), new Shape(to - from, nOut));
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray pred = trainer.forward(new NDList(xb)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(yb), new NDList(pred));
                        float value = loss.getFloat();
                        if (!Float.isFinite(value)) {
                            throw new NumericsGuard.NonFiniteException("non-finite value in epoch " + epoch + ", batch "
                                    + (batches + 1) + ": the loss (eq. 3) is " + value + " (learning rate "
                                    + rate.base() + "); last epoch's mean loss: "
                                    + (epochs.isEmpty() ? "none (first epoch)" : epochs.get(epochs.size() - 1).trainLoss()));
                        }
                        gc.backward(loss);
                        lossSum += value;
                    }
                    trainer.step();
                }
                batches++;
            }
            double usedRate = rate.base();
            double trainMae = mae(predict(trainer, xMon, monitor.length, nIn), yMon);
            double validMae = mae(predict(trainer, valid.x(), valid.rows(), nIn), valid.y());
            rate.setBase((float) s.schedule().next(rate.base(), trainMae, previousTrainMae));
            previousTrainMae = trainMae;
            if (validMae < best) {
                best = validMae;
                bestEpoch = epoch;
                ParameterFiles.save(net.block(), paramsFile);
            }
            EpochRecord rec = new EpochRecord(epoch, lossSum / batches, trainMae, validMae, usedRate,
                    (System.nanoTime() - t0) / 1e9);
            epochs.add(rec);
            progress.accept(rec);
        }
        return new TrainingHistory("dgex", bestEpoch, best, epochs);
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
