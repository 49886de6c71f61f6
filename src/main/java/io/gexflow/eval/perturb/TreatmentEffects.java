package io.gexflow.eval.perturb;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.SparseRows;

/**
 * Average treatment effects (ATE) on log-normalised expression, the spec's definition:
 * {@code ATE_c[g] = mean over cells of condition c of f(x)[g] - mean over control cells of f(x)[g]} with
 * {@code f(x)[g] = log2(1e4 x_g / sum_g' x_g' + 1)}. Memory is one dense row at a time.
 */
public final class TreatmentEffects {
    /** The library size the transform normalises to. */
    public static final double SCALE = 1e4;

    private TreatmentEffects() {}

    /** f(x) = log2(1e4 x / sum(x) + 1) of one cell (all zeros for an empty cell). */
    public static double[] logNormalised(float[] counts) {
        double total = 0;
        for (float c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        if (total <= 0) {
            return out;
        }
        double log2 = Math.log(2);
        for (int g = 0; g < counts.length; g++) {
            out[g] = Math.log1p(SCALE * counts[g] / total) / log2;
        }
        return out;
    }

    /** The mean of f(x) over the given rows (zeros when there are none). */
    public static double[] meanLogNormalised(SparseRows counts, int[] rows) {
        double[] sum = new double[counts.columns()];
        for (int i : rows) {
            double[] f = logNormalised(counts.denseRow(i));
            for (int g = 0; g < sum.length; g++) {
                sum[g] += f[g];
            }
        }
        if (rows.length > 0) {
            for (int g = 0; g < sum.length; g++) {
                sum[g] /= rows.length;
            }
        }
        return sum;
    }

    /** The data ATE of every condition ({@link Conditions} order) against the data's controls: conditions x genes. */
    public static double[][] dataAte(PerturbationData d, Conditions c) {
        if (c.controls().length == 0) {
            throw new IllegalArgumentException("the data have no control cells (empty dosage rows): no ATE");
        }
        double[] control = meanLogNormalised(d.counts(), c.controls());
        double[][] ate = new double[c.size()][];
        for (int k = 0; k < c.size(); k++) {
            double[] mean = meanLogNormalised(d.counts(), c.cells().get(k));
            for (int g = 0; g < mean.length; g++) {
                mean[g] -= control[g];
            }
            ate[k] = mean;
        }
        return ate;
    }
}
