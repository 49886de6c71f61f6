package io.gexflow.data;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The output of the S-VQ-VAE data steps ({@code prepare-mnist}, {@code prepare-lincs}) in one
 * directory, the contract the model steps read:
 * <ul>
 *   <li>{@value #TRAIN_FILE}, {@value #TEST_FILE}: gexflow matrix files, {@code x} the model input,
 *       obs column {@value #LABEL} (utf8 class name);</li>
 *   <li>schema metadata {@value #META_CLASSES} (JSON array of every class name in code order),
 *       {@value #META_DATASET} ({@code mnist} | {@code lincs}), for images {@value #META_IMAGE_SHAPE}
 *       ({@code [rows,cols]}), {@value #META_PART} ({@code train} | {@code test}) and provenance;</li>
 *   <li>{@value #CLASSES_FILE}: {@code class<TAB>n_train<TAB>n_test} in code order, with that header;</li>
 *   <li>{@value #SUMMARY_FILE}: what was selected, split and clipped, as JSON.</li>
 * </ul>
 */
public final class PreparedData {
    public static final String TRAIN_FILE = "train.arrow";
    public static final String TEST_FILE = "test.arrow";
    public static final String CLASSES_FILE = "classes.tsv";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String LABEL = "label";
    public static final String META_CLASSES = "gexflow.classes";
    public static final String META_DATASET = "gexflow.dataset";
    public static final String META_IMAGE_SHAPE = "gexflow.image_shape";
    /** Which part of the split the file holds: "train" or "test". */
    public static final String META_PART = "gexflow.part";
    /** JSON: how train and test were split. */
    public static final String META_SPLIT = "gexflow.split";
    /** JSON: the step's summary (the same as summary.json). */
    public static final String META_SUMMARY = "gexflow.summary";

    private PreparedData() {}

    /**
     * Refuses a split the models cannot use, naming {@code source}: no training or no test sample. (A
     * class without a training sample is refused by train-svqvae, where it matters: VQ-VAE does not mind.)
     */
    public static void checkCounts(Path source, int[] nTrain, int[] nTest) {
        long train = java.util.Arrays.stream(nTrain).asLongStream().sum();
        long test = java.util.Arrays.stream(nTest).asLongStream().sum();
        if (train == 0 || test == 0) {
            throw new io.gexflow.io.InputException(source, "the split leaves " + train + " training and " + test
                    + " test samples: both parts need samples");
        }
    }

    /** Writes classes.tsv. */
    public static void writeClasses(Path outDir, List<String> classes, int[] nTrain, int[] nTest) {
        StringBuilder sb = new StringBuilder("class\tn_train\tn_test\n");
        for (int c = 0; c < classes.size(); c++) {
            sb.append(classes.get(c)).append('\t').append(nTrain[c]).append('\t').append(nTest[c]).append('\n');
        }
        AtomicFile.writeString(outDir.resolve(CLASSES_FILE), sb.toString());
    }

    public static void writeSummary(Path outDir, Map<String, Object> summary) {
        Json.writeFile(outDir.resolve(SUMMARY_FILE), summary);
    }
}
