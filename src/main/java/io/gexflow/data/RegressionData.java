package io.gexflow.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A split of the D-GEX data as inputs (landmark genes) and outputs (target genes), both row-major.
 * Which features are landmarks is recorded by CONVERT in the schema metadata key {@value #LANDMARKS}.
 * A file without samples, or with a NaN or infinite value, is refused naming the sample and feature:
 * every model fitted on it would be NaN.
 */
public record RegressionData(List<String> ids, List<String> inputs, List<String> outputs, float[] x, float[] y) {
    /** Schema metadata: JSON array of landmark gene ids; every other feature is a target. */
    public static final String LANDMARKS = "gexflow.landmarks";

    public int rows() {
        return ids.size();
    }

    public static RegressionData read(Path file) {
        DenseMatrix m = ArrowMatrixReader.readAll(file);
        String json = m.metadata().get(LANDMARKS);
        if (json == null) {
            throw new InputException(file, "schema metadata has no " + LANDMARKS + " (convert with --landmarks)");
        }
        List<String> landmarks;
        try {
            landmarks = Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new InputException(file, LANDMARKS + " is not a JSON array of strings");
        }
        Map<String, Integer> col = new HashMap<>();
        for (int j = 0; j < m.cols(); j++) {
            col.put(m.features().get(j), j);
        }
        int[] in = new int[landmarks.size()];
        boolean[] isInput = new boolean[m.cols()];
        for (int k = 0; k < in.length; k++) {
            Integer j = col.get(landmarks.get(k));
            if (j == null) {
                throw new InputException(file, "landmark " + landmarks.get(k) + " is not a feature");
            }
            in[k] = j;
            isInput[j] = true;
        }
        List<String> outputs = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < m.cols(); j++) {
            if (!isInput[j]) {
                outputs.add(m.features().get(j));
                out.add(j);
            }
        }
        int n = m.rows();
        if (n == 0) {
            throw new InputException(file, "has no samples");
        }
        for (int i = 0; i < n; i++) {
            int base = i * m.cols();
            for (int j = 0; j < m.cols(); j++) {
                float v = m.x()[base + j];
                if (!Float.isFinite(v)) {
                    throw new InputException(file, "sample " + m.ids().get(i) + ", feature " + m.features().get(j) + ": value "
                            + v + " (the models need finite values; convert's --missing policy decides missing ones)");
                }
            }
        }
        float[] x = new float[n * in.length];
        float[] y = new float[n * out.size()];
        for (int i = 0; i < n; i++) {
            int base = i * m.cols();
            for (int k = 0; k < in.length; k++) {
                x[i * in.length + k] = m.x()[base + in[k]];
            }
            for (int k = 0; k < out.size(); k++) {
                y[i * out.size() + k] = m.x()[base + out.get(k)];
            }
        }
        return new RegressionData(m.ids(), landmarks, outputs, x, y);
    }
}
