package io.gexflow.models.dgex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last hidden layer read out of the DJL block equals a forward pass done by hand. */
class HiddenActivationTest {
    private static final int IN = 3;
    private static final int OUT = 2;
    private static final int UNITS = 4;

    /** x W^T + b, then tanh when {@code tanh}: x is n x in, W is out x in (DJL's layout). */
    private static float[] dense(float[] x, int n, int in, float[] w, float[] b, int out, boolean tanh) {
        float[] y = new float[n * out];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k = 0; k < in; k++) {
                    s += (double) x[i * in + k] * w[j * in + k];
                }
                y[i * out + j] = (float) (tanh ? Math.tanh(s) : s);
            }
        }
        return y;
    }

    private static float[] param(Linear l, String name) {
        return l.getParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void lastHiddenIsTanhOfEachLayerAndOutputIsLinear() {
        for (int layers : new int[] {1, 2}) {
            Engine.getInstance().setRandomSeed(11);
            DgexNetwork net = DgexNetwork.build(IN, OUT, new DgexArchitecture(layers, UNITS, 0.25));
            try (NDManager m = NDManager.newBaseManager()) {
                net.block().initialize(m, DataType.FLOAT32, new Shape(1, IN));
                // non-zero biases, so that they are seen to be added
                List<Linear> linears = net.linears();
                for (int l = 0; l < linears.size(); l++) {
                    NDArray b = linears.get(l).getParameters().get("bias").getArray();
                    float[] v = new float[(int) b.size()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = 0.1f * (j + 1) * (l % 2 == 0 ? 1 : -1);
                    }
                    b.set(v);
                }
                float[] x = {0.5f, -1.0f, 2.0f, 1.5f, 0.25f, -0.75f};
                int n = 2;
                float[] h = x;
                int in = IN;
                for (int l = 0; l < layers; l++) {
                    h = dense(h, n, in, param(linears.get(l), "weight"), param(linears.get(l), "bias"), UNITS, true);
                    in = UNITS;
                }
                float[] y = dense(h, n, UNITS, param(linears.get(layers), "weight"), param(linears.get(layers), "bias"), OUT, false);

                ParameterStore ps = new ParameterStore(m, false);
                NDArray xa = m.create(x, new Shape(n, IN));
                NDArray hidden = net.lastHidden(ps, xa);
                assertEquals(new Shape(n, UNITS), hidden.getShape());
                assertArrayEquals(h, hidden.toFloatArray(), 1e-6f, layers + " hidden layer(s)");
                // evaluation mode: dropout (rate 0.25) is the identity, so a second pass is the same
                assertArrayEquals(hidden.toFloatArray(), net.lastHidden(ps, xa).toFloatArray());
                assertArrayEquals(y, net.output(ps, hidden).toFloatArray(), 1e-5f);
                assertArrayEquals(net.block().forward(ps, new NDList(xa), false).singletonOrThrow().toFloatArray(),
                        net.output(ps, hidden).toFloatArray(), 1e-6f, "read-out of the hidden layer = the block's output");
            }
        }
    }
}
