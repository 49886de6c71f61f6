package io.gexflow.models.svae;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny sVAE-style simulation for the tests (not the product simulator): {@code latents} true latents;
 * each of {@code interventions} interventions shifts 1 or 2 of them by +-N(shift, 0.3); z ~ N(shift_a, I)
 * (controls: N(0, I)); a random two-layer decoder h = LeakyReLU_0.2(W1 z), logits = W2 h, softmax over genes;
 * library ~ U(1000, 3000); x ~ Poisson(library * p).
 */
public final class TinySimulation {
    public record Sim(PerturbationData data, double[][] latents, boolean[][] targets) {}

    private TinySimulation() {}

    public static Sim of(long seed, int latents, int interventions, int cellsPerGroup, int genes, double shift) {
        Random r = new Random(seed);
        double[][] mean = new double[interventions][latents];
        boolean[][] targets = new boolean[interventions][latents];
        for (int a = 0; a < interventions; a++) {
            int n = 1 + r.nextInt(2);
            for (int c = 0; c < n; c++) {
                int i;
                do {
                    i = r.nextInt(latents);
                } while (targets[a][i]);
                targets[a][i] = true;
                mean[a][i] = (r.nextBoolean() ? 1 : -1) * (shift + 0.3 * r.nextGaussian());
            }
        }
        int hidden = 16;
        double[][] w1 = gaussian(r, hidden, latents, 1 / Math.sqrt(latents));
        double[][] w2 = gaussian(r, genes, hidden, 2 / Math.sqrt(hidden));
        int cells = (interventions + 1) * cellsPerGroup;
        double[][] z = new double[cells][latents];
        List<String> ids = new ArrayList<>();
        List<String> treatments = new ArrayList<>();
        for (int a = 0; a < interventions; a++) {
            treatments.add("t" + a);
        }
        long[] dOff = new long[cells + 1];
        List<Integer> dIdx = new ArrayList<>();
        long[] cOff = new long[cells + 1];
        List<Integer> cIdx = new ArrayList<>();
        List<Float> cVal = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            int a = i / cellsPerGroup - 1; // -1: control
            ids.add("c" + i);
            if (a >= 0) {
                dIdx.add(a);
            }
            dOff[i + 1] = dIdx.size();
            for (int k = 0; k < latents; k++) {
                z[i][k] = (a >= 0 ? mean[a][k] : 0) + r.nextGaussian();
            }
            double[] h = new double[hidden];
            for (int u = 0; u < hidden; u++) {
                double s = 0;
                for (int k = 0; k < latents; k++) {
                    s += w1[u][k] * z[i][k];
                }
                h[u] = s > 0 ? s : 0.2 * s;
            }
            double[] logit = new double[genes];
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < genes; g++) {
                double s = 0;
                for (int u = 0; u < hidden; u++) {
                    s += w2[g][u] * h[u];
                }
                logit[g] = s;
                max = Math.max(max, s);
            }
            double total = 0;
            for (int g = 0; g < genes; g++) {
                logit[g] = Math.exp(logit[g] - max);
                total += logit[g];
            }
            double library = 1000 + 2000 * r.nextDouble();
            for (int g = 0; g < genes; g++) {
                int x = poisson(r, library * logit[g] / total);
                if (x > 0) {
                    cIdx.add(g);
                    cVal.add((float) x);
                }
            }
            cOff[i + 1] = cIdx.size();
        }
        List<String> geneIds = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            geneIds.add("g" + g);
        }
        float[] dVal = new float[dIdx.size()];
        java.util.Arrays.fill(dVal, 1f);
        SparseRows dosage = new SparseRows(cells, interventions, dOff, dIdx.stream().mapToInt(Integer::intValue).toArray(), dVal);
        float[] cv = new float[cVal.size()];
        for (int k = 0; k < cv.length; k++) {
            cv[k] = cVal.get(k);
        }
        SparseRows counts = new SparseRows(cells, genes, cOff, cIdx.stream().mapToInt(Integer::intValue).toArray(), cv);
        return new Sim(new PerturbationData(ids, geneIds, treatments, counts, dosage), z, targets);
    }

    private static double[][] gaussian(Random r, int rows, int cols, double sd) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * r.nextGaussian();
            }
        }
        return w;
    }

    /** Knuth's method below 30, a rounded normal above (a test fixture, not a sampler to reuse). */
    private static int poisson(Random r, double lambda) {
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }
}
