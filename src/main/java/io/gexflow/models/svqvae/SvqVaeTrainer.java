package io.gexflow.models.svqvae;

import io.gexflow.data.Minibatches;
import io.gexflow.models.ParameterFiles;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gexflow.models.NumericsGuard;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains an S-VQ-VAE or a VQ-VAE as the reference code does: shuffled minibatches every epoch, one
 * AMSGrad step per batch on the whole loss, no early stopping; the parameters after the last epoch are
 * saved. Seeded: the same seed, data and thread count give the same parameters.
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

    public static SvqHistory train(LabelledData data, SvqVaeSettings s, Path paramsFile, Consumer<SvqEpoch> progress) {
        return train(data, s, paramsFile, null, progress);
    }

    /**
     * Trains and saves the parameters after the last epoch. Every batch is checked for a non-finite
     * loss term, gradient or parameter ({@link NumericsGuard}); with {@code debugNumerics} set, one TSV
     * row per batch records the terms, gradient norms and the code and z_e norms.
     */
    public static SvqHistory train(LabelledData data, SvqVaeSettings s, Path paramsFile, Path debugNumerics,
            Consumer<SvqEpoch> progress) {
        if (s.kind() == SvqModelKind.SVQVAE && s.codes() != data.classes().size()) {
            throw new IllegalArgumentException("S-VQ-VAE has one code per class: " + data.classes().size()
                    + " codes, not " + s.codes());
        }
        Engine.getInstance().setRandomSeed((int) s.seed());
        SvqVaeNetwork net = new SvqVaeNetwork(s.architecture(), data.cols(), s.codes());
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(); NumericsGuard guard = new NumericsGuard(debugNumerics)) {
            net.initialize(manager);
            AmsGrad optimizer = AmsGrad.builder().optLearningRate((float) s.learningRate()).build();
            List<SvqEpoch> epochs = new ArrayList<>();
            Random random = new Random(s.seed());
            int n = data.rows();
            int p = data.cols();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                long t0 = System.nanoTime();
                Minibatches.shuffle(order, random);
                double[] sums = new double[10];
                int batches = 0;
                for (int from = 0; from < n; from += s.batchSize()) {
                    int to = Math.min(n, from + s.batchSize());
                    int[] y = new int[to - from];
                    long[] yl = new long[to - from];
                    for (int i = from; i < to; i++) {
                        y[i - from] = data.labels()[order[i]];
                        yl[i - from] = y[i - from];
                    }
                    int[] nearest;
                    Map<String, Double> extra = Map.of();
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray xb = batch.create(FloatBuffer.wrap(Minibatches.gather(data.x(), p, order, from, to)), new Shape(to - from, p));
                        NDArray yb = batch.create(yl);
                        ParameterStore ps = new ParameterStore(batch, false);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            Forward f = forward(net, ps, xb, yb, s.kind(), (float) s.beta(), (float) s.gamma());
                            SvqVaeLoss.Terms t = f.terms();
                            guard.checkTerms(epoch, batches + 1, t.named());
                            gc.backward(t.total());
                            guard.checkGradients(epoch, batches + 1, parameters(net));
                            if (debugNumerics != null) {
                                extra = normStatistics(f.zE(), net.codebookParameter().getArray());
                            }
                            sums[0] += t.total().getFloat();
                            sums[1] += t.reconstruction().getFloat();
                            sums[2] += t.codebook().getFloat();
                            sums[3] += t.commitment().getFloat();
                            sums[4] += t.push().getFloat();
                            sums[5] += t.divergence().getFloat();
                            nearest = toInt(f.nearest().toLongArray());
                        }
                        step(net, optimizer);
                        guard.checkParameters(epoch, batches + 1, parameters(net), extra);
                    }
                    double pLabel = CodeStatistics.perplexity(y, data.classes().size());
                    double pNearest = CodeStatistics.perplexity(nearest, s.codes());
                    int wrong = 0;
                    for (int i = 0; i < y.length; i++) {
                        if (nearest[i] != y[i]) {
                            wrong++;
                        }
                    }
                    sums[6] += s.kind() == SvqModelKind.SVQVAE ? pLabel : pNearest;
                    sums[7] += pLabel;
                    sums[8] += pNearest;
                    sums[9] += (double) wrong / y.length;
                    batches++;
                }
                SvqEpoch e = new SvqEpoch(epoch, sums[0] / batches, sums[1] / batches, sums[2] / batches,
                        sums[3] / batches, sums[4] / batches, sums[5] / batches, sums[6] / batches, sums[7] / batches,
                        sums[8] / batches, sums[9] / batches, (System.nanoTime() - t0) / 1e9);
                if (!Double.isFinite(e.loss())) {
                    throw new IllegalStateException("loss is " + e.loss() + " in epoch " + epoch
                            + ": lower the learning rate");
                }
                epochs.add(e);
                progress.accept(e);
            }
            ParameterFiles.save(net, paramsFile);
            return new SvqHistory(s.kind().id(), s.kind().label(), data.dataset(), n, (System.nanoTime() - start) / 1e9,
                    epochs);
        }
    }

    /** One optimiser step on every parameter with the gradient the last backward pass left. */
    static void step(SvqVaeNetwork net, AmsGrad optimizer) {
        for (Parameter param : net.getParameters().values()) {
            NDArray w = param.getArray();
            NDArray g = w.getGradient();
            try {
                optimizer.update(param.getId(), w, g);
            } finally {
                g.close();
            }
        }
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
