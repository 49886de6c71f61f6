package io.gexflow.models.svqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matrix-product convolution against its definition summed out in plain Java, and its gradients. */
class GemmConv2dTest {

    /** y[n, o, i, j] = bias[o] + sum over c, a, b of w[o, c, a, b] x[n, c, i*s + a, j*s + b]. */
    static double[] naive(float[] x, float[] w, float[] bias, int n, int c, int h, int wd, int o, int k, int s) {
        int oh = (h - k) / s + 1;
        int ow = (wd - k) / s + 1;
        double[] y = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oi = 0; oi < o; oi++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = bias[oi];
                        for (int ci = 0; ci < c; ci++) {
                            for (int a = 0; a < k; a++) {
                                for (int bb = 0; bb < k; bb++) {
                                    sum += (double) w[((oi * c + ci) * k + a) * k + bb]
                                            * x[((b * c + ci) * h + i * s + a) * wd + j * s + bb];
                                }
                            }
                        }
                        y[((b * o + oi) * oh + i) * ow + j] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static float[] gauss(int len, Random r) {
        return TransposedConv2dTest.gauss(len, r);
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @ParameterizedTest(name = "in {0}, out {1}, k {2}, s {3}, {4}x{5}")
    @CsvSource({"1, 20, 5, 2, 28, 28", "20, 7, 5, 1, 12, 12", "3, 2, 3, 2, 7, 8", "2, 3, 1, 1, 4, 5"})
    void matchesTheDefinition(int c, int o, int k, int s, int h, int wd) {
        Random r = new Random(c * 100 + o * 10 + k + s);
        int n = 2;
        float[] x = gauss(n * c * h * wd, r);
        float[] w = gauss(o * c * k * k, r);
        float[] bias = gauss(o, r);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = GemmConv2d.apply(m.create(x, new Shape(n, c, h, wd)), m.create(w, new Shape(o, c, k, k)),
                    m.create(bias), s);
            assertEquals(new Shape(n, o, (h - k) / s + 1, (wd - k) / s + 1), y.getShape());
            assertArrayEquals(toFloat(naive(x, w, bias, n, c, h, wd, o, k, s)), y.toFloatArray(), 1e-3f);
        }
    }

    /**
     * Gradients of L = sum(y * g) by central finite differences of the definition (in double): with
     * respect to a few weights, a bias and a few input pixels.
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        int n = 2;
        int c = 3;
        int o = 2;
        int k = 3;
        int s = 2;
        int h = 7;
        int wd = 6;
        Random r = new Random(5);
        float[] x = gauss(n * c * h * wd, r);
        float[] w = gauss(o * c * k * k, r);
        float[] bias = gauss(o, r);
        int oh = (h - k) / s + 1;
        int ow = (wd - k) / s + 1;
        float[] g = gauss(n * o * oh * ow, r);
        float[] gw;
        float[] gb;
        float[] gx;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(n, c, h, wd));
            NDArray wa = m.create(w, new Shape(o, c, k, k));
            NDArray ba = m.create(bias);
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ba.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(GemmConv2d.apply(xa, wa, ba, s).mul(m.create(g, new Shape(n, o, oh, ow))).sum());
            }
            gw = wa.getGradient().toFloatArray();
            gb = ba.getGradient().toFloatArray();
            gx = xa.getGradient().toFloatArray();
        }
        double eps = 1e-3;
        for (int idx : new int[] {0, 7, 17, w.length - 1}) {
            float[] plus = w.clone();
            float[] minus = w.clone();
            plus[idx] += (float) eps;
            minus[idx] -= (float) eps;
            double fd = (dot(naive(x, plus, bias, n, c, h, wd, o, k, s), g) - dot(naive(x, minus, bias, n, c, h, wd, o, k, s), g))
                    / (plus[idx] - minus[idx]);
            assertEquals(fd, gw[idx], 1e-2, "dL/dw[" + idx + "]");
        }
        float[] plusB = bias.clone();
        float[] minusB = bias.clone();
        plusB[1] += (float) eps;
        minusB[1] -= (float) eps;
        double fdB = (dot(naive(x, w, plusB, n, c, h, wd, o, k, s), g) - dot(naive(x, w, minusB, n, c, h, wd, o, k, s), g))
                / (plusB[1] - minusB[1]);
        assertEquals(fdB, gb[1], 1e-2, "dL/db[1]");
        for (int idx : new int[] {0, 15, 44, x.length - 1}) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[idx] += (float) eps;
            minus[idx] -= (float) eps;
            double fd = (dot(naive(plus, w, bias, n, c, h, wd, o, k, s), g) - dot(naive(minus, w, bias, n, c, h, wd, o, k, s), g))
                    / (plus[idx] - minus[idx]);
            assertEquals(fd, gx[idx], 1e-2, "dL/dx[" + idx + "]");
        }
    }

    private static double dot(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void refusesAKernelLargerThanTheInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> GemmConv2d.apply(m.zeros(new Shape(1, 1, 2, 2)),
                    m.zeros(new Shape(1, 1, 3, 3)), m.zeros(new Shape(1)), 1));
        }
    }
}
