package io.gexflow.eval.perturb;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Correlations between true and inferred latents over cells, and the Hungarian (Kuhn-Munkres) matching of
 * each true latent to one inferred latent that maximises the summed absolute correlation (latents are
 * identifiable only up to permutation and sign). Latents are {@code cells x dims} arrays.
 */
public final class LatentMatching {
    /** Which correlation the matching and the mean are taken over. */
    public enum Correlation { PEARSON, SPEARMAN }

    private LatentMatching() {}

    /** {@code |corr(true_i, inferred_j)|} for every true latent i and inferred latent j. */
    public static double[][] absoluteCorrelations(double[][] truth, double[][] inferred, Correlation kind) {
        checkCells(truth, inferred);
        double[][] t = columns(truth);
        double[][] f = columns(inferred);
        double[][] c = new double[t.length][f.length];
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < f.length; j++) {
                double r = kind == Correlation.PEARSON ? pearson.correlation(t[i], f[j]) : spearman.correlation(t[i], f[j]);
                // a constant latent correlates with nothing (commons-math gives NaN)
                c[i][j] = Double.isNaN(r) ? 0 : Math.abs(r);
            }
        }
        return c;
    }

    /**
     * The matching: {@code m[i]} is the inferred latent paired with true latent {@code i}, or -1 when there are
     * fewer inferred latents than true ones and {@code i} is left unpaired. Maximises the sum of
     * {@code absCorr[i][m[i]]} (Kuhn-Munkres on {@code 1 - |corr|}; a rectangular matrix is padded with dummy
     * latents of correlation 0).
     */
    public static int[] match(double[][] absCorr) {
        int d = absCorr.length;
        int k = d == 0 ? 0 : absCorr[0].length;
        int n = Math.max(d, k);
        Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            left.add(i);
            right.add(n + i);
            g.addVertex(i);
            g.addVertex(n + i);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double c = i < d && j < k ? absCorr[i][j] : 0;
                g.setEdgeWeight(g.addEdge(i, n + j), 1 - c);
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> m =
                new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(g, new java.util.HashSet<>(left),
                        new java.util.HashSet<>(right)).getMatching();
        int[] out = new int[d];
        java.util.Arrays.fill(out, -1);
        for (DefaultWeightedEdge e : m.getEdges()) {
            int a = g.getEdgeSource(e);
            int b = g.getEdgeTarget(e);
            int i = Math.min(a, b);
            int j = Math.max(a, b) - n;
            if (i < d && j < k) {
                out[i] = j;
            }
        }
        return out;
    }

    /** The mean of {@code absCorr[i][m[i]]} over the true latents that have a partner. */
    public static double meanMatched(double[][] absCorr, int[] m) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] >= 0) {
                s += absCorr[i][m[i]];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static double[][] columns(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[][] c = new double[d][n];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("cell " + i + " has " + rows[i].length + " latents, cell 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                c[j][i] = rows[i][j];
            }
        }
        return c;
    }

    static void checkCells(double[][] truth, double[][] inferred) {
        if (truth.length != inferred.length) {
            throw new IllegalArgumentException(truth.length + " cells of true latents but " + inferred.length + " inferred");
        }
        if (truth.length < 3) {
            throw new IllegalArgumentException("latent recovery needs at least 3 cells, got " + truth.length);
        }
    }
}
