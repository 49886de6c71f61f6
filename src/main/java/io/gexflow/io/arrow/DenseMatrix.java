package io.gexflow.io.arrow;

import java.util.List;
import java.util.Map;

/** A whole matrix file in memory: samples x features, row-major. */
public record DenseMatrix(
        List<String> ids, List<String> features, float[] x, Map<String, List<Object>> obs, Map<String, String> metadata) {

    public int rows() {
        return ids.size();
    }

    public int cols() {
        return features.size();
    }

    public float get(int row, int col) {
        return x[row * features.size() + col];
    }
}
