package io.gexflow.models.svqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Each loss term of eq. 3 and eq. 1 on tiny tensors, by hand; the indicator; the gradients each term
 * sends to the encoder output and to the codebook; finite differences where the loss is a plain
 * function of the variable.
 */
class SvqVaeLossTest {
    private static final float BETA = 0.25f;
    private static final float GAMMA = 0.1f;

    // N = 2 samples, D = 2; sample 0 is nearest to its own code (y = k = 0), sample 1 is not (y = 1, k = 2)
    private static final float[] X = {1, 0, 0, 1};
    private static final float[] X_HAT = {0.5f, 0, 0, 0};
    private static final float[] Z_E = {1, 2, 3, 4};
    private static final float[] CODEBOOK = {0, 2, 1, 1, 2, 2};
    private static final long[] Y = {0, 1};
    private static final long[] K = {0, 2};

    private static NDArray arr(NDManager m, float[] v, long rows, long cols) {
        return m.create(v, new Shape(rows, cols));
    }

    @Test
    void eachSvqvaeTermByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray e = arr(m, CODEBOOK, 3, 2);
            NDArray eY = Quantizer.lookup(e, m.create(Y));
            NDArray eK = Quantizer.lookup(e, m.create(K));
            NDArray mis = Quantizer.misassigned(m.create(K), m.create(Y));
            assertArrayEquals(new float[] {0, 1}, mis.toFloatArray(), "1[k != y]: only sample 1");
            SvqVaeLoss.Terms t = SvqVaeLoss.svqvae(arr(m, X, 2, 2), arr(m, X_HAT, 2, 2), arr(m, Z_E, 2, 2), eY, eK, mis,
                    BETA, GAMMA);
            // l_r: (0.25 + 0 + 0 + 1) / 4
            assertEquals(0.3125f, t.reconstruction().getFloat(), 1e-6f);
            // ||sg[z_e] - e_y||^2: e_y = (0,2), (1,1); diffs (1,0), (2,3): (1 + 0 + 4 + 9) / 4
            assertEquals(3.5f, t.codebook().getFloat(), 1e-6f);
            // beta ||z_e - sg[e_y]||^2 = 0.25 * 3.5
            assertEquals(0.875f, t.commitment().getFloat(), 1e-6f);
            // 1[k != y] ||sg[z_e] - e_k||^2: only sample 1, e_k = (2,2), diff (1,2): (1 + 4) / 4 (averaged over N x D)
            assertEquals(1.25f, t.push().getFloat(), 1e-6f);
            // gamma 1[k != y] ||z_e - sg[e_k]||^2 = 0.1 * 1.25
            assertEquals(0.125f, t.divergence().getFloat(), 1e-6f);
            // 0.3125 + 3.5 + 0.875 - 1.25 - 0.125
            assertEquals(3.3125f, t.total().getFloat(), 1e-6f);
        }
    }

    @Test
    void eachVqvaeTermByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray eK = Quantizer.lookup(arr(m, CODEBOOK, 3, 2), m.create(K));
            SvqVaeLoss.Terms t = SvqVaeLoss.vqvae(arr(m, X, 2, 2), arr(m, X_HAT, 2, 2), arr(m, Z_E, 2, 2), eK, BETA);
            assertEquals(0.3125f, t.reconstruction().getFloat(), 1e-6f);
            // e_k = (0,2), (2,2); diffs (1,0), (1,2): (1 + 0 + 1 + 4) / 4
            assertEquals(1.5f, t.codebook().getFloat(), 1e-6f);
            assertEquals(0.375f, t.commitment().getFloat(), 1e-6f);
            assertEquals(0f, t.push().getFloat());
            assertEquals(0f, t.divergence().getFloat());
            assertEquals(0.3125f + 1.5f + 0.375f, t.total().getFloat(), 1e-6f);
        }
    }

    /** The gradients of eq. 3 with respect to z_e and E, by hand (l_r left out: x_hat is a constant here). */
    @Test
    void svqvaeGradientsByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zE = arr(m, Z_E, 2, 2);
            NDArray e = arr(m, CODEBOOK, 3, 2);
            zE.setRequiresGradient(true);
            e.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray eY = Quantizer.lookup(e, m.create(Y));
                NDArray eK = Quantizer.lookup(e, m.create(K));
                NDArray mis = Quantizer.misassigned(m.create(K), m.create(Y));
                gc.backward(SvqVaeLoss.svqvae(arr(m, X, 2, 2), arr(m, X_HAT, 2, 2), zE, eY, eK, mis, BETA, GAMMA).total());
            }
            // z_e: 2 beta (z_e - e_y) / 4 - 2 gamma 1[k!=y] (z_e - e_k) / 4
            //   sample 0: 0.125 * (1, 0)                     = (0.125, 0)
            //   sample 1: 0.125 * (2, 3) - 0.05 * (1, 2)     = (0.2, 0.275)
            assertArrayEquals(new float[] {0.125f, 0, 0.2f, 0.275f}, zE.getGradient().toFloatArray(), 1e-6f);
            // E: row y gets 2 (e_y - z_e) / 4, row k of a misassigned sample gets -2 (e_k - z_e) / 4
            //   row 0: 0.5 * (-1, 0); row 1: 0.5 * (-2, -3); row 2: -0.5 * (-1, -2)
            assertArrayEquals(new float[] {-0.5f, 0, -1, -1.5f, 0.5f, 1}, e.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void vqvaeGradientsByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zE = arr(m, Z_E, 2, 2);
            NDArray e = arr(m, CODEBOOK, 3, 2);
            zE.setRequiresGradient(true);
            e.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray eK = Quantizer.lookup(e, m.create(K));
                gc.backward(SvqVaeLoss.vqvae(arr(m, X, 2, 2), arr(m, X_HAT, 2, 2), zE, eK, BETA).total());
            }
            // z_e: 2 beta (z_e - e_k) / 4 = 0.125 * ((1,0), (1,2))
            assertArrayEquals(new float[] {0.125f, 0, 0.125f, 0.25f}, zE.getGradient().toFloatArray(), 1e-6f);
            // E: 2 (e_k - z_e) / 4 on the rows used; row 1 is nobody's nearest code
            assertArrayEquals(new float[] {-0.5f, 0, 0, 0, -0.5f, -1}, e.getGradient().toFloatArray(), 1e-6f);
        }
    }

    /** With every sample nearest to its own code the indicator terms vanish, values and gradients. */
    @Test
    void indicatorTermsOnlyForMisassignedSamples() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] z = {0.1f, 1.9f, 1.2f, 0.9f, 2.1f, 2.2f};
            float[] codes = {0, 2, 1, 1, 2, 2};
            long[] y = {0, 1, 2};
            NDArray zE = arr(m, z, 3, 2);
            NDArray e = arr(m, codes, 3, 2);
            NDArray k = Quantizer.nearest(zE, e);
            assertArrayEquals(new long[] {0, 1, 2}, k.toLongArray());
            NDArray mis = Quantizer.misassigned(k, m.create(y));
            assertArrayEquals(new float[] {0, 0, 0}, mis.toFloatArray());
            zE.setRequiresGradient(true);
            e.setRequiresGradient(true);
            float[] zGradWith;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray eY = Quantizer.lookup(e, m.create(y));
                SvqVaeLoss.Terms t = SvqVaeLoss.svqvae(zE.zerosLike(), zE.zerosLike(), zE, eY, Quantizer.lookup(e, k), mis,
                        BETA, GAMMA);
                assertEquals(0f, t.push().getFloat());
                assertEquals(0f, t.divergence().getFloat());
                gc.backward(t.total());
            }
            zGradWith = zE.getGradient().toFloatArray();
            // only the commitment term is left: 2 beta (z_e - e_y) / 6
            float[] expect = new float[6];
            for (int i = 0; i < 6; i++) {
                expect[i] = 2 * BETA * (z[i] - codes[i]) / 6;
            }
            assertArrayEquals(expect, zGradWith, 1e-6f);

            // now move sample 2 next to code 0: it alone enters the indicator terms
            float[] z2 = z.clone();
            z2[4] = 0.2f;
            z2[5] = 2.0f;
            NDArray zE2 = arr(m, z2, 3, 2);
            NDArray k2 = Quantizer.nearest(zE2, e);
            assertArrayEquals(new long[] {0, 1, 0}, k2.toLongArray());
            NDArray mis2 = Quantizer.misassigned(k2, m.create(y));
            assertArrayEquals(new float[] {0, 0, 1}, mis2.toFloatArray());
            SvqVaeLoss.Terms t2 = SvqVaeLoss.svqvae(zE2.zerosLike(), zE2.zerosLike(), zE2,
                    Quantizer.lookup(e, m.create(y)), Quantizer.lookup(e, k2), mis2, BETA, GAMMA);
            // sample 2 against code 0 = (0, 2): diff (0.2, 0): 0.04 / 6
            assertEquals(0.04f / 6, t2.push().getFloat(), 1e-7f);
            assertEquals(GAMMA * 0.04f / 6, t2.divergence().getFloat(), 1e-7f);
        }
    }

    /**
     * The terms in which E is not stopped (||sg[z_e] - e_y||^2 - 1[k!=y] ||sg[z_e] - e_k||^2) are a plain
     * function of E for fixed assignments: autograd's dL/dE of the whole loss must match central
     * differences of them (and not of the whole loss, whose value also moves with E through the
     * stopped-gradient terms).
     */
    @Test
    void codebookGradientMatchesFiniteDifferences() {
        java.util.Random r = new java.util.Random(5);
        float[] z = new float[4 * 3];
        float[] codes = new float[3 * 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) r.nextGaussian();
        }
        long[] y = {0, 1, 2, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray k = Quantizer.nearest(arr(m, z, 4, 3), arr(m, codes, 3, 3));
            long[] kv = k.toLongArray();
            NDArray e = arr(m, codes, 3, 3);
            e.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(terms(m, arr(m, z, 4, 3), e, y, kv).total());
            }
            float[] grad = e.getGradient().toFloatArray();
            double h = 1e-2;
            boolean anyMisassigned = false;
            for (int i = 0; i < 4; i++) {
                anyMisassigned |= kv[i] != y[i];
            }
            assertTrue(anyMisassigned, "the random case should exercise the indicator");
            for (int i = 0; i < codes.length; i++) {
                float[] plus = codes.clone();
                float[] minus = codes.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fd = (codebookSide(terms(m, arr(m, z, 4, 3), arr(m, plus, 3, 3), y, kv))
                        - codebookSide(terms(m, arr(m, z, 4, 3), arr(m, minus, 3, 3), y, kv))) / (2 * h);
                assertEquals(fd, grad[i], 2e-3, "dL/dE[" + i + "]");
            }
        }
    }

    /**
     * Likewise the terms in which z_e is not stopped (beta ||z_e - sg[e_y]||^2 - gamma 1[k!=y] ||z_e -
     * sg[e_k]||^2) for dL/dz_e.
     */
    @Test
    void encoderOutputGradientMatchesFiniteDifferences() {
        java.util.Random r = new java.util.Random(6);
        float[] z = new float[4 * 3];
        float[] codes = new float[3 * 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) r.nextGaussian();
        }
        long[] y = {0, 1, 2, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            long[] kv = Quantizer.nearest(arr(m, z, 4, 3), arr(m, codes, 3, 3)).toLongArray();
            NDArray zE = arr(m, z, 4, 3);
            zE.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(terms(m, zE, arr(m, codes, 3, 3), y, kv).total());
            }
            float[] grad = zE.getGradient().toFloatArray();
            double h = 1e-2;
            for (int i = 0; i < z.length; i++) {
                float[] plus = z.clone();
                float[] minus = z.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fd = (encoderSide(terms(m, arr(m, plus, 4, 3), arr(m, codes, 3, 3), y, kv))
                        - encoderSide(terms(m, arr(m, minus, 4, 3), arr(m, codes, 3, 3), y, kv))) / (2 * h);
                assertEquals(fd, grad[i], 2e-3, "dL/dz_e[" + i + "]");
            }
        }
    }

    /** The loss terms with the assignments held fixed (x and x_hat zero: l_r plays no part here). */
    private static SvqVaeLoss.Terms terms(NDManager m, NDArray zE, NDArray e, long[] y, long[] k) {
        NDArray yArr = m.create(y);
        NDArray kArr = m.create(k);
        return SvqVaeLoss.svqvae(zE.zerosLike(), zE.zerosLike(), zE, Quantizer.lookup(e, yArr), Quantizer.lookup(e, kArr),
                Quantizer.misassigned(kArr, yArr), BETA, GAMMA);
    }

    private static double codebookSide(SvqVaeLoss.Terms t) {
        return t.codebook().getFloat() - t.push().getFloat();
    }

    private static double encoderSide(SvqVaeLoss.Terms t) {
        return t.commitment().getFloat() - t.divergence().getFloat();
    }

    /** The nearest code by the expanded distance formula is the nearest by plain Euclidean distance. */
    @Test
    void nearestCodeIsTheEuclideanArgmin() {
        java.util.Random r = new java.util.Random(9);
        float[] z = new float[20 * 4];
        float[] codes = new float[5 * 4];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) r.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            long[] k = Quantizer.nearest(arr(m, z, 20, 4), arr(m, codes, 5, 4)).toLongArray();
            for (int i = 0; i < 20; i++) {
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < 5; j++) {
                    double d = 0;
                    for (int t = 0; t < 4; t++) {
                        double diff = z[i * 4 + t] - codes[j * 4 + t];
                        d += diff * diff;
                    }
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                assertEquals(best, k[i], "sample " + i);
            }
        }
    }
}
