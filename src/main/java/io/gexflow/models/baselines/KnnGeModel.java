package io.gexflow.models.baselines;

import io.gexflow.io.InputException;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.models.ExpressionModel;
import io.gexflow.family.ModelDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained KNN-GE model ({@link KnnGe}): each target is predicted as the mean of its k nearest
 * landmarks' values. Stored as {@code neighbours.arrow}, a gexflow matrix file with one row per
 * target (id = target gene), utf8 columns {@code neighbour_1..neighbour_k} naming the landmarks,
 * nearest first, and x = their training-set Euclidean distances ({@code distance_1..distance_k}).
 */
public final class KnnGeModel implements ExpressionModel {
    public static final String TYPE = "knn";
    public static final String NEIGHBOURS = "neighbours.arrow";
    private final List<String> inputs;
    private final List<String> outputs;
    private final KnnGe.Neighbours neighbours;

    public KnnGeModel(List<String> inputs, List<String> outputs, KnnGe.Neighbours neighbours) {
        if (neighbours.index().length != outputs.size()) {
            throw new IllegalArgumentException(neighbours.index().length + " neighbour lists for " + outputs.size() + " targets");
        }
        for (int[] row : neighbours.index()) {
            for (int j : row) {
                if (j < 0 || j >= inputs.size()) {
                    throw new IllegalArgumentException("neighbour index " + j + " outside the " + inputs.size() + " landmarks");
                }
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.neighbours = neighbours;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    public int k() {
        return neighbours.k();
    }

    public KnnGe.Neighbours neighbours() {
        return neighbours;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        int l = inputs.size();
        int t = outputs.size();
        int k = k();
        float[] y = new float[rows * t];
        for (int i = 0; i < rows; i++) {
            int xb = i * l;
            for (int g = 0; g < t; g++) {
                int[] idx = neighbours.index()[g];
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += x[xb + idx[r]];
                }
                y[i * t + g] = (float) (s / k);
            }
        }
        return y;
    }

    /** Writes neighbours.arrow (model.json is written by the caller). */
    public void save(Path dir, Map<String, String> metadata) {
        int k = k();
        List<String> features = new ArrayList<>();
        List<ObsColumn> obs = new ArrayList<>();
        for (int r = 1; r <= k; r++) {
            features.add("distance_" + r);
            obs.add(ObsColumn.utf8("neighbour_" + r));
        }
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(dir.resolve(NEIGHBOURS), features, obs, metadata)) {
            float[] row = new float[k];
            List<String> names = new ArrayList<>(k);
            for (int g = 0; g < outputs.size(); g++) {
                names.clear();
                for (int r = 0; r < k; r++) {
                    names.add(inputs.get(neighbours.index()[g][r]));
                    row[r] = (float) neighbours.distance()[g][r];
                }
                w.write(outputs.get(g), names, row);
            }
        }
    }

    public static KnnGeModel load(Path dir, ModelDescriptor d) {
        Path file = dir.resolve(NEIGHBOURS);
        Path json = dir.resolve(ModelDescriptor.FILE);
        Object kSetting = d.settings() == null ? null : d.settings().get("k");
        if (!(kSetting instanceof Number kn) || kn.intValue() < 1) {
            throw new InputException(json, "settings need k >= 1");
        }
        int k = kn.intValue();
        DenseMatrix m = ArrowMatrixReader.readAll(file);
        if (m.cols() != k || !m.ids().equals(d.outputs())) {
            throw new InputException(file, "neighbours do not match model.json (" + m.rows() + " targets x " + m.cols()
                    + " neighbours, expected " + d.outputs().size() + " x " + k + ")");
        }
        Map<String, Integer> landmark = new HashMap<>();
        for (int j = 0; j < d.inputs().size(); j++) {
            landmark.put(d.inputs().get(j), j);
        }
        int[][] index = new int[m.rows()][k];
        double[][] dist = new double[m.rows()][k];
        for (int r = 0; r < k; r++) {
            List<Object> col = m.obs().get("neighbour_" + (r + 1));
            if (col == null) {
                throw new InputException(file, "no column neighbour_" + (r + 1));
            }
            for (int g = 0; g < m.rows(); g++) {
                Integer j = col.get(g) == null ? null : landmark.get(col.get(g).toString());
                if (j == null) {
                    throw new InputException(file, "neighbour " + col.get(g) + " of " + m.ids().get(g) + " is not a landmark of model.json");
                }
                index[g][r] = j;
                dist[g][r] = m.get(g, r);
            }
        }
        return new KnnGeModel(d.inputs(), d.outputs(), new KnnGe.Neighbours(index, dist));
    }
}
