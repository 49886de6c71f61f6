package io.gexflow.models.svqvae;

/** Code usage and nearest-code classification, from code indices (plain Java, for exact tests). */
public final class CodeStatistics {
    private CodeStatistics() {}

    /**
     * Codebook-usage perplexity of the reference code: exp(-sum_k p_k log(p_k + 1e-10)), p_k the fraction
     * of the assignments that are code k. 1 when one code takes everything; K when all are used equally.
     */
    public static double perplexity(int[] assignment, int codes) {
        return perplexity(assignment, 0, assignment.length, codes);
    }

    /** Perplexity of {@code assignment[from, to)}. */
    public static double perplexity(int[] assignment, int from, int to, int codes) {
        if (to <= from) {
            return Double.NaN;
        }
        long[] counts = new long[codes];
        for (int i = from; i < to; i++) {
            counts[assignment[i]]++;
        }
        double h = 0;
        for (long c : counts) {
            double p = (double) c / (to - from);
            h -= p * Math.log(p + 1e-10);
        }
        return Math.exp(h);
    }

    /** Fraction of rows whose predicted index equals the label. */
    public static double accuracy(int[] predicted, int[] labels) {
        int hit = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                hit++;
            }
        }
        return labels.length == 0 ? Double.NaN : (double) hit / labels.length;
    }

    /** counts[c][k]: rows of class c whose code is k. */
    public static long[][] frequency(int[] labels, int classes, int[] codes, int nCodes) {
        long[][] f = new long[classes][nCodes];
        for (int i = 0; i < labels.length; i++) {
            f[labels[i]][codes[i]]++;
        }
        return f;
    }

    /**
     * The class each code stands for by majority vote of the training rows assigned to it (ties: the lower
     * class index; a code no row uses: -1). Classification by this map is how a VQ-VAE's unsupervised
     * codes can be scored at all.
     */
    public static int[] majorityClass(long[][] frequency, int nCodes) {
        int[] map = new int[nCodes];
        for (int k = 0; k < nCodes; k++) {
            long best = 0;
            map[k] = -1;
            for (int c = 0; c < frequency.length; c++) {
                if (frequency[c][k] > best) {
                    best = frequency[c][k];
                    map[k] = c;
                }
            }
        }
        return map;
    }

    /** Maps code indices through {@code map}. */
    public static int[] mapped(int[] codes, int[] map) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = map[codes[i]];
        }
        return out;
    }
}
