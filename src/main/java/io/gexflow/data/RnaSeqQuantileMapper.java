package io.gexflow.data;

import java.util.Arrays;

/**
 * Puts an RNA-Seq sample onto the GEO quantile distribution (spec dgex.md, preprocessing step 3),
 * as the reference code does for GTEx and 1000 Genomes: with the sample's sorted unique values
 * {@code u_0 < ... < u_{m-1}}, a value equal to {@code u_i} has position {@code pos = (i + 1) / m}
 * and becomes {@code quantile[int(pos * n_genes) - 1]}, where {@code quantile} is the GEO
 * reference (mean of the r-th smallest values of the training samples).
 */
public final class RnaSeqQuantileMapper {
    private RnaSeqQuantileMapper() {}

    public static void apply(double[] quantile, float[] row, int offset) {
        int n = quantile.length;
        float[] unique = Arrays.copyOfRange(row, offset, offset + n);
        Arrays.sort(unique);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || unique[i] != unique[m - 1]) {
                unique[m++] = unique[i];
            }
        }
        for (int j = 0; j < n; j++) {
            int i = Arrays.binarySearch(unique, 0, m, row[offset + j]);
            double pos = (i + 1.0) / m;
            int rank = (int) (pos * n) - 1;
            row[offset + j] = (float) quantile[Math.max(0, rank)];
        }
    }
}
