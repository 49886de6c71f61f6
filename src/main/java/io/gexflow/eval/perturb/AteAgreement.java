package io.gexflow.eval.perturb;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well a model's ATEs match the data's (data as the truth), over the flattened condition x gene
 * matrix and over each condition's top genes by |data ATE| (pooled over conditions).
 *
 * @param pearson    Pearson r over all conditions x genes
 * @param r2         1 - sum (data - model)^2 / sum (data - mean(data))^2 over the same entries
 * @param pearsonTop Pearson r over each condition's {@code top} genes by |data ATE|
 * @param r2Top      R^2 over the same entries
 * @param conditions the number of conditions compared
 * @param top        the number of genes per condition in the top-gene values
 */
public record AteAgreement(double pearson, double r2, double pearsonTop, double r2Top, int conditions, int top) {
    public static final int TOP_GENES = 20;

    /** Compares {@code model} with {@code data} (conditions x genes, same order), with the spec's top 20 genes. */
    public static AteAgreement of(double[][] data, double[][] model) {
        return of(data, model, TOP_GENES);
    }

    public static AteAgreement of(double[][] data, double[][] model, int top) {
        if (data.length != model.length) {
            throw new IllegalArgumentException(data.length + " data conditions but " + model.length + " model conditions");
        }
        int genes = data.length == 0 ? 0 : data[0].length;
        int k = Math.min(top, genes);
        double[] allD = new double[data.length * genes];
        double[] allM = new double[allD.length];
        double[] topD = new double[data.length * k];
        double[] topM = new double[topD.length];
        for (int c = 0; c < data.length; c++) {
            if (data[c].length != genes || model[c].length != genes) {
                throw new IllegalArgumentException("condition " + c + " has a different number of genes");
            }
            System.arraycopy(data[c], 0, allD, c * genes, genes);
            System.arraycopy(model[c], 0, allM, c * genes, genes);
            double[] row = data[c];
            int[] order = IntStream.range(0, genes).boxed()
                    .sorted(Comparator.comparingDouble((Integer g) -> -Math.abs(row[g])).thenComparing(g -> g))
                    .mapToInt(Integer::intValue).toArray();
            for (int j = 0; j < k; j++) {
                topD[c * k + j] = data[c][order[j]];
                topM[c * k + j] = model[c][order[j]];
            }
        }
        return new AteAgreement(pearson(allD, allM), r2(allD, allM), pearson(topD, topM), r2(topD, topM), data.length, k);
    }

    /** Pearson correlation (NaN when either side is constant or empty). */
    public static double pearson(double[] a, double[] b) {
        int n = a.length;
        if (n == 0) {
            return Double.NaN;
        }
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Coefficient of determination with {@code truth} as the truth (NaN when the truth is constant or empty). */
    public static double r2(double[] truth, double[] predicted) {
        if (truth.length == 0) {
            return Double.NaN;
        }
        double m = Arrays.stream(truth).average().orElse(0);
        double res = 0, tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - m) * (truth[i] - m);
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }
}
