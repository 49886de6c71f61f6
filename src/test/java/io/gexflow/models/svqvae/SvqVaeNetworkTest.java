package io.gexflow.models.svqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two architectures, the straight-through estimator and the AMSGrad update. */
class SvqVaeNetworkTest {

    private static float[] uniform(int n, long seed, float bound) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    @Test
    void mnistNetworkMaps28x28ImagesTo3200AndBack() {
        Engine.getInstance().setRandomSeed(1);
        SvqVaeNetwork net = new SvqVaeNetwork(SvqArchitecture.MNIST, 784, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(uniform(3 * 784, 2, 1f), new Shape(3, 784));
            NDArray z = net.encode(ps, x, false);
            assertEquals(new Shape(3, 3200), z.getShape());
            assertTrue(z.abs().max().getFloat() <= 1f, "tanh latent");
            NDArray xHat = net.decode(ps, z, false);
            assertEquals(new Shape(3, 784), xHat.getShape(), "ConvTranspose 8 -> 24 -> 28");
            assertTrue(xHat.abs().max().getFloat() <= 1f, "tanh output");
            assertEquals(new Shape(10, 3200), net.codebook(ps, x.getDevice(), false).getShape());
            // parameter shapes: 20x1x5x5, 50x20x5x5 in the encoder; 50->20 k3 and 20->1 k5 transposed in the decoder
            long weights = 0;
            for (var p : net.getParameters().values()) {
                weights += p.getArray().size();
            }
            long expect = (20 * 25 + 20) + (50 * 20 * 25 + 50) + (50 * 20 * 9 + 20) + (20 * 25 + 1) + 10 * 3200;
            assertEquals(expect, weights, "parameter count");
        }
    }

    @Test
    void lincsNetworkIsOneTanhLayerEachWayWithOutputTimesTen() {
        Engine.getInstance().setRandomSeed(1);
        SvqVaeNetwork net = new SvqVaeNetwork(SvqArchitecture.LINCS, 978, 75);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(uniform(2 * 978, 3, 10f), new Shape(2, 978));
            NDArray z = net.encode(ps, x, false);
            assertEquals(new Shape(2, 1000), z.getShape());
            // a big enough code saturates the tanh output: the decoder reaches +-10, the data's range
            NDArray xHat = net.decode(ps, z.mul(1000), false);
            assertEquals(new Shape(2, 978), xHat.getShape());
            assertTrue(xHat.abs().max().getFloat() > 9.9f && xHat.abs().max().getFloat() <= 10f);
            long weights = 0;
            for (var p : net.getParameters().values()) {
                weights += p.getArray().size();
            }
            assertEquals((978 * 1000 + 1000) + (1000 * 978 + 978) + 75 * 1000, weights);
        }
    }

    @Test
    void initialisationIsPytorchsDefaultAndTheCodebookIsUniformOneOverK() {
        Engine.getInstance().setRandomSeed(4);
        SvqVaeNetwork net = new SvqVaeNetwork(SvqArchitecture.MNIST, 784, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            float[] e = net.codebookParameter().getArray().toFloatArray();
            double sumSq = 0;
            for (float v : e) {
                assertTrue(Math.abs(v) <= 0.1f, "U(-1/K, 1/K)");
                sumSq += v * v;
            }
            assertEquals(0.01 / 3, sumSq / e.length, 0.05 * 0.01 / 3, "variance of U(-b, b) is b^2/3");
            // conv 1: fan_in 1*5*5 -> bound 0.2; transposed conv 1: fan_in (weight dim 1) 20*3*3
            int checked = 0;
            for (var p : net.getParameters()) {
                String name = p.getKey();
                float max = p.getValue().getArray().abs().max().getFloat();
                if (name.startsWith("01encoder_02GemmConv2d")) {
                    assertTrue(max <= 0.2f && max > 0.15f, name + " " + max);
                    checked++;
                } else if (name.startsWith("02decoder_02TransposedConv2d")) {
                    float b = (float) (1 / Math.sqrt(180));
                    assertTrue(max <= b && max > 0.8f * b, name + " " + max);
                    checked++;
                }
            }
            assertEquals(4, checked, "weight and bias of both layers: " + net.getParameters().keys());
        }
    }

    /** z_q = z_e + sg(e - z_e): value e; d/dz_e the identity; e gets nothing through it. */
    @Test
    void straightThroughPassesTheGradientUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zE = m.create(new float[] {0.3f, -0.2f, 0.5f, 0.9f}, new Shape(2, 2));
            NDArray e = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray w = m.create(new float[] {0.7f, -1.1f, 2.0f, 0.4f}, new Shape(2, 2));
            zE.setRequiresGradient(true);
            e.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray zQ = Quantizer.straightThrough(zE, e);
                assertArrayEquals(new float[] {1, 2, 3, 4}, zQ.toFloatArray());
                gc.backward(zQ.mul(w).sum());
            }
            assertArrayEquals(w.toFloatArray(), zE.getGradient().toFloatArray());
            assertArrayEquals(new float[4], e.getGradient().toFloatArray());
        }
    }

    /**
     * Through the real network: the reconstruction term's gradient at z_e is the decoder's gradient at
     * z_q = e_y, unchanged (checked against the decoder alone, by autograd and by finite differences);
     * the codebook gets no reconstruction gradient; the encoder does.
     */
    @Test
    void reconstructionGradientReachesTheEncoderButNotTheCodebook() {
        Engine.getInstance().setRandomSeed(8);
        int p = 6;
        SvqVaeNetwork net = new SvqVaeNetwork(SvqArchitecture.LINCS, p, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(uniform(2 * p, 11, 3f), new Shape(2, p));
            NDArray y = m.create(new long[] {2, 0});
            NDArray zEGrad;
            NDArray eY;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray zE = net.encode(ps, x, true);
                NDArray codebook = net.codebook(ps, x.getDevice(), true);
                eY = Quantizer.lookup(codebook, y).stopGradient();
                NDArray zQ = Quantizer.straightThrough(zE, Quantizer.lookup(codebook, y));
                // recompute the loss from z_q through a leaf copy of z_e, to read dL/dz_e directly
                NDArray leaf = zE.stopGradient().duplicate();
                leaf.setRequiresGradient(true);
                NDArray zQ2 = Quantizer.straightThrough(leaf, Quantizer.lookup(codebook, y));
                NDArray recon = net.decode(ps, zQ2, true).sub(x).square().mean();
                gc.backward(recon.add(net.decode(ps, zQ, true).sub(x).square().mean()));
                zEGrad = leaf.getGradient().duplicate();
            }
            Parameter codebookParam = net.codebookParameter();
            assertArrayEquals(new float[3 * 1000], codebookParam.getArray().getGradient().toFloatArray(),
                    "no reconstruction gradient reaches the codebook");
            int encoderWeights = 0;
            for (var param : net.getParameters()) {
                if (param.getKey().startsWith("01encoder") && param.getValue().getType() == Parameter.Type.WEIGHT) {
                    assertNotEquals(0f, param.getValue().getArray().getGradient().abs().sum().getFloat(),
                            "the encoder learns from the reconstruction");
                    encoderWeights++;
                }
            }
            assertEquals(1, encoderWeights);
            zeroGradients(net);

            // the decoder alone at its input e_y: autograd
            NDArray zQLeaf = eY.duplicate();
            zQLeaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(net.decode(ps, zQLeaf, true).sub(x).square().mean());
            }
            float[] decoderGrad = zQLeaf.getGradient().toFloatArray();
            assertArrayEquals(decoderGrad, zEGrad.toFloatArray(), 1e-7f, "dL/dz_e = dL/dz_q");
            zeroGradients(net);

            // and by central differences of l_r(x, d(z_q)) on a few coordinates of z_q
            float[] base = eY.toFloatArray();
            double h = 1e-2;
            for (int i : new int[] {0, 17, 999, 1000, 1500}) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double lp = net.decode(ps, m.create(plus, new Shape(2, 1000)), false).sub(x).square().mean().getFloat();
                double lm = net.decode(ps, m.create(minus, new Shape(2, 1000)), false).sub(x).square().mean().getFloat();
                assertEquals((lp - lm) / (2 * h), decoderGrad[i], 2e-4, "dL/dz_q[" + i + "]");
            }
        }
    }

    private static void zeroGradients(SvqVaeNetwork net) {
        for (var param : net.getParameters().values()) {
            NDArray g = param.getArray().getGradient();
            g.subi(g);
            g.close();
        }
    }

    /** The training step of S-VQ-VAE sends no reconstruction gradient to E, but the VQ terms do move it. */
    @Test
    void svqvaeForwardQuantisesToTheLabelCode() {
        Engine.getInstance().setRandomSeed(2);
        SvqVaeNetwork net = new SvqVaeNetwork(SvqArchitecture.LINCS, 4, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(uniform(8, 3, 2f), new Shape(2, 4));
            NDArray y = m.create(new long[] {1, 1});
            SvqVaeTrainer.Forward f = SvqVaeTrainer.forward(net, ps, x, y, SvqModelKind.SVQVAE, 0.25f, 0.1f);
            // both samples quantise to code 1, whatever their nearest code: the same reconstruction d(e_1)
            float[] xHat = f.xHat().toFloatArray();
            float[] decoded = net.decode(ps, Quantizer.lookup(net.codebook(ps, x.getDevice(), false), m.create(new long[] {1})),
                    false).toFloatArray();
            for (int i = 0; i < 8; i++) {
                assertEquals(decoded[i % 4], xHat[i], 1e-6f);
            }
            SvqVaeTrainer.Forward g = SvqVaeTrainer.forward(net, ps, x, y, SvqModelKind.VQVAE, 0.25f, 0.1f);
            long[] k = g.nearest().toLongArray();
            float[] xHatVq = g.xHat().toFloatArray();
            float[] dk = net.decode(ps, Quantizer.lookup(net.codebook(ps, x.getDevice(), false), g.nearest()), false)
                    .toFloatArray();
            assertArrayEquals(dk, xHatVq, 1e-6f, "VQ-VAE decodes the nearest codes " + java.util.Arrays.toString(k));
        }
    }

    /** AMSGrad against the update written out by hand (PyTorch's formula), including a step where v shrinks. */
    @Test
    void amsgradMatchesAHandComputation() {
        float lr = 0.1f;
        float[] grads = {1.0f, -0.5f, 0.01f, 0.02f};
        AmsGrad opt = AmsGrad.builder().optLearningRate(lr).build();
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray w = mgr.create(new float[] {0.5f});
            w.setRequiresGradient(true);
            double wh = 0.5;
            double m = 0;
            double v = 0;
            double vMax = 0;
            double[] afterStep = new double[grads.length];
            for (int t = 1; t <= grads.length; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(grads[t - 1]).sum()); // dL/dw = g
                }
                NDArray g = w.getGradient();
                opt.update("w", w, g);
                assertEquals(0f, g.getFloat(), "the update zeroes the gradient");
                g.close();
                double gd = grads[t - 1];
                m = 0.9 * m + 0.1 * gd;
                v = 0.999 * v + 0.001 * gd * gd;
                vMax = Math.max(vMax, v);
                wh -= lr / (1 - Math.pow(0.9, t)) * m / (Math.sqrt(vMax) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8);
                afterStep[t - 1] = wh;
                assertEquals(wh, w.getFloat(), 2e-6, "step " + t);
            }
            // step 1: m_hat = g, v_hat = g^2: the first step is lr * sign(g)
            assertEquals(0.4, afterStep[0], 1e-7);
            // step 2 by hand: m = 0.09 - 0.05 = 0.04, v = 0.000999 + 0.00025 = 0.001249 = v_max,
            // w -= 0.1 * (0.04 / 0.19) / sqrt(0.001249 / 0.001999) = 0.1 * 0.2105263 / 0.7904505 = 0.0266336
            assertEquals(0.4 - 0.0266336, afterStep[1], 1e-6);
            // step 3: v = 0.0012478... < v_max would be kept by plain Adam; AMSGrad keeps v_max = 0.001249
            double vAdam = 0.999 * (0.999 * 0.001 + 0.001 * 0.25) + 0.001 * 1e-4;
            assertTrue(vAdam < 0.001249, "v shrinks at step 3");
        }
    }

    @Test
    void optimiserNeedsAPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> AmsGrad.builder().build());
    }
}
