package io.gexflow.eval.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The oracle threshold of {@link TargetGraphScore#bestThreshold} on graphs small enough to score by hand. */
class TargetGraphOracleTest {
    // true graph: a0 -> true latent 0; a1 -> true latents 1 and 2
    static final boolean[][] TRUTH = {{true, false, false}, {false, true, true}};
    // estimated latent 1 stands for true 0, estimated 0 for true 1, estimated 2 for true 2
    static final int[] MATCHING = {1, 0, 2};
    // effects on the estimated latents; the true edges sit at |3.0| (a0, j1), |2.0| (a1, j0) and |-0.4| (a1, j2),
    // and a false one ties with the last at |0.4| (a0, j2)
    static final double[][] EFFECTS = {{0.2, -3.0, 0.4}, {2.0, 0.1, -0.4}};

    @Test
    void theBestThresholdTakesTiedLatentsTogether() {
        // by |effect| descending: 3.0 T, 2.0 T, {0.4 T, 0.4 F}, 0.2 F, 0.1 F; true edges 3
        // t = 3.0: TP 1 of 1 -> P 1, R 1/3, F1 0.5
        // t = 2.0: TP 2 of 2 -> P 1, R 2/3, F1 0.8
        // t = 0.4: TP 3 of 4 -> P 3/4, R 1, F1 6/7 (taking only the true one of the tie would claim F1 1)
        // t = 0.2: TP 3 of 5 -> F1 0.75;  t = 0.1: TP 3 of 6 -> F1 2/3
        TargetGraphScore.Oracle o = TargetGraphScore.bestThreshold(TRUTH, EFFECTS, MATCHING);
        assertEquals(0.4, o.threshold(), 0);
        assertEquals(6.0 / 7.0, o.score().f1(), 1e-12);
        assertEquals(0.75, o.score().precision(), 1e-12);
        assertEquals(1.0, o.score().recall(), 1e-12);
        assertEquals(3, o.score().truePositives());
        assertEquals(4, o.score().estimatedEdges());
        assertEquals(3, o.score().trueEdges());
    }

    @Test
    void itBoundsTheTop2GraphAndAgreesWithScoringItsOwnGraph() {
        double[][] effects = {{0.2, -3.0, 0.5}, {2.0, 0.1, -0.3}};
        // top-2: a0 {j1 T, j2 F}, a1 {j0 T, j2 T}: TP 3 of 4 -> F1 6/7
        TargetGraphScore top2 = TargetGraphScore.of(TRUTH, TargetGraphScore.topK(effects, 2), MATCHING);
        assertEquals(6.0 / 7.0, top2.f1(), 1e-12);
        // the oracle: 3.0 T, 2.0 T, 0.5 F, 0.3 T -> at t = 0.3 TP 3 of 4 (F1 6/7); at t = 2.0 TP 2 of 2 (F1 0.8)
        TargetGraphScore.Oracle o = TargetGraphScore.bestThreshold(TRUTH, effects, MATCHING);
        assertEquals(0.3, o.threshold(), 0);
        assertEquals(6.0 / 7.0, o.score().f1(), 1e-12);
        // the graph |effect| >= t scored as any estimated graph gives the same numbers
        boolean[][] g = new boolean[2][3];
        for (int a = 0; a < 2; a++) {
            for (int j = 0; j < 3; j++) {
                g[a][j] = Math.abs(effects[a][j]) >= o.threshold();
            }
        }
        assertEquals(o.score(), TargetGraphScore.of(TRUTH, g, MATCHING));
        // a sparser truth: only a0 -> 0; the oracle keeps just |3.0| (F1 1) where top-2 has 1 TP of 4 (F1 0.4)
        boolean[][] sparse = {{true, false, false}, {false, false, false}};
        assertEquals(0.4, TargetGraphScore.of(sparse, TargetGraphScore.topK(effects, 2), MATCHING).f1(), 1e-12);
        TargetGraphScore.Oracle s = TargetGraphScore.bestThreshold(sparse, effects, MATCHING);
        assertEquals(3.0, s.threshold(), 0);
        assertEquals(1.0, s.score().f1(), 1e-12);
    }

    @Test
    void anUnmatchedLatentIsAFalsePositiveAndNoTrueEdgeIsTheEmptyGraph() {
        // 2 true latents, 3 estimated: estimated latent 2 matches none
        boolean[][] truth = {{true, false}};
        double[][] effects = {{1.0, 0.0, 5.0}};
        TargetGraphScore.Oracle o = TargetGraphScore.bestThreshold(truth, effects, new int[] {0, 1});
        // 5.0 F (unmatched), 1.0 T -> t = 1.0: TP 1 of 2, P 1/2, R 1, F1 2/3
        assertEquals(1.0, o.threshold(), 0);
        assertEquals(2.0 / 3.0, o.score().f1(), 1e-12);

        TargetGraphScore.Oracle none = TargetGraphScore.bestThreshold(new boolean[][] {{false, false}}, new double[][] {{1, 2}},
                new int[] {0, 1});
        assertEquals(Double.POSITIVE_INFINITY, none.threshold(), 0);
        assertEquals(0, none.score().f1(), 0);
        assertEquals(0, none.score().estimatedEdges());
        assertThrows(IllegalArgumentException.class,
                () -> TargetGraphScore.bestThreshold(TRUTH, new double[][] {{1, 2, 3}}, MATCHING));
    }
}
