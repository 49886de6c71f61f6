package io.gexflow.eval.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** MCC, the Hungarian matching, linear R² and the target-graph scores on hand-computed cases. */
class LatentRecoveryTest {
    private static final double EPS = 1e-12;

    @Test
    void hungarianBeatsGreedyWhereGreedyIsWrong() {
        // greedy takes (0,0)=0.9 then (1,1)=0.1: 1.0; the optimum pairs 0-1 and 1-0: 0.8 + 0.85 = 1.65
        double[][] c = {{0.9, 0.8, 0}, {0.85, 0.1, 0}, {0, 0, 0.5}};
        assertArrayEquals(new int[] {1, 0, 2}, LatentMatching.match(c));
        assertEquals((0.8 + 0.85 + 0.5) / 3, LatentMatching.meanMatched(c, LatentMatching.match(c)), EPS);
    }

    @Test
    void rectangularMatchingLeavesExtraTrueLatentsUnpaired() {
        assertArrayEquals(new int[] {2, 0}, LatentMatching.match(new double[][] {{0.1, 0.2, 0.9}, {0.7, 0.1, 0.3}}));
        int[] m = LatentMatching.match(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.4}});
        assertArrayEquals(new int[] {1, 0, -1}, m);
        assertEquals((0.9 + 0.8) / 2, LatentMatching.meanMatched(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.4}}, m), EPS);
    }

    /** truth [1,2,3,4] vs inferred [1,3,2,4]: deviations give sum ab = 4, sum a² = sum b² = 5, r = 0.8 (ranks equal values). */
    @Test
    void correlationsByHand() {
        double[][] t = {{1}, {2}, {3}, {4}};
        double[][] f = {{1}, {3}, {2}, {4}};
        assertEquals(0.8, LatentMatching.absoluteCorrelations(t, f, LatentMatching.Correlation.PEARSON)[0][0], EPS);
        assertEquals(0.8, LatentMatching.absoluteCorrelations(t, f, LatentMatching.Correlation.SPEARMAN)[0][0], EPS);
    }

    /** y = [1,2,3,5] on x = [1,2,3,4]: slope 1.3, residuals [.2,-.1,-.4,.3], SSres 0.30, SStot 8.75. */
    @Test
    void linearR2ByHand() {
        double[][] t = {{1}, {2}, {3}, {5}};
        double[][] f = {{1}, {2}, {3}, {4}};
        assertEquals(1 - 0.30 / 8.75, LatentRecovery.linearR2(t, f), 1e-10);
    }

    @Test
    void permutedSignFlippedScaledLatentsAreRecoveredExactly() {
        Random r = new Random(3);
        int n = 200;
        double[][] t = new double[n][3];
        double[][] f = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                t[i][j] = r.nextGaussian();
            }
            f[i][0] = -2 * t[i][2];
            f[i][1] = t[i][0] + 5;
            f[i][2] = 0.5 * t[i][1];
        }
        LatentRecovery rec = LatentRecovery.of(t, f);
        assertEquals(1, rec.mccPearson(), 1e-9);
        assertEquals(1, rec.mccSpearman(), 1e-9);
        assertEquals(1, rec.r2(), 1e-9);
        assertArrayEquals(new int[] {1, 2, 0}, rec.matching());
    }

    @Test
    void aMonotoneNonlinearMapIsPerfectForSpearmanOnly() {
        Random r = new Random(4);
        int n = 300;
        double[][] t = new double[n][1];
        double[][] f = new double[n][1];
        for (int i = 0; i < n; i++) {
            t[i][0] = r.nextGaussian();
            f[i][0] = Math.exp(3 * t[i][0]);
        }
        LatentRecovery rec = LatentRecovery.of(t, f);
        assertEquals(1, rec.mccSpearman(), 1e-12);
        assertTrue(rec.mccPearson() < 0.9, "pearson " + rec.mccPearson());
    }

    @Test
    void independentLatentsScoreNearZero() {
        Random r = new Random(5);
        int n = 2000;
        double[][] t = new double[n][2];
        double[][] f = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                t[i][j] = r.nextGaussian();
                f[i][j] = r.nextGaussian();
            }
        }
        LatentRecovery rec = LatentRecovery.of(t, f);
        assertTrue(rec.mccPearson() < 0.1 && rec.r2() < 0.01, rec.toString());
    }

    @Test
    void tooFewCellsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LatentRecovery.of(new double[][] {{1}, {2}}, new double[][] {{1}, {2}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentRecovery.of(new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {2}}));
        assertEquals("3 cells of true latents but 2 inferred", e.getMessage());
    }

    /**
     * True edges: a0 -> 0; a1 -> 1, 2. Matching true i -> estimated m[i] = [2, 0, 1]. Estimated: a0 -> 2 (true 0: hit);
     * a1 -> 0 (true 1: hit) and 2 (true 0: miss). TP 2 of 3 estimated and 3 true: P = R = F1 = 2/3.
     */
    @Test
    void targetGraphByHand() {
        boolean[][] truth = {{true, false, false}, {false, true, true}};
        boolean[][] est = {{false, false, true}, {true, false, true}};
        TargetGraphScore s = TargetGraphScore.of(truth, est, new int[] {2, 0, 1});
        assertEquals(2, s.truePositives());
        assertEquals(3, s.estimatedEdges());
        assertEquals(3, s.trueEdges());
        assertEquals(2.0 / 3, s.precision(), EPS);
        assertEquals(2.0 / 3, s.recall(), EPS);
        assertEquals(2.0 / 3, s.f1(), EPS);
        TargetGraphScore none = TargetGraphScore.of(truth, new boolean[][] {{false, false, false}, {false, false, false}},
                new int[] {0, 1, 2});
        assertEquals(0, none.precision());
        assertEquals(0, none.f1());
    }

    @Test
    void topTwoLatentsByAbsoluteShiftWithTiesToTheLowerIndex() {
        boolean[][] g = TargetGraphScore.topK(new double[][] {{0.1, -3, 2}, {0, 0, 0.5}}, 2);
        assertArrayEquals(new boolean[] {false, true, true}, g[0]);
        assertArrayEquals(new boolean[] {true, false, true}, g[1]);
    }
}
