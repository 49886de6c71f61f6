package io.gexflow.testutil;

import io.gexflow.data.RegressionData;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.arrow.ObsColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small D-GEX splits (landmarks lm0.., targets tg0..) in the normalised-split contract, and bad copies of them. */
public final class RegressionSplits {
    private RegressionSplits() {}

    /**
     * {@code n} samples s0.. of {@code l} Gaussian landmarks and {@code t} targets: a copy of one landmark
     * plus a little noise for every third target, a sparse linear part plus noise for the others.
     */
    public static void write(Path file, Random r, int n, int l, int t) {
        List<String> landmarks = new ArrayList<>();
        for (int j = 0; j < l; j++) {
            landmarks.add("lm" + j);
        }
        List<String> features = new ArrayList<>(landmarks);
        for (int k = 0; k < t; k++) {
            features.add("tg" + k);
        }
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(file, features, List.<ObsColumn>of(),
                Map.of(RegressionData.LANDMARKS, Json.compact(landmarks)))) {
            float[] row = new float[l + t];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < l; j++) {
                    row[j] = (float) r.nextGaussian();
                }
                for (int k = 0; k < t; k++) {
                    row[l + k] = (float) (k % 3 == 0 ? row[k % l] + 0.1 * r.nextGaussian()
                            : 0.8 * row[k % l] - 0.4 * row[(k + 3) % l] + 0.6 * r.nextGaussian());
                }
                w.write("s" + i, List.of(), row);
            }
        }
    }

    /** A copy of {@code source} with the value at (row, column) replaced: NaN, infinity, or anything else. */
    public static void withValue(Path source, Path dest, int row, int column, float value) {
        DenseMatrix m = ArrowMatrixReader.readAll(source);
        float[] x = m.x().clone();
        x[row * m.cols() + column] = value;
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(dest, m.features(), List.<ObsColumn>of(), m.metadata())) {
            for (int i = 0; i < m.rows(); i++) {
                w.write(m.ids().get(i), List.of(), Arrays.copyOfRange(x, i * m.cols(), (i + 1) * m.cols()));
            }
        }
    }
}
