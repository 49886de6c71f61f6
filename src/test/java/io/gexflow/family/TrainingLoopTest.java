package io.gexflow.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gexflow.data.Minibatches;
import io.gexflow.eval.History;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared loop on a tiny family: one weight w fitted to y = 2x by SGD on the squared error, with a
 * scripted validation column, so that what the loop decides (batches, order, kept epoch, stop, error) is
 * checked apart from any real model.
 */
class TrainingLoopTest {
    @TempDir Path dir;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The tiny family's run. */
    private final class Tiny implements TrainingLoop.Fit {
        final float[] x;
        final NDArray w;
        final double[] valid;
        final List<int[]> batches = new ArrayList<>();
        final List<Integer> saves = new ArrayList<>();
        int firstDraw = -1;
        boolean drawFirst;
        /** Epoch and batch whose "penalty" term is NaN (0: never). */
        int nanEpoch;
        int nanBatch;

        Tiny(int rows, double... valid) {
            x = new float[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = (i + 1) / (float) rows;
            }
            w = manager.create(0f);
            w.setRequiresGradient(true);
            this.valid = valid;
        }

        @Override
        public List<TrainingLoop.Term> terms() {
            return List.of(new TrainingLoop.Term("total", "loss"), new TrainingLoop.Term("penalty", "penalty_term"));
        }

        @Override
        public void begin(Random random) {
            if (drawFirst) {
                firstDraw = random.nextInt(1000);
            }
        }

        @Override
        public NDManager newBatchManager() {
            return manager.newSubManager();
        }


        @Override
        public Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, TrainingLoop.Position at) {
            int[] rows = java.util.Arrays.copyOfRange(order, from, to);
            batches.add(rows);
            float[] xb = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                xb[i] = x[rows[i]];
            }
            NDArray xs = batch.create(xb);
            NDArray err = xs.mul(w).sub(xs.mul(2f));
            NDArray penalty = w.mul(0f);
            if (at.epoch() == nanEpoch && at.batch() == nanBatch) {
                penalty = penalty.add(Float.NaN);
            }
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("total", err.square().mean().add(penalty));
            t.put("penalty", penalty);
            return t;
        }

        @Override
        public void update() {
            NDArray g = w.getGradient();
            w.subi(g.mul(0.5f));
            g.close();
        }

        @Override
        public Map<String, Double> endEpoch(int epoch) {
            return valid.length == 0 ? Map.of() : Map.of("valid", valid[epoch - 1]);
        }

        @Override
        public void save(Path file) {
            saves.add(batches.size());
            try {
                Files.writeString(file, "w=" + w.getFloat(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final Consumer<String> QUIET = line -> { };

    private History run(Tiny fit, int epochs, int batch, long seed, String selection, int patience) {
        return TrainingLoop.run("tiny", "tiny", fit, fit.x.length, new TrainingLoop.Settings(epochs, batch, seed, selection,
                patience), dir.resolve("tiny.params"), null, QUIET);
    }

    @Test
    void batchesCoverEveryRowOnceAnEpochInTheSeedsOrder() {
        Tiny a = new Tiny(10);
        a.drawFirst = true;
        History h = run(a, 3, 4, 42, History.LAST, 0);
        assertEquals(9, a.batches.size(), "3 epochs of 10 rows in batches of 4, 4, 2");
        assertEquals(2, a.batches.get(2).length);
        // the order is Minibatches.shuffle with Random(seed), after whatever the family drew in begin()
        Random r = new Random(42);
        assertEquals(r.nextInt(1000), a.firstDraw);
        int[] order = Minibatches.identity(10);
        for (int e = 0; e < 3; e++) {
            Minibatches.shuffle(order, r);
            int[] seen = new int[10];
            for (int b = 0; b < 3; b++) {
                int[] rows = a.batches.get(3 * e + b);
                System.arraycopy(rows, 0, seen, 4 * b, rows.length);
            }
            assertArrayEquals(order, seen, "epoch " + (e + 1));
        }
        Tiny b = new Tiny(10);
        b.drawFirst = true;
        History h2 = run(b, 3, 4, 42, History.LAST, 0);
        assertEquals(h, h2, "same seed, same history");
        for (int i = 0; i < a.batches.size(); i++) {
            assertArrayEquals(a.batches.get(i), b.batches.get(i));
        }
        Tiny c = new Tiny(10);
        c.drawFirst = true;
        run(c, 1, 10, 43, History.LAST, 0);
        assertFalse(java.util.Arrays.equals(a.batches.get(0), java.util.Arrays.copyOf(c.batches.get(0), 4)),
                "another seed, another order");
    }

    @Test
    void termsAreAveragedPerEpochAndTheLastEpochIsKept() throws Exception {
        Tiny fit = new Tiny(8);
        History h = run(fit, 5, 3, 1, History.LAST, 0);
        assertEquals(List.of("loss", "penalty_term"), h.lossTerms());
        assertEquals(5, h.epochs().size());
        assertEquals(5, h.bestEpoch());
        assertNull(h.bestValue());
        assertEquals(List.of(15), fit.saves, "saved once, after the last epoch");
        assertTrue(h.last().get("loss") < h.epochs().get(0).get("loss"), "the tiny model learns");
        assertEquals(0.0, h.last().get("penalty_term"));
        assertEquals("w=" + fit.w.getFloat(), Files.readString(dir.resolve("tiny.params")));
    }

    @Test
    void keepsTheLowestValidationEpochAndStopsEarly() throws Exception {
        // validation falls to its minimum in epoch 3, then rises: with patience 2 the run stops after epoch 5
        Tiny fit = new Tiny(4, 5, 3, 2, 4, 6, 1, 1, 1);
        History h = run(fit, 8, 4, 1, History.minimum("valid"), 2);
        assertEquals(3, h.bestEpoch());
        assertEquals(2.0, h.bestValue());
        assertEquals(5, h.epochs().size());
        assertEquals(Boolean.TRUE, h.stoppedEarly());
        assertEquals(List.of(1, 2, 3), fit.saves, "a checkpoint at every new best, none after");
        // without early stopping the later, lower epoch 6 is kept
        Tiny all = new Tiny(4, 5, 3, 2, 4, 6, 1, 1, 1);
        History full = run(all, 8, 4, 1, History.minimum("valid"), 0);
        assertEquals(8, full.epochs().size());
        assertEquals(6, full.bestEpoch());
        assertNull(full.stoppedEarly());
        // ties keep the earlier epoch
        Tiny ties = new Tiny(4, 2, 2, 2);
        assertEquals(1, run(ties, 3, 4, 1, History.minimum("valid"), 0).bestEpoch());
    }

    @Test
    void aNonFiniteTermIsNamedWithItsEpochAndBatch() {
        Tiny fit = new Tiny(10);
        fit.nanEpoch = 2;
        fit.nanBatch = 3;
        NumericsGuard.NonFiniteException e = assertThrows(NumericsGuard.NonFiniteException.class,
                () -> run(fit, 3, 4, 7, History.LAST, 0));
        assertTrue(e.getMessage().startsWith("non-finite value in epoch 2, batch 3: loss term 'total' is NaN"),
                e.getMessage());
        assertTrue(fit.saves.isEmpty(), "nothing saved");
    }

    @Test
    void historiesHoldNoWallClockTimeAndRoundTrip() throws Exception {
        List<String> lines = new ArrayList<>();
        Tiny fit = new Tiny(6, 3, 2);
        History h = TrainingLoop.run("tiny", "tiny", fit, 6, new TrainingLoop.Settings(2, 4, 3, History.minimum("valid"), 0),
                dir.resolve("tiny.params"), null, lines::add);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("epoch 1/2 ") && lines.get(0).contains(" valid 3.000") && lines.get(0).endsWith(" s)"),
                lines.get(0));
        Path f = dir.resolve(History.FILE);
        io.gexflow.io.Json.writeFile(f, h);
        String text = Files.readString(f);
        assertFalse(text.contains("second"), text);
        assertEquals(h, History.read(f, "loss", "valid"));
    }
}
