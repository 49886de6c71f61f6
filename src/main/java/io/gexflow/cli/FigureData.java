package io.gexflow.cli;

import io.gexflow.eval.History;
import io.gexflow.eval.PerturbFigures;
import io.gexflow.eval.perturb.AteAgreement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Collects evaluate-perturb's {@link PerturbFigures}: the plotted (condition, gene) points of the data ATEs (all
 * when there are at most {@link PerturbFigures#ALL_GENES_LIMIT}, else each condition's top 20 genes by |data ATE|),
 * each run's model ATE at those points, its matched mask probabilities and its history.
 */
final class FigureData {
    private final double[][] dataAte;
    private final List<String> treatments;
    private final boolean[][] truth;
    private final int[][] points;
    private final boolean allGenes;
    private final Map<String, PerturbFigures.Run> runs = new LinkedHashMap<>();

    /** @param truth the simulation's target graph (treatments x true latents), or null */
    FigureData(double[][] dataAte, List<String> treatments, boolean[][] truth) {
        this.dataAte = dataAte;
        this.treatments = treatments;
        this.truth = truth;
        int genes = dataAte.length == 0 ? 0 : dataAte[0].length;
        this.allGenes = (long) dataAte.length * genes <= PerturbFigures.ALL_GENES_LIMIT;
        List<int[]> p = new ArrayList<>();
        for (int c = 0; c < dataAte.length; c++) {
            double[] row = dataAte[c];
            IntStream g = IntStream.range(0, genes);
            if (!allGenes) {
                g = g.boxed().sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(row[j])).thenComparing(j -> j))
                        .limit(AteAgreement.TOP_GENES).mapToInt(Integer::intValue);
            }
            int cc = c;
            g.forEach(j -> p.add(new int[] {cc, j}));
        }
        this.points = p.toArray(int[][]::new);
    }

    /** Adds a run: its model ATEs (conditions x genes, or null), matched mask probabilities (or null), history (or null). */
    void add(String name, double[][] modelAte, double[][] maskEstimate, History history) {
        double[] d = null;
        double[] m = null;
        if (modelAte != null) {
            d = new double[points.length];
            m = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                d[i] = dataAte[points[i][0]][points[i][1]];
                m[i] = modelAte[points[i][0]][points[i][1]];
            }
        }
        PerturbFigures.Graph graph = null;
        if (maskEstimate != null && truth != null) {
            int[][] t = new int[truth.length][];
            for (int a = 0; a < truth.length; a++) {
                t[a] = new int[truth[a].length];
                for (int i = 0; i < truth[a].length; i++) {
                    t[a][i] = truth[a][i] ? 1 : 0;
                }
            }
            graph = new PerturbFigures.Graph(treatments, t, maskEstimate);
        }
        runs.put(name, new PerturbFigures.Run(d, m, graph, history));
    }

    PerturbFigures figures() {
        return new PerturbFigures(allGenes ? "all" : "top20", runs);
    }

    /** Mask probabilities (treatments x inferred latents, row-major) in the columns of the true latents they match. */
    static double[][] matched(float[] probabilities, int treatments, int[] matching) {
        int k = probabilities.length / Math.max(1, treatments);
        double[][] p = new double[treatments][k];
        for (int a = 0; a < treatments; a++) {
            for (int j = 0; j < k; j++) {
                p[a][j] = probabilities[a * k + j];
            }
        }
        return matched(p, matching);
    }

    /** {@code out[a][i] = p[a][matching[i]]} (NaN where true latent i has no match). */
    static double[][] matched(double[][] p, int[] matching) {
        double[][] out = new double[p.length][matching.length];
        for (int a = 0; a < p.length; a++) {
            for (int i = 0; i < matching.length; i++) {
                out[a][i] = matching[i] >= 0 && matching[i] < p[a].length ? p[a][matching[i]] : Double.NaN;
            }
        }
        return out;
    }
}
