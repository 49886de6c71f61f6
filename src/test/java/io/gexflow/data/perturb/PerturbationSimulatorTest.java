package io.gexflow.data.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PerturbationSimulatorTest {
    static PerturbationSimulator.SvaeSettings svae(int interventions, int cells, int controls, long seed) {
        return new PerturbationSimulator.SvaeSettings(interventions, cells, 6, 50, 40, 5, 0.5, 0.2, 0.1, controls, seed);
    }

    static PerturbationSimulator.SamsSettings sams(int treatments, int controls, long seed) {
        return new PerturbationSimulator.SamsSettings(treatments, 20, 5, 7, 15, 60, 50, 4, 2.0 / 15, 5, 0.5, 0.2, controls,
                seed);
    }

    @Test
    void orthogonalAlongTheSmallerSide() {
        Random r = new Random(1);
        double[][] wide = PerturbationSimulator.orthogonal(6, 40, r);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double dot = 0;
                for (int q = 0; q < 40; q++) {
                    dot += wide[i][q] * wide[j][q];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
        double[][] tall = PerturbationSimulator.orthogonal(40, 30, r);
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                double dot = 0;
                for (int q = 0; q < 40; q++) {
                    dot += tall[q][i] * tall[q][j];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
    }

    @Test
    void poissonHasItsMeanAndVariance() {
        Random r = new Random(5);
        for (double lambda : new double[] {0.3, 4, 29.9, 30, 200, 5000}) {
            int n = 40_000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                long x = CountSampler.poisson(lambda, r);
                assertTrue(x >= 0);
                s += x;
                s2 += (double) x * x;
            }
            double mean = s / n;
            double var = s2 / n - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean at " + lambda);
            assertEquals(lambda, var, 0.05 * lambda + 0.01, "variance at " + lambda);
        }
    }

    @Test
    void svaeTargetsOneToThreeLatentsAndSoftmaxesAcrossCells() {
        PerturbationSimulator.Result r = PerturbationSimulator.svae(svae(10, 30, 1, 3));
        PerturbationData d = r.data();
        assertEquals(300, d.cells().size());
        assertEquals(10, d.treatments().size());
        for (int a = 0; a < 10; a++) {
            int targets = 0;
            for (int j = 0; j < 6; j++) {
                targets += r.masks()[a][j];
                double s = Math.abs(r.shifts()[a][j]);
                assertTrue(r.masks()[a][j] == 1 ? s > 2.5 && s < 7.5 : s == 0, "shift " + s);
            }
            assertTrue(targets >= 1 && targets <= 3, "intervention " + a + " targets " + targets);
        }
        // the softmax runs over cells: each gene's expected total is 1e6
        double[] total = new double[50];
        for (int i = 0; i < d.cells().size(); i++) {
            float[] row = d.counts().denseRow(i);
            for (int g = 0; g < 50; g++) {
                total[g] += row[g];
                assertEquals(row[g], Math.rint(row[g]), "counts are integers");
            }
        }
        for (double t : total) {
            assertEquals(1e6, t, 5e3);
        }
        // the last 20% of interventions (int8, int9) are held out: all their cells are test, no other cell is
        for (int i = 0; i < d.cells().size(); i++) {
            long t0 = d.dosage().offsets()[i];
            boolean heldOut = !d.isControl(i) && d.dosage().indices()[(int) t0] >= 8;
            assertEquals(heldOut, r.split().get(i).equals("test"), "cell " + i);
        }
        assertTrue(java.util.stream.IntStream.range(0, 300).anyMatch(d::isControl), "controls were asked for");
    }

    @Test
    void samsMasksAreBernoulliAndSplitsArePerTreatment() {
        PerturbationSimulator.Result r = PerturbationSimulator.sams(sams(200, 1, 4));
        int on = 0;
        for (int[] m : r.masks()) {
            for (int v : m) {
                on += v;
            }
        }
        assertEquals(2.0 / 15, on / (200.0 * 15), 0.015);
        PerturbationData d = r.data();
        assertEquals(201 * 32, d.cells().size());
        int[] perSplit = new int[3];
        for (int i = 0; i < 32; i++) { // the first treatment's block
            perSplit[switch (r.split().get(i)) { case "train" -> 0; case "val" -> 1; default -> 2; }]++;
            assertEquals(0, d.dosage().indices()[(int) d.dosage().offsets()[i]]);
        }
        assertArrayEquals(new int[] {20, 5, 7}, perSplit);
        for (int i = 200 * 32; i < d.cells().size(); i++) {
            assertTrue(d.isControl(i));
        }
        for (int t = 0; t < 200; t++) {
            for (int j = 0; j < 15; j++) {
                double e = Math.abs(r.effects()[t][j]);
                assertTrue(e > 2.5 && e < 7.5);
                assertEquals(r.masks()[t][j] == 1 ? r.effects()[t][j] : 0, r.shifts()[t][j]);
            }
        }
        // a treated cell's z is its basal draw plus the masked effect: the block mean sits on the shift
        double[] mean = new double[15];
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 15; j++) {
                mean[j] += r.latents()[i * 15 + j] / 32;
            }
        }
        for (int j = 0; j < 15; j++) {
            assertEquals(r.shifts()[0][j], mean[j], 0.8);
        }
    }

    @Test
    void theSeedDecidesEverything() {
        assertEquals(PerturbationSimulator.svae(svae(4, 20, 0, 9)).data(), PerturbationSimulator.svae(svae(4, 20, 0, 9)).data());
        assertEquals(PerturbationSimulator.svae(svae(4, 20, 0, 9)).data().counts(),
                PerturbationSimulator.svae(svae(4, 20, 0, 9)).data().counts());
        assertNotEquals(PerturbationSimulator.svae(svae(4, 20, 0, 9)).data().counts(),
                PerturbationSimulator.svae(svae(4, 20, 0, 10)).data().counts());
        assertEquals(PerturbationSimulator.sams(sams(4, 1, 9)).data().counts(),
                PerturbationSimulator.sams(sams(4, 1, 9)).data().counts());
    }
}
