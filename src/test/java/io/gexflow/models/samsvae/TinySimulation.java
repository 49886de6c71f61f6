package io.gexflow.models.samsvae;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.SparseRows;
import io.gexflow.data.perturb.CountSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny SAMS-VAE-like simulation for tests, built in code: K latents, treatment t (of T <= K) shifts
 * latent t by {@code shift} (a one-hot mask), an A+B combination cell group adds both shifts; a random
 * linear decoder, softmax over genes, library sizes 300..1300 and Poisson counts.
 */
final class TinySimulation {
    private TinySimulation() {}

    static PerturbationData make(int genes, int treatments, int latent, int cellsPerGroup, boolean withCombination,
            double shift, long seed) {
        Random r = new Random(seed);
        double[][] w = new double[latent][genes];
        for (double[] row : w) {
            for (int g = 0; g < genes; g++) {
                row[g] = r.nextGaussian();
            }
        }
        List<int[]> groups = new ArrayList<>();
        groups.add(new int[0]);
        for (int t = 0; t < treatments; t++) {
            groups.add(new int[] {t});
        }
        if (withCombination && treatments >= 2) {
            groups.add(new int[] {0, 1});
        }
        List<String> cells = new ArrayList<>();
        List<Integer> cIdx = new ArrayList<>();
        List<Float> cVal = new ArrayList<>();
        List<Integer> dIdx = new ArrayList<>();
        long[] cOff = new long[groups.size() * cellsPerGroup + 1];
        long[] dOff = new long[cOff.length];
        int i = 0;
        for (int[] group : groups) {
            for (int c = 0; c < cellsPerGroup; c++) {
                double[] z = new double[latent];
                for (int k = 0; k < latent; k++) {
                    z[k] = r.nextGaussian();
                }
                for (int t : group) {
                    z[t % latent] += shift;
                    dIdx.add(t);
                }
                double[] logits = new double[genes];
                double max = Double.NEGATIVE_INFINITY;
                for (int g = 0; g < genes; g++) {
                    for (int k = 0; k < latent; k++) {
                        logits[g] += z[k] * w[k][g];
                    }
                    max = Math.max(max, logits[g]);
                }
                double sum = 0;
                for (int g = 0; g < genes; g++) {
                    logits[g] = Math.exp(logits[g] - max);
                    sum += logits[g];
                }
                double library = 300 + 1000 * r.nextDouble();
                int nnz = 0;
                for (int g = 0; g < genes; g++) {
                    long x = CountSampler.poisson(library * logits[g] / sum, r);
                    if (x > 0) {
                        cIdx.add(g);
                        cVal.add((float) x);
                        nnz++;
                    }
                }
                cOff[i + 1] = cOff[i] + nnz;
                dOff[i + 1] = dOff[i] + group.length;
                cells.add("cell" + i);
                i++;
            }
        }
        List<String> geneIds = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            geneIds.add("g" + g);
        }
        List<String> tNames = new ArrayList<>();
        for (int t = 0; t < treatments; t++) {
            tNames.add("T" + t);
        }
        float[] dv = new float[dIdx.size()];
        java.util.Arrays.fill(dv, 1f);
        float[] cv = new float[cVal.size()];
        for (int k = 0; k < cv.length; k++) {
            cv[k] = cVal.get(k);
        }
        return new PerturbationData(cells, geneIds, tNames,
                new SparseRows(i, genes, cOff, cIdx.stream().mapToInt(Integer::intValue).toArray(), cv),
                new SparseRows(i, treatments, dOff, dIdx.stream().mapToInt(Integer::intValue).toArray(), dv));
    }

    /** Every {@code k}-th cell (from {@code offset}): a split that keeps every group. */
    static PerturbationData every(PerturbationData d, int k, int offset, boolean keep) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < d.cells().size(); i++) {
            if ((i % k == offset) == keep) {
                rows.add(i);
            }
        }
        return d.select(rows.stream().mapToInt(Integer::intValue).toArray());
    }
}
