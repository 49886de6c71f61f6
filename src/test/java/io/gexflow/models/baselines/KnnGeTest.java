package io.gexflow.models.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gexflow.io.Json;
import io.gexflow.models.ExpressionModel;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.ModelStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnGeTest {
    @TempDir Path dir;

    // landmarks a, b, c and targets u, v over two training samples:
    //   sample 1: a=0 b=2 c=5 | u=1 v=4
    //   sample 2: a=0 b=2 c=5 | u=1 v=6
    // as points in R^2: a=(0,0) b=(2,2) c=(5,5) u=(1,1) v=(4,6)
    // u: |u-a| = |u-b| = sqrt 2 (a tie: the lower index a first), |u-c| = sqrt 32
    // v: |v-c| = sqrt 2, |v-b| = sqrt 20, |v-a| = sqrt 52
    private static final float[] X = {0, 2, 5, 0, 2, 5};
    private static final float[] Y = {1, 4, 1, 6};

    private static CrossProducts train() {
        CrossProducts cp = new CrossProducts(3, 2);
        cp.accumulate(X, Y, 2);
        return cp;
    }

    @Test
    void neighboursAndDistancesByHand() {
        KnnGe.Neighbours nb = KnnGe.nearest(train(), 3);
        assertArrayEquals(new int[] {0, 1, 2}, nb.index()[0]);
        assertArrayEquals(new int[] {2, 1, 0}, nb.index()[1]);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2), Math.sqrt(32)}, nb.distance()[0], 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(20), Math.sqrt(52)}, nb.distance()[1], 1e-12);
        assertArrayEquals(new int[] {2, 1}, KnnGe.nearest(train(), 2).index()[1]);
        assertThrows(IllegalArgumentException.class, () -> KnnGe.nearest(train(), 4));
    }

    @Test
    void kIsChosenOnValidationAndPredictionIsTheNeighbourMean() {
        // a validation sample a=1 b=3 c=8: k=1 predicts u=1, v=8; k=2 u=2, v=5.5; k=3 u=4, v=4
        float[] vx = {1, 3, 8};
        float[] vy = {2, 5.5f};
        KnnGe.Result r = KnnGe.fit(train(), new int[] {3, 1, 2}, new LinearBaselines.ValidationSet(vx, vy, 1), null);
        assertEquals(2, r.k());
        assertEquals(List.of(1, 2, 3), r.trials().stream().map(KnnGe.Trial::k).toList());
        // MAE over genes: k=1 (|1-2| + |8-5.5|)/2 = 1.75; k=2 0; k=3 (2 + 1.5)/2 = 1.75
        assertArrayEquals(new double[] {1.75, 0, 1.75},
                r.trials().stream().mapToDouble(KnnGe.Trial::validationMae).toArray(), 1e-6);
        KnnGeModel m = new KnnGeModel(List.of("a", "b", "c"), List.of("u", "v"), r.neighbours());
        assertArrayEquals(new float[] {2, 5.5f, 0.5f, 6}, m.predict(new float[] {1, 3, 8, 0, 1, 11}, 2), 1e-6f);

        // model.json + neighbours.arrow round-trip through ModelStore
        m.save(dir, Map.of());
        Json.writeFile(dir.resolve(ModelDescriptor.FILE), new ModelDescriptor(KnnGeModel.TYPE, m.inputs(), m.outputs(),
                Map.of("k", 2), Map.of(), null));
        try (ExpressionModel back = ModelStore.load(dir)) {
            assertEquals(List.of("u", "v"), back.outputs());
            assertArrayEquals(new float[] {2, 5.5f}, back.predict(vx, 1), 1e-6f);
            assertArrayEquals(new int[] {2, 1}, ((KnnGeModel) back).neighbours().index()[1]);
            assertEquals(Math.sqrt(20), ((KnnGeModel) back).neighbours().distance()[1][1], 1e-6);
        }
    }

    @Test
    void equalValidationErrorsKeepTheSmallerK() {
        // a=1 b=3 c=8 with truth u=2.5 v=6: k=1 predicts (1, 8), k=3 (4, 4): both MAE (1.5 + 2) / 2
        float[] vx = {1, 3, 8};
        float[] vy = {2.5f, 6};
        KnnGe.Result r = KnnGe.fit(train(), new int[] {3, 1}, new LinearBaselines.ValidationSet(vx, vy, 1), null);
        assertEquals(1.75, r.trials().get(0).validationMae(), 1e-9);
        assertEquals(1.75, r.trials().get(1).validationMae(), 1e-9);
        assertEquals(1, r.k());
        assertThrows(IllegalArgumentException.class,
                () -> KnnGe.fit(train(), new int[] {1, 1}, new LinearBaselines.ValidationSet(vx, vy, 1), null));
    }
}
