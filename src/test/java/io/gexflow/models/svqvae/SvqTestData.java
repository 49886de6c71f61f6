package io.gexflow.models.svqvae;

import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small S-VQ-VAE input files in the data-preparation contract (column x, obs label, gexflow.* metadata). */
public final class SvqTestData {
    private SvqTestData() {}

    public static void write(Path file, String dataset, List<String> classes, List<String> features, int[] labels,
            float[] x) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(LabelledData.META_CLASSES, Json.compact(classes));
        meta.put(LabelledData.META_DATASET, dataset);
        if (dataset.equals("mnist")) {
            meta.put(LabelledData.META_IMAGE_SHAPE, "[28,28]");
        }
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(file, features, List.of(ObsColumn.utf8(LabelledData.LABEL)), meta)) {
            int p = features.size();
            for (int i = 0; i < labels.length; i++) {
                w.write("s" + i, List.of(classes.get(labels[i])), x, i * p);
            }
        }
    }

    public static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /**
     * LINCS-like profiles: every class has its own mean profile (entries +-4), samples add N(0, 1) noise,
     * all clipped to [-10, 10]. Rows cycle through the classes.
     */
    public static float[] lincs(int rows, int genes, int classes, long seed, int[] labelsOut) {
        Random means = new Random(1234);
        float[][] mu = new float[classes][genes];
        for (int c = 0; c < classes; c++) {
            for (int g = 0; g < genes; g++) {
                mu[c][g] = means.nextBoolean() ? 4f : -4f;
            }
        }
        Random r = new Random(seed);
        float[] x = new float[rows * genes];
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            labelsOut[i] = c;
            for (int g = 0; g < genes; g++) {
                x[i * genes + g] = (float) Math.max(-10, Math.min(10, mu[c][g] + r.nextGaussian()));
            }
        }
        return x;
    }

    /** MNIST-like 28 x 28 images in [-1, 1]: class c lights a bar in column block c, with noise. */
    public static float[] images(int rows, int classes, long seed, int[] labelsOut) {
        Random r = new Random(seed);
        float[] x = new float[rows * 784];
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            labelsOut[i] = c;
            for (int py = 0; py < 28; py++) {
                for (int px = 0; px < 28; px++) {
                    boolean on = px / (28 / classes) == c && py > 4 && py < 24;
                    x[i * 784 + py * 28 + px] = (float) Math.max(-1, Math.min(1, (on ? 0.8 : -0.9) + 0.1 * r.nextGaussian()));
                }
            }
        }
        return x;
    }
}
