package io.gexflow.testutil;

import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generated test matrices: well-separated Gaussian blobs in shuffled order. */
public final class Blobs {
    public final float[][] x;
    public final int[] blob;

    private Blobs(float[][] x, int[] blob) {
        this.x = x;
        this.blob = blob;
    }

    /** {@code sizes[b]} rows around a random center per blob (coordinates +-20), noise sd 1, shuffled. */
    public static Blobs generate(int[] sizes, int dims, long seed) {
        Random r = new Random(seed);
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        float[][] centers = new float[sizes.length][dims];
        for (float[] c : centers) {
            for (int j = 0; j < dims; j++) {
                c[j] = (float) (r.nextDouble() * 40 - 20);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            for (int i = 0; i < sizes[b]; i++) {
                order.add(b);
            }
        }
        java.util.Collections.shuffle(order, r);
        float[][] x = new float[n][dims];
        int[] blob = new int[n];
        for (int i = 0; i < n; i++) {
            blob[i] = order.get(i);
            for (int j = 0; j < dims; j++) {
                x[i][j] = centers[blob[i]][j] + (float) r.nextGaussian();
            }
        }
        return new Blobs(x, blob);
    }

    /** Row {@code to} becomes row {@code from} plus Gaussian noise of sd {@code sd} (0: an exact copy). */
    public void copy(int from, int to, double sd, long seed) {
        Random r = new Random(seed);
        for (int j = 0; j < x[from].length; j++) {
            x[to][j] = x[from][j] + (float) (sd * r.nextGaussian());
        }
        blob[to] = blob[from];
    }

    public static List<String> features(int dims) {
        List<String> f = new ArrayList<>();
        for (int j = 0; j < dims; j++) {
            f.add("g" + j);
        }
        return f;
    }

    /** Writes the rows as a matrix file with ids s0, s1, ... and a utf8 obs column "blob". */
    public Path write(Path file, int batchRows) {
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(file, features(x[0].length), List.of(ObsColumn.utf8("blob")),
                Map.of("gexflow.provenance", "{\"verb\":\"test\"}", "gexflow.landmarks", "[\"g0\"]"), batchRows)) {
            for (int i = 0; i < x.length; i++) {
                w.write("s" + i, List.of("b" + blob[i]), x[i]);
            }
        }
        return file;
    }
}
