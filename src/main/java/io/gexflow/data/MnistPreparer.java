package io.gexflow.data;

import io.gexflow.io.IdxReader;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * MNIST IDX files -> the S-VQ-VAE data contract ({@link PreparedData}): each image becomes one row of
 * {@code rows x cols} pixels, row-major, scaled from 0..255 to [-1, 1] as {@code p / 127.5 - 1} (the
 * reference code's {@code ToTensor} then {@code Normalize(0.5, 0.5)}); labels become the class names
 * "0".."9". Images are streamed one at a time; only the labels are held in memory.
 */
public final class MnistPreparer {
    public static final String DATASET = "mnist";
    public static final List<String> CLASSES = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private static final float[] SCALE = new float[256];

    static {
        for (int p = 0; p < 256; p++) {
            SCALE[p] = (float) (p / 127.5 - 1.0);
        }
    }

    /** Per class counts of what was written. */
    public record Counts(int[] train, int[] test) {
        public int trainTotal() {
            return IntStream.of(train).sum();
        }

        public int testTotal() {
            return IntStream.of(test).sum();
        }
    }

    private MnistPreparer() {}

    /** The scaled value of pixel byte {@code p} (0..255). */
    public static float scale(int p) {
        return SCALE[p];
    }

    /** Train and test from their own files (the 60,000 / 10,000 of the real download). */
    public static Counts fromFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels, Path outDir,
            Map<String, String> metadata) {
        int[] trainY = labels(trainLabels);
        int[] testY = labels(testLabels);
        try (IdxReader tr = IdxReader.openImages(trainImages); IdxReader te = IdxReader.openImages(testImages)) {
            checkCount(tr, trainLabels, trainY);
            checkCount(te, testLabels, testY);
            if (tr.rows() != te.rows() || tr.cols() != te.cols()) {
                throw new InputException(testImages, "images are " + te.rows() + " x " + te.cols() + " but "
                        + trainImages + " has " + tr.rows() + " x " + tr.cols());
            }
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("rule", "files");
            split.put("train", trainImages.getFileName().toString());
            split.put("test", testImages.getFileName().toString());
            Counts counts = new Counts(new int[10], new int[10]);
            writePart(tr, trainY, "train", outDir.resolve(PreparedData.TRAIN_FILE),
                    meta(metadata, tr, split, "train"), counts.train());
            writePart(te, testY, "test", outDir.resolve(PreparedData.TEST_FILE),
                    meta(metadata, te, split, "test"), counts.test());
            finish(outDir, counts, split, tr);
            return counts;
        }
    }

    /**
     * A digit of the pool that the split leaves without a training sample (a digit with one sample,
     * say) would have no code to learn: refused, naming the digit and its count.
     */
    private static void refuseDigitsWithoutTraining(Path labels, int[] y, boolean[] isTest, double testFraction) {
        int[] all = new int[CLASSES.size()];
        int[] train = new int[CLASSES.size()];
        for (int i = 0; i < y.length; i++) {
            all[y[i]]++;
            train[y[i]] += isTest[i] ? 0 : 1;
        }
        for (int d = 0; d < all.length; d++) {
            if (all[d] > 0 && train[d] == 0) {
                throw new InputException(labels, "digit " + d + " has " + all[d] + " sample(s): the per-digit split at "
                        + "test fraction " + testFraction + " leaves it no training sample");
            }
        }
    }

    /**
     * One labelled pool split per digit ({@link ClassSplit}): {@code floor((1 - f) n_d)} of digit d
     * train, the rest test.
     */
    public static Counts fromPool(Path images, Path labels, double testFraction, long seed, Path outDir,
            Map<String, String> metadata) {
        int[] y = labels(labels);
        boolean[] isTest = ClassSplit.testMask(y, CLASSES.size(), testFraction, seed);
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("rule", "per-class");
        split.put("test_fraction", testFraction);
        split.put("seed", seed);
        split.put("n_train_per_class", "floor((1 - test_fraction) * n_class)");
        split.put("pool", images.getFileName().toString());
        Counts counts = new Counts(new int[10], new int[10]);
        try (IdxReader img = IdxReader.openImages(images)) {
            checkCount(img, labels, y);
            refuseDigitsWithoutTraining(labels, y, isTest, testFraction);
            List<String> features = features(img);
            ArrowMatrixWriter train = new ArrowMatrixWriter(outDir.resolve(PreparedData.TRAIN_FILE), features,
                    List.of(ObsColumn.utf8(PreparedData.LABEL)), meta(metadata, img, split, "train"));
            ArrowMatrixWriter test = null;
            try {
                test = new ArrowMatrixWriter(outDir.resolve(PreparedData.TEST_FILE), features,
                        List.of(ObsColumn.utf8(PreparedData.LABEL)), meta(metadata, img, split, "test"));
                byte[] px = new byte[img.itemBytes()];
                float[] x = new float[px.length];
                for (int i = 0; i < y.length; i++) {
                    img.next(px);
                    toFloats(px, x);
                    String id = String.format("pool-%05d", i);
                    if (isTest[i]) {
                        test.write(id, List.of(CLASSES.get(y[i])), x);
                        counts.test()[y[i]]++;
                    } else {
                        train.write(id, List.of(CLASSES.get(y[i])), x);
                        counts.train()[y[i]]++;
                    }
                }
                img.finish();
                train.close();
                test.close();
            } catch (RuntimeException e) {
                train.abort();
                if (test != null) {
                    test.abort();
                }
                throw e;
            }
            finish(outDir, counts, split, img);
        }
        return counts;
    }

    private static void writePart(IdxReader img, int[] y, String prefix, Path out,
            Map<String, String> meta, int[] counts) {
        ArrowMatrixWriter w = new ArrowMatrixWriter(out, features(img), List.of(ObsColumn.utf8(PreparedData.LABEL)), meta);
        try {
            byte[] px = new byte[img.itemBytes()];
            float[] x = new float[px.length];
            for (int i = 0; i < y.length; i++) {
                img.next(px);
                toFloats(px, x);
                w.write(String.format("%s-%05d", prefix, i), List.of(CLASSES.get(y[i])), x);
                counts[y[i]]++;
            }
            img.finish();
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private static void toFloats(byte[] px, float[] x) {
        for (int j = 0; j < px.length; j++) {
            x[j] = SCALE[px[j] & 0xff];
        }
    }

    private static int[] labels(Path file) {
        try (IdxReader r = IdxReader.openLabels(file)) {
            int[] y = r.readAllLabels();
            for (int i = 0; i < y.length; i++) {
                if (y[i] > 9) {
                    throw new InputException(file, "label " + i + " is " + y[i] + ", not a digit 0..9");
                }
            }
            return y;
        }
    }

    private static void checkCount(IdxReader images, Path labels, int[] y) {
        if (images.count() != y.length) {
            throw new InputException(labels, "has " + y.length + " labels but " + images.file() + " has "
                    + images.count() + " images");
        }
    }

    /** Pixel names r{row}c{col}, row-major. */
    static List<String> features(IdxReader img) {
        List<String> f = new ArrayList<>(img.itemBytes());
        for (int r = 0; r < img.rows(); r++) {
            for (int c = 0; c < img.cols(); c++) {
                f.add("r" + r + "c" + c);
            }
        }
        return f;
    }

    private static Map<String, String> meta(Map<String, String> base, IdxReader img, Map<String, Object> split,
            String part) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(PreparedData.META_DATASET, DATASET);
        m.put(PreparedData.META_CLASSES, Json.compact(CLASSES));
        m.put(PreparedData.META_IMAGE_SHAPE, Json.compact(List.of(img.rows(), img.cols())));
        m.put(PreparedData.META_PART, part);
        m.put(PreparedData.META_SPLIT, Json.compact(split));
        m.put("gexflow.scaling", "x = pixel / 127.5 - 1 (pixels 0..255 -> [-1, 1])");
        return m;
    }

    private static void finish(Path outDir, Counts counts, Map<String, Object> split, IdxReader img) {
        PreparedData.checkCounts(img.file(), counts.train(), counts.test());
        PreparedData.writeClasses(outDir, CLASSES, counts.train(), counts.test());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", DATASET);
        s.put("image_shape", List.of(img.rows(), img.cols()));
        s.put("split", split);
        s.put("n_train", counts.trainTotal());
        s.put("n_test", counts.testTotal());
        Map<String, List<Integer>> perClass = new LinkedHashMap<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            perClass.put(CLASSES.get(c), List.of(counts.train()[c], counts.test()[c]));
        }
        s.put("per_class_train_test", perClass);
        PreparedData.writeSummary(outDir, s);
    }
}
