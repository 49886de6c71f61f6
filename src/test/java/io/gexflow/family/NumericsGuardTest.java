package io.gexflow.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first non-finite term, gradient or parameter is named with its epoch and batch. */
class NumericsGuardTest {
    @TempDir Path dir;

    private static Map<String, NDArray> terms(NDManager m, float total, float push) {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("total", m.create(total));
        t.put("reconstruction", m.create(0.5f));
        t.put("push", m.create(push));
        return t;
    }

    /** One parameter w = [1, 2] whose gradient is g (by backward of sum(w * g)). */
    private static PairList<String, Parameter> parameter(NDManager m, float[] value, float[] g) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        NDArray w = m.create(value);
        w.setRequiresGradient(true);
        p.setArray(w);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(w.mul(m.create(g)).sum());
        }
        PairList<String, Parameter> list = new PairList<>();
        list.add("encoder_w", p);
        return list;
    }

    @Test
    void namesTheTermEpochBatchAndTheLastFiniteTerms() {
        try (NDManager m = NDManager.newBaseManager(); NumericsGuard g = new NumericsGuard(null)) {
            PairList<String, Parameter> ps = parameter(m, new float[] {1, 2}, new float[] {0.5f, -0.5f});
            g.checkTerms(1, 1, terms(m, 0.75f, 0.25f));
            g.checkGradients(1, 1, ps);
            g.checkParameters(1, 1, ps, Map.of());
            NumericsGuard.NonFiniteException e = assertThrows(NumericsGuard.NonFiniteException.class,
                    () -> g.checkTerms(2, 7, terms(m, Float.NaN, Float.NEGATIVE_INFINITY)));
            assertTrue(e.getMessage().startsWith("non-finite value in epoch 2, batch 7: loss term 'total' is NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("last finite loss terms: total=0.750000 reconstruction=0.500000 push=0.250000"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--debug-numerics"), e.getMessage());
        }
    }

    @Test
    void namesTheParameterWhoseGradientIsNotFinite() {
        try (NDManager m = NDManager.newBaseManager(); NumericsGuard g = new NumericsGuard(null)) {
            g.checkTerms(1, 3, terms(m, 1f, 0f));
            PairList<String, Parameter> ps = parameter(m, new float[] {1, 2}, new float[] {Float.NaN, 1});
            NumericsGuard.NonFiniteException e = assertThrows(NumericsGuard.NonFiniteException.class,
                    () -> g.checkGradients(1, 3, ps));
            assertTrue(e.getMessage().contains("epoch 1, batch 3: the gradient of parameter 'encoder_w' is not finite"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("no earlier batch was finite"), e.getMessage());
        }
    }

    @Test
    void namesAParameterTheStepMadeInfinite() {
        try (NDManager m = NDManager.newBaseManager(); NumericsGuard g = new NumericsGuard(null)) {
            PairList<String, Parameter> ps = parameter(m, new float[] {1, Float.POSITIVE_INFINITY}, new float[] {1, 1});
            g.checkTerms(4, 2, terms(m, 1f, 0f));
            NumericsGuard.NonFiniteException e = assertThrows(NumericsGuard.NonFiniteException.class,
                    () -> g.checkParameters(4, 2, ps, Map.of()));
            assertTrue(e.getMessage().contains("parameter 'encoder_w' is not finite after the optimiser step"), e.getMessage());
        }
    }

    /** A large but finite gradient (float32 square would overflow) is not mistaken for a non-finite one. */
    @Test
    void aLargeFiniteGradientPasses() {
        try (NDManager m = NDManager.newBaseManager(); NumericsGuard g = new NumericsGuard(null)) {
            g.checkTerms(1, 1, terms(m, 1f, 0f));
            g.checkGradients(1, 1, parameter(m, new float[] {1, 2}, new float[] {3e20f, 4e20f}));
        }
    }

    @Test
    void debugFileHasARowPerBatchAndTheFailingBatch() throws Exception {
        Path tsv = dir.resolve("numerics.tsv");
        try (NDManager m = NDManager.newBaseManager()) {
            PairList<String, Parameter> ps = parameter(m, new float[] {1, 2}, new float[] {3, 4});
            NumericsGuard g = new NumericsGuard(tsv);
            g.checkTerms(1, 1, terms(m, 1f, 0.5f));
            g.checkGradients(1, 1, ps);
            g.checkParameters(1, 1, ps, Map.of("code_norm_max", 2.5));
            assertFalse(Files.exists(tsv), "written under a temporary name until the guard closes");
            assertThrows(NumericsGuard.NonFiniteException.class, () -> g.checkTerms(1, 2, terms(m, Float.NaN, 0f)));
            g.close();
        }
        List<String> lines = Files.readAllLines(tsv);
        assertEquals("epoch\tbatch\tterm_total\tterm_reconstruction\tterm_push\tgrad_norm_encoder_w\tcode_norm_max", lines.get(0));
        assertEquals("1\t1\t1.00000\t0.500000\t0.500000\t5.00000\t2.50000", lines.get(1));
        assertTrue(lines.get(2).startsWith("1\t2\tNaN\t0.500000\t0.00000"), lines.get(2));
        assertEquals(3, lines.size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
