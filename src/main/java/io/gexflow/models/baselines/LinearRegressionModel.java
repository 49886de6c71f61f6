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
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A linear model y = b0 + x B. Coefficients are stored as a gexflow matrix file
 * {@code coefficients.arrow}: one row per target, features {@code (intercept), landmark...}.
 */
public final class LinearRegressionModel implements ExpressionModel {
    public static final String TYPE = "lr";
    public static final String COEFFICIENTS = "coefficients.arrow";
    public static final String INTERCEPT = "(intercept)";
    private final List<String> inputs;
    private final List<String> outputs;
    /** (L+1) x T row-major, row 0 intercepts. */
    private final double[] coef;

    public LinearRegressionModel(List<String> inputs, List<String> outputs, DMatrixRMaj coef) {
        this(inputs, outputs, coef.data.clone());
    }

    private LinearRegressionModel(List<String> inputs, List<String> outputs, double[] coef) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.coef = coef;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        int l = inputs.size();
        int t = outputs.size();
        float[] y = new float[rows * t];
        double[] acc = new double[t];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(coef, 0, acc, 0, t);
            for (int j = 0; j < l; j++) {
                double v = x[i * l + j];
                int base = (j + 1) * t;
                for (int k = 0; k < t; k++) {
                    acc[k] += v * coef[base + k];
                }
            }
            for (int k = 0; k < t; k++) {
                y[i * t + k] = (float) acc[k];
            }
        }
        return y;
    }

    /** Writes coefficients.arrow (model.json is written by the caller). */
    public void saveCoefficients(Path dir, Map<String, String> metadata) {
        List<String> features = new ArrayList<>();
        features.add(INTERCEPT);
        features.addAll(inputs);
        int t = outputs.size();
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(dir.resolve(COEFFICIENTS), features, List.<ObsColumn>of(), metadata)) {
            float[] row = new float[features.size()];
            for (int k = 0; k < t; k++) {
                for (int j = 0; j < features.size(); j++) {
                    row[j] = (float) coef[j * t + k];
                }
                w.write(outputs.get(k), List.of(), row);
            }
        }
    }

    public static LinearRegressionModel load(Path dir, ModelDescriptor d) {
        Path file = dir.resolve(COEFFICIENTS);
        DenseMatrix m = ArrowMatrixReader.readAll(file);
        int l = d.inputs().size();
        int t = d.outputs().size();
        if (m.cols() != l + 1 || m.rows() != t || !m.ids().equals(d.outputs())) {
            throw new InputException(file, "coefficients do not match model.json (" + m.rows() + " x " + m.cols()
                    + ", expected " + t + " x " + (l + 1) + ")");
        }
        double[] coef = new double[(l + 1) * t];
        for (int k = 0; k < t; k++) {
            for (int j = 0; j <= l; j++) {
                coef[j * t + k] = m.get(k, j);
            }
        }
        return new LinearRegressionModel(d.inputs(), d.outputs(), coef);
    }
}
