package io.gexflow.models.svqvae;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A split of the S-VQ-VAE data, as the data-preparation verbs write it: column {@code x} the model input
 * (MNIST: 784 pixels in [-1, 1], row-major 28 x 28; LINCS: landmark z-scores clipped to [-10, 10]), obs
 * column {@value #LABEL} the class name, and schema metadata {@value #META_CLASSES} (JSON array of class
 * names in code order), {@value #META_DATASET} ({@code mnist} or {@code lincs}) and, for MNIST,
 * {@value #META_IMAGE_SHAPE} ({@code [28,28]}).
 *
 * @param labels class index of every row, into {@code classes}
 * @param imageShape rows and columns of an image, or null for expression profiles
 */
public record LabelledData(
        Path file,
        List<String> ids,
        List<String> features,
        float[] x,
        int[] labels,
        List<String> classes,
        String dataset,
        int[] imageShape) {
    public static final String LABEL = "label";
    public static final String META_CLASSES = "gexflow.classes";
    public static final String META_DATASET = "gexflow.dataset";
    public static final String META_IMAGE_SHAPE = "gexflow.image_shape";

    public int rows() {
        return ids.size();
    }

    public int cols() {
        return features.size();
    }

    /** The classes that no row has, in class order (S-VQ-VAE cannot train their codes). */
    public List<String> absentClasses() {
        boolean[] seen = new boolean[classes.size()];
        for (int l : labels) {
            seen[l] = true;
        }
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                out.add(classes.get(c));
            }
        }
        return out;
    }

    public SvqArchitecture architecture() {
        return SvqArchitecture.forDataset(dataset);
    }

    public static LabelledData read(Path file) {
        DenseMatrix m = ArrowMatrixReader.readAll(file);
        Map<String, String> meta = m.metadata();
        String dataset = meta.get(META_DATASET);
        if (dataset == null) {
            throw new InputException(file, "schema metadata has no " + META_DATASET + " (mnist or lincs)");
        }
        SvqArchitecture arch;
        try {
            arch = SvqArchitecture.forDataset(dataset);
        } catch (IllegalArgumentException e) {
            throw new InputException(file, META_DATASET + ": " + e.getMessage());
        }
        String classJson = meta.get(META_CLASSES);
        if (classJson == null) {
            throw new InputException(file, "schema metadata has no " + META_CLASSES + " (JSON array of class names)");
        }
        List<String> classes;
        try {
            classes = List.copyOf(Json.MAPPER.readValue(classJson, new TypeReference<List<String>>() {}));
        } catch (IOException | NullPointerException e) {
            throw new InputException(file, META_CLASSES + " is not a JSON array of strings");
        }
        if (classes.isEmpty()) {
            throw new InputException(file, META_CLASSES + " is empty");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            if (index.put(classes.get(c), c) != null) {
                throw new InputException(file, META_CLASSES + " names class '" + classes.get(c) + "' twice");
            }
        }
        int[] shape = null;
        if (arch == SvqArchitecture.MNIST) {
            String s = meta.get(META_IMAGE_SHAPE);
            try {
                shape = s == null ? null : Json.MAPPER.readValue(s, int[].class);
            } catch (IOException e) {
                throw new InputException(file, META_IMAGE_SHAPE + " is not a JSON array of two integers");
            }
            if (shape == null || shape.length != 2 || shape[0] != SvqArchitecture.SIDE || shape[1] != SvqArchitecture.SIDE) {
                throw new InputException(file, "MNIST needs " + META_IMAGE_SHAPE + " = [28,28]");
            }
        }
        try {
            arch.checkInputs(m.cols());
        } catch (IllegalArgumentException e) {
            throw new InputException(file, e.getMessage());
        }
        if (m.rows() == 0) {
            throw new InputException(file, "has no samples");
        }
        List<Object> labelColumn = m.obs().get(LABEL);
        if (labelColumn == null) {
            throw new InputException(file, "no obs column '" + LABEL + "'");
        }
        int[] labels = new int[m.rows()];
        for (int i = 0; i < labels.length; i++) {
            Object v = labelColumn.get(i);
            Integer c = v == null ? null : index.get(v.toString());
            if (c == null) {
                throw new InputException(file, "row " + m.ids().get(i) + ": label '" + v + "' is not in " + META_CLASSES);
            }
            labels[i] = c;
        }
        float limit = arch == SvqArchitecture.MNIST ? 1f : arch.outputScale();
        float[] x = m.x();
        for (int k = 0; k < x.length; k++) {
            if (!(Math.abs(x[k]) <= limit * (1 + 1e-6f))) {
                throw new InputException(file, "row " + m.ids().get(k / m.cols()) + ", feature "
                        + m.features().get(k % m.cols()) + ": value " + x[k] + " outside [-" + limit + ", " + limit
                        + "], the range of the " + dataset + " network's output");
            }
        }
        return new LabelledData(file, m.ids(), m.features(), x, labels, classes, dataset, shape);
    }

    /** Checks that another split has the same data set, features and classes. */
    public void checkCompatible(LabelledData other) {
        if (!dataset.equals(other.dataset)) {
            throw new InputException(other.file, "data set " + other.dataset + " differs from " + file.getFileName()
                    + "'s " + dataset);
        }
        if (!features.equals(other.features)) {
            throw new InputException(other.file, "features differ from " + file.getFileName());
        }
        if (!classes.equals(other.classes)) {
            throw new InputException(other.file, META_CLASSES + " differs from " + file.getFileName());
        }
    }
}
