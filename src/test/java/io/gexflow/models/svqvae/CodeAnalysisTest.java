package io.gexflow.models.svqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Perplexity, accuracy, code distances, the nearest-partner graph and the Gaussian sampler, by hand. */
class CodeAnalysisTest {

    @Test
    void perplexityByHand() {
        assertEquals(2.0, CodeStatistics.perplexity(new int[] {0, 0, 1, 1}, 2), 1e-9);
        assertEquals(1.0, CodeStatistics.perplexity(new int[] {3, 3, 3}, 10), 1e-9, "one code used");
        // p = (3/4, 1/4): H = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335
        assertEquals(Math.exp(0.5623351446), CodeStatistics.perplexity(new int[] {0, 0, 0, 1}, 4), 1e-8);
        assertEquals(10.0, CodeStatistics.perplexity(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10), 1e-7);
    }

    @Test
    void accuracyFrequencyAndMajorityMapping() {
        int[] labels = {0, 0, 1, 1, 2};
        int[] codes = {2, 2, 0, 0, 1};
        assertEquals(0.0, CodeStatistics.accuracy(codes, labels), 1e-12, "code index is not the class");
        long[][] f = CodeStatistics.frequency(labels, 3, codes, 4);
        assertArrayEquals(new long[] {0, 0, 2, 0}, f[0]);
        assertArrayEquals(new long[] {2, 0, 0, 0}, f[1]);
        assertArrayEquals(new long[] {0, 1, 0, 0}, f[2]);
        // code 0 -> class 1, code 1 -> class 2, code 2 -> class 0, code 3 unused
        int[] map = CodeStatistics.majorityClass(f, 4);
        assertArrayEquals(new int[] {1, 2, 0, -1}, map);
        assertEquals(1.0, CodeStatistics.accuracy(CodeStatistics.mapped(codes, map), labels), 1e-12);
        // a tie goes to the lower class
        assertArrayEquals(new int[] {0}, CodeStatistics.majorityClass(new long[][] {{2}, {2}}, 1));
        assertEquals(0.6, CodeStatistics.accuracy(new int[] {0, 1, 1, 1, 0}, labels), 1e-12);
    }

    @Test
    void distancesPairsAndPartners() {
        // codes on a line at 0, 1, 3, 7 (D = 2, second coordinate 0)
        float[] e = {0, 0, 1, 0, 3, 0, 7, 0};
        double[][] d = CodeGeometry.distances(e, 4, 2);
        assertEquals(2.0, d[1][2], 1e-12);
        assertEquals(7.0, d[3][0], 1e-12);
        List<CodeGeometry.Pair> pairs = CodeGeometry.closestPairs(d);
        assertEquals(new CodeGeometry.Pair(0, 1, 1.0), pairs.get(0));
        assertEquals(new CodeGeometry.Pair(1, 2, 2.0), pairs.get(1));
        assertEquals(6, pairs.size());
        assertArrayEquals(new int[] {1, 0, 1, 2}, CodeGeometry.nearestPartners(d));
    }

    /** Two triangles joined by one edge: Q = 2 * (3/7 - (7/14)^2) = 5/14. */
    @Test
    void modularityByHand() {
        List<int[]> edges = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2}, new int[] {3, 4},
                new int[] {4, 5}, new int[] {3, 5}, new int[] {2, 3});
        assertEquals(5.0 / 14, CodeGraph.modularity(6, edges, new int[] {0, 0, 0, 1, 1, 1}), 1e-12);
        assertEquals(0.0, CodeGraph.modularity(6, edges, new int[6]), 1e-12, "one community");
    }

    /**
     * Partners forming two stars (0,1,2 -> 3 and 4,5,6 -> 7, with 3 <-> 7): Louvain must find the stars;
     * the undirected graph has 7 edges (the mutual pair counts once).
     */
    @Test
    void louvainFindsTheTwoGroupsOfThePartnerGraph() {
        int[] partner = {3, 3, 3, 7, 7, 7, 7, 3};
        CodeGraph g = CodeGraph.of(partner, 7);
        assertEquals(7, g.edges().size());
        assertEquals(g.community()[0], g.community()[3]);
        assertEquals(g.community()[4], g.community()[7]);
        assertTrue(g.community()[0] != g.community()[4]);
        // each star: 3 edges inside, degree 7 (= 3 + 3 + the bridge); Q = 2 * (3/7 - (7/14)^2) = 5/14
        assertEquals(5.0 / 14, g.modularity(), 1e-12);
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7)), g.members());
        CodeGraph again = CodeGraph.of(partner, 7);
        assertArrayEquals(g.community(), again.community(), "seeded");
    }

    @Test
    void samplerReproducesTheClassCovariance() {
        Random r = new Random(3);
        int dim = 3;
        int n = 6;
        float[] z = new float[n * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian() * (1 + i % dim);
        }
        GaussianSampler s = new GaussianSampler(z, dim, new int[] {0, 1, 2, 3, 4, 5});
        float[] mu = {5, -2, 0.5f};
        int draws = 40000;
        float[] out = new float[draws * dim];
        Random g = new Random(11);
        for (int k = 0; k < draws; k++) {
            s.sample(mu, g, out, k * dim);
        }
        for (int a = 0; a < dim; a++) {
            double mean = 0;
            for (int k = 0; k < draws; k++) {
                mean += out[k * dim + a];
            }
            mean /= draws;
            assertEquals(mu[a], mean, 0.05 * Math.sqrt(s.covariance(a, a)) + 0.02, "mean " + a);
            for (int b = 0; b < dim; b++) {
                double meanB = 0;
                for (int k = 0; k < draws; k++) {
                    meanB += out[k * dim + b];
                }
                meanB /= draws;
                double cov = 0;
                for (int k = 0; k < draws; k++) {
                    cov += (out[k * dim + a] - mean) * (out[k * dim + b] - meanB);
                }
                cov /= draws - 1;
                double scale = Math.sqrt(s.covariance(a, a) * s.covariance(b, b));
                assertEquals(s.covariance(a, b), cov, 0.04 * scale, "cov " + a + "," + b);
            }
        }
        // the sample covariance by hand for one entry
        double m0 = 0;
        for (int i = 0; i < n; i++) {
            m0 += z[i * dim];
        }
        m0 /= n;
        double c00 = 0;
        for (int i = 0; i < n; i++) {
            c00 += (z[i * dim] - m0) * (z[i * dim] - m0);
        }
        assertEquals(c00 / (n - 1), s.covariance(0, 0), 1e-9);
    }

    /** With fewer samples than dimensions Sigma is singular; draws stay in the span of the centred samples. */
    @Test
    void samplerHandlesASingularCovariance() {
        int dim = 10;
        float[] z = new float[3 * dim];
        for (int t = 0; t < dim; t++) {
            z[t] = t;
            z[dim + t] = -t;
            z[2 * dim + t] = 2 * t;
        }
        // centred rows are multiples of (0, 1, ..., 9): a rank-1 covariance
        GaussianSampler s = new GaussianSampler(z, dim, new int[] {0, 1, 2});
        float[] out = new float[dim];
        s.sample(new float[dim], new Random(1), out, 0);
        double ratio = out[1];
        assertTrue(Math.abs(ratio) > 1e-6);
        for (int t = 0; t < dim; t++) {
            assertEquals(ratio * t, out[t], 1e-4 * (1 + Math.abs(ratio * t)), "draw on the line of the data");
        }
        assertThrows(IllegalArgumentException.class, () -> new GaussianSampler(z, dim, new int[] {0}));
    }

    @Test
    void mseAgainstDecodedCodes() {
        float[] x = {1, 0, 0, 1};
        float[] decoded = {1, 1, 0, 0};
        // row 0 with code 0: (0 + 1) ; row 1 with code 1: (0 + 1); over 4 entries
        assertEquals(0.5, SvqVaeEvaluator.mse(x, 2, decoded, new int[] {0, 1}), 1e-12);
        assertEquals(0.0, SvqVaeEvaluator.mse(x, 2, new float[] {1, 0, 0, 1}, new int[] {0, 1}), 1e-12);
    }
}
