package io.gexflow.models.svqvae;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Distances between the codes of a codebook (K x D, row-major) and the pairs and partners they give. */
public final class CodeGeometry {
    private CodeGeometry() {}

    /** A pair of codes a &lt; b and their Euclidean distance. */
    public record Pair(int a, int b, double distance) {}

    /** Pairwise Euclidean distances, K x K (in double precision). */
    public static double[][] distances(float[] codebook, int codes, int dim) {
        double[][] d = new double[codes][codes];
        for (int i = 0; i < codes; i++) {
            for (int j = i + 1; j < codes; j++) {
                double s = 0;
                for (int t = 0; t < dim; t++) {
                    double diff = (double) codebook[i * dim + t] - codebook[j * dim + t];
                    s += diff * diff;
                }
                d[i][j] = Math.sqrt(s);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /** All pairs a &lt; b, closest first (ties: by a, then b). */
    public static List<Pair> closestPairs(double[][] d) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            for (int j = i + 1; j < d.length; j++) {
                pairs.add(new Pair(i, j, d[i][j]));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance).thenComparingInt(Pair::a).thenComparingInt(Pair::b));
        return pairs;
    }

    /** Each code's nearest other code (ties: the lower index); -1 when there is only one code. */
    public static int[] nearestPartners(double[][] d) {
        int[] p = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            p[i] = -1;
            for (int j = 0; j < d.length; j++) {
                if (j != i && (p[i] < 0 || d[i][j] < d[i][p[i]])) {
                    p[i] = j;
                }
            }
        }
        return p;
    }
}
