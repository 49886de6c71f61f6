package io.gexflow.models.svqvae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

/**
 * The paper's nearest-partner graph of the codes: an arc from every code to its nearest other code.
 * Communities come from the Louvain algorithm (CWTS networkanalysis) maximising Newman-Girvan
 * modularity. Modularity is defined for undirected graphs, and Louvain works on them, so the arcs are
 * taken as undirected edges of weight 1 (a mutual pair i->j, j->i is one edge): the graph the directed
 * one gives when its direction is dropped, as Gephi and networkx's default treat it.
 *
 * @param partner partner[i] = the code that code i points to
 * @param community community of every code, 0 the largest (ties: by lowest member)
 * @param modularity Newman-Girvan modularity of that partition
 */
public record CodeGraph(int[] partner, int[] community, double modularity, List<int[]> edges) {
    /** Louvain random starts; the best partition by modularity is kept. */
    public static final int RANDOM_STARTS = 20;
    private static final int ITERATIONS = 10;

    /** Undirected edges {i, j} (i &lt; j) of the partner arcs, sorted. */
    public static List<int[]> undirectedEdges(int[] partner) {
        TreeSet<Long> set = new TreeSet<>();
        for (int i = 0; i < partner.length; i++) {
            int j = partner[i];
            if (j >= 0 && j != i) {
                set.add((long) Math.min(i, j) * partner.length + Math.max(i, j));
            }
        }
        List<int[]> edges = new ArrayList<>();
        for (long e : set) {
            edges.add(new int[] {(int) (e / partner.length), (int) (e % partner.length)});
        }
        return edges;
    }

    /**
     * Newman-Girvan modularity of an undirected, unweighted graph:
     * Q = sum_c [ L_c / m - (d_c / 2m)^2 ], L_c the edges inside community c, d_c its total degree.
     */
    public static double modularity(int nodes, List<int[]> edges, int[] community) {
        if (edges.isEmpty()) {
            return 0;
        }
        int nc = Arrays.stream(community).max().orElse(0) + 1;
        double[] inside = new double[nc];
        double[] degree = new double[nc];
        for (int[] e : edges) {
            degree[community[e[0]]]++;
            degree[community[e[1]]]++;
            if (community[e[0]] == community[e[1]]) {
                inside[community[e[0]]]++;
            }
        }
        double m = edges.size();
        double q = 0;
        for (int c = 0; c < nc; c++) {
            q += inside[c] / m - (degree[c] / (2 * m)) * (degree[c] / (2 * m));
        }
        return q;
    }

    /** The graph of the given partners, with Louvain communities (seeded). */
    public static CodeGraph of(int[] partner, long seed) {
        int n = partner.length;
        List<int[]> edges = undirectedEdges(partner);
        int[] community = new int[n];
        if (!edges.isEmpty()) {
            LargeIntArray[] arcs = {new LargeIntArray(edges.size()), new LargeIntArray(edges.size())};
            LargeDoubleArray weights = new LargeDoubleArray(edges.size());
            for (int e = 0; e < edges.size(); e++) {
                arcs[0].set(e, edges.get(e)[0]);
                arcs[1].set(e, edges.get(e)[1]);
                weights.set(e, 1.0);
            }
            // node weights = degrees and resolution 1 / 2m turn the library's CPM quality into modularity
            Network network = new Network(n, true, arcs, weights, false, true);
            double resolution = 1.0 / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
            LouvainAlgorithm louvain = new LouvainAlgorithm(resolution, ITERATIONS, new Random(seed));
            Clustering best = null;
            double bestQ = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < RANDOM_STARTS; s++) {
                Clustering c = new Clustering(n);
                louvain.improveClustering(network, c);
                double q = modularity(n, edges, c.getClusters());
                if (q > bestQ + 1e-12) {
                    bestQ = q;
                    best = c;
                }
            }
            community = canonical(best.getClusters());
        }
        return new CodeGraph(partner.clone(), community, modularity(n, edges, community), edges);
    }

    /** Renumbers communities: largest first, ties by their lowest member. */
    static int[] canonical(int[] clusters) {
        int n = clusters.length;
        int max = Arrays.stream(clusters).max().orElse(0) + 1;
        int[] size = new int[max];
        int[] first = new int[max];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            size[clusters[i]]++;
            first[clusters[i]] = Math.min(first[clusters[i]], i);
        }
        List<Integer> ids = new ArrayList<>();
        for (int c = 0; c < max; c++) {
            if (size[c] > 0) {
                ids.add(c);
            }
        }
        ids.sort((a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(first[a], first[b]));
        int[] rename = new int[max];
        for (int r = 0; r < ids.size(); r++) {
            rename[ids.get(r)] = r;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rename[clusters[i]];
        }
        return out;
    }

    /** Members of every community, in community order. */
    public List<List<Integer>> members() {
        int nc = Arrays.stream(community).max().orElse(-1) + 1;
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < community.length; i++) {
            out.get(community[i]).add(i);
        }
        return out;
    }
}
