package io.gexflow.models.svqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transposed convolution against its definition, summed out in plain Java, and its weight gradient. */
class TransposedConv2dTest {

    /** y[n, o, i*s + a, j*s + b] += x[n, c, i, j] w[c, o, a, b], + bias[o]. */
    static float[] naive(float[] x, float[] w, float[] bias, int n, int c, int h, int wd, int o, int k, int s) {
        int oh = (h - 1) * s + k;
        int ow = (wd - 1) * s + k;
        double[] y = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        double xv = x[((b * c + ci) * h + i) * wd + j];
                        for (int oi = 0; oi < o; oi++) {
                            for (int a = 0; a < k; a++) {
                                for (int bb = 0; bb < k; bb++) {
                                    y[((b * o + oi) * oh + i * s + a) * ow + j * s + bb] += xv * w[((ci * o + oi) * k + a) * k + bb];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[y.length];
        for (int b = 0; b < n; b++) {
            for (int oi = 0; oi < o; oi++) {
                for (int p = 0; p < oh * ow; p++) {
                    int idx = (b * o + oi) * oh * ow + p;
                    out[idx] = (float) (y[idx] + bias[oi]);
                }
            }
        }
        return out;
    }

    /** N(0, 1) values, seeded (shared with GemmConv2dTest). */
    static float[] gauss(int len, Random r) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest(name = "in {0}, out {1}, k {2}, s {3}")
    @CsvSource({"4, 3, 3, 3", "3, 2, 5, 1", "2, 3, 3, 2"})
    void matchesTheDefinition(int c, int o, int k, int s) {
        Random r = new Random(k * 10 + s);
        int n = 2;
        int h = 4;
        int wd = 3;
        float[] x = gauss(n * c * h * wd, r);
        float[] w = gauss(c * o * k * k, r);
        float[] bias = gauss(o, r);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = TransposedConv2d.apply(m.create(x, new Shape(n, c, h, wd)), m.create(w, new Shape(c, o, k, k)),
                    m.create(bias), k, s);
            assertEquals(new Shape(n, o, (h - 1) * s + k, (wd - 1) * s + k), y.getShape());
            assertArrayEquals(naive(x, w, bias, n, c, h, wd, o, k, s), y.toFloatArray(), 1e-4f);
        }
    }

    /** d sum(y * g) / d w[c, o, a, b] = sum over pixels of x[c, i, j] g[o, i*s + a, j*s + b]. */
    @ParameterizedTest(name = "k {0}, s {1}")
    @CsvSource({"3, 3", "5, 1", "3, 2"})
    void weightGradientMatchesTheDefinition(int k, int s) {
        Random r = new Random(31 + k + s);
        int n = 1;
        int c = 2;
        int o = 2;
        int h = 3;
        int wd = 3;
        int oh = (h - 1) * s + k;
        int ow = (wd - 1) * s + k;
        float[] x = gauss(n * c * h * wd, r);
        float[] w = gauss(c * o * k * k, r);
        float[] g = gauss(n * o * oh * ow, r);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray wa = m.create(w, new Shape(c, o, k, k));
            wa.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = TransposedConv2d.apply(m.create(x, new Shape(n, c, h, wd)), wa, m.zeros(new Shape(o)), k, s);
                gc.backward(y.mul(m.create(g, new Shape(n, o, oh, ow))).sum());
            }
            float[] expect = new float[w.length];
            for (int ci = 0; ci < c; ci++) {
                for (int oi = 0; oi < o; oi++) {
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            double sum = 0;
                            for (int i = 0; i < h; i++) {
                                for (int j = 0; j < wd; j++) {
                                    sum += x[(ci * h + i) * wd + j] * g[(oi * oh + i * s + a) * ow + j * s + b];
                                }
                            }
                            expect[((ci * o + oi) * k + a) * k + b] = (float) sum;
                        }
                    }
                }
            }
            assertArrayEquals(expect, wa.getGradient().toFloatArray(), 1e-4f);
        }
    }
}
