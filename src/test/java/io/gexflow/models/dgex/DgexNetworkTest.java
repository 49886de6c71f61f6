package io.gexflow.models.dgex;

import io.gexflow.eval.History;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.gexflow.data.RegressionData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DgexNetworkTest {
    @TempDir Path dir;

    @Test
    void lossIsSquaredErrorSummedOverGenesAveragedOverSamples() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray yHat = m.create(new float[] {1.5f, 2, 1, 4}, new Shape(2, 2));
            // sample 1: 0.25 + 0 ; sample 2: 4 + 0 ; mean over 2 samples = 2.125
            float loss = new SummedSquaredErrorLoss().evaluate(new NDList(y), new NDList(yHat)).getFloat();
            assertEquals(2.125f, loss, 1e-6f);
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] yv = {0.3f, -1.2f, 0.7f, 2.0f, 0.1f, -0.4f};
            float[] pv = {0.1f, -0.5f, 1.1f, 1.0f, 0.6f, 0.2f};
            NDArray y = m.create(yv, new Shape(2, 3));
            NDArray p = m.create(pv, new Shape(2, 3));
            p.setRequiresGradient(true);
            SummedSquaredErrorLoss loss = new SummedSquaredErrorLoss();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.evaluate(new NDList(y), new NDList(p)));
            }
            float[] grad = p.getGradient().toFloatArray();
            double h = 1e-3;
            for (int i = 0; i < pv.length; i++) {
                float[] plus = pv.clone();
                float[] minus = pv.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fd = (loss.evaluate(new NDList(y), new NDList(m.create(plus, new Shape(2, 3)))).getFloat()
                        - loss.evaluate(new NDList(y), new NDList(m.create(minus, new Shape(2, 3)))).getFloat()) / (2 * h);
                assertEquals(fd, grad[i], 1e-2, "d loss / d yhat[" + i + "]");
                assertEquals(2.0 * (pv[i] - yv[i]) / 2, grad[i], 1e-5, "analytic 2 (yhat - y) / N");
            }
        }
    }

    @Test
    void initialisationFollowsTheReferenceCode() {
        Engine.getInstance().setRandomSeed(3);
        DgexNetwork net = DgexNetwork.build(50, 40, new DgexArchitecture(2, 60, 0.1));
        try (NDManager m = NDManager.newBaseManager()) {
            net.block().initialize(m, DataType.FLOAT32, new Shape(1, 50));
            float[] bounds = {DgexNetwork.hiddenInitRange(50, 60), DgexNetwork.hiddenInitRange(60, 60), 1e-4f};
            assertEquals(Math.sqrt(6.0 / 110), bounds[0], 1e-7);
            for (int i = 0; i < 3; i++) {
                for (var p : net.linears().get(i).getParameters()) {
                    float[] v = p.getValue().getArray().toFloatArray();
                    if (p.getValue().getType() == Parameter.Type.BIAS) {
                        assertArrayEquals(new float[v.length], v, "biases start at 0");
                    } else {
                        double sumSq = 0;
                        for (float w : v) {
                            assertTrue(Math.abs(w) <= bounds[i], "weight within U(+-bound)");
                            sumSq += w * w;
                        }
                        // the variance of U(-b, b) is b^2 / 3
                        assertEquals(bounds[i] * bounds[i] / 3, sumSq / v.length, 0.15 * bounds[i] * bounds[i] / 3);
                    }
                }
            }
        }
    }

    @Test
    void outputAndDeeperWeightsLearnThreeTimesFaster() {
        DgexNetwork net = DgexNetwork.build(5, 4, new DgexArchitecture(3, 8, 0));
        Map<String, Float> scales = net.learningRateScales(3f);
        List<Float> weights = new ArrayList<>();
        for (var lin : net.linears()) {
            for (var p : lin.getParameters()) {
                float s = scales.get(p.getValue().getId());
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    weights.add(s);
                } else {
                    assertEquals(1f, s, "bias scale");
                }
            }
        }
        assertEquals(List.of(1f, 3f, 3f, 3f), weights);
    }

    @Test
    void rateDecaysOnlyWhenTrainingErrorRisesAndStopsAtTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(0.9, 1e-5);
        assertEquals(5e-4, s.next(5e-4, 0.30, 0.31), 0);
        assertEquals(4.5e-4, s.next(5e-4, 0.32, 0.31), 1e-12);
        assertEquals(1e-5, s.next(1.05e-5, 0.5, 0.4), 0);
    }

    /** y = tanh(x1 - x2) + 0.5 x3, learnable by a tiny tanh network. */
    private static RegressionData synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<String> ids = new ArrayList<>();
        float[] x = new float[n * 3];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            ids.add("s" + i);
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) r.nextGaussian();
            }
            y[i * 2] = (float) Math.tanh(2 * (x[i * 3] - x[i * 3 + 1]));
            y[i * 2 + 1] = 0.5f * x[i * 3 + 2];
        }
        return new RegressionData(ids, List.of("a", "b", "c"), List.of("t1", "t2"), x, y);
    }

    private History train(Path params, long seed) {
        DgexTrainingSettings s = new DgexTrainingSettings(new DgexArchitecture(1, 16, 0.1), 15, 20, 0.02, 0.5, 3f,
                new LearningRateSchedule(0.9, 1e-5), 100, seed);
        return DgexTrainer.train(synthetic(400, 1), synthetic(100, 2), s, params, rec -> {});
    }

    @Test
    void trainingLearnsAndKeepsTheBestEpochDeterministically() throws Exception {
        Path p1 = dir.resolve("a.params");
        Path p2 = dir.resolve("b.params");
        History h1 = train(p1, 11);
        History h2 = train(p2, 11);
        // the constant predictor 0 (the targets' mean) is the bar a learning network must clear
        double constant = DgexTrainer.mae(new float[200], synthetic(100, 2).y());
        assertTrue(h1.bestValue() < 0.35 * constant,
                "validation MAE " + h1.bestValue() + " vs constant predictor " + constant);
        assertEquals(h1.epochs().stream().mapToDouble(e -> e.get(DgexTrainer.VALID_MAE)).min().orElseThrow(), h1.bestValue());
        assertEquals(h1.bestValue(), h2.bestValue(), "same seed, same run");
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p2), "same seed, same parameters");
    }
}
