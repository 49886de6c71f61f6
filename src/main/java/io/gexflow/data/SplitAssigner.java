package io.gexflow.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded train/valid/test assignment (spec dgex.md, preprocessing step 5): a permutation of the
 * samples from {@code java.util.Random(seed)}; validation and test take {@code round(f * n)} samples
 * each and training the rest (111,009 -> 88,807 / 11,101 / 11,101 as in the paper).
 */
public final class SplitAssigner {
    public static final String TRAIN = "train";
    public static final String VALID = "valid";
    public static final String TEST = "test";

    private SplitAssigner() {}

    /** Fractions must be finite, >= 0, and leave a training set (NaN fails every comparison, so test positively). */
    public static void checkFractions(double validFraction, double testFraction) {
        if (!(validFraction >= 0) || !(testFraction >= 0) || !(validFraction + testFraction < 1)) {
            throw new IllegalArgumentException("fractions must be >= 0 and leave a training set: valid="
                    + validFraction + " test=" + testFraction);
        }
    }

    /** Returns id -> split in input order. */
    public static Map<String, String> assign(List<String> ids, double validFraction, double testFraction, long seed) {
        checkFractions(validFraction, testFraction);
        int n = ids.size();
        int nValid = (int) Math.round(validFraction * n);
        int nTest = (int) Math.round(testFraction * n);
        if (n - nValid - nTest < 1 || (validFraction > 0 && nValid < 1) || (testFraction > 0 && nTest < 1)) {
            throw new IllegalArgumentException(n + " sample(s) cannot be split into " + (n - nValid - nTest) + " train / "
                    + nValid + " valid / " + nTest + " test: every part asked for needs at least one sample");
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        String[] split = new String[n];
        for (int k = 0; k < n; k++) {
            split[order.get(k)] = k < n - nValid - nTest ? TRAIN : k < n - nTest ? VALID : TEST;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (out.put(ids.get(i), split[i]) != null) {
                throw new IllegalArgumentException("duplicate sample id " + ids.get(i));
            }
        }
        return out;
    }
}
