package io.gexflow.data.perturb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The two simulators of the perturbation spec (Data section), the ground truth for latent and target
 * recovery. Both are seeded: the same settings and seed give the same cells, counts and truth.
 *
 * <p><b>sVAE</b> (Lopez et al. 2023): each intervention targets 1-3 distinct latents, each target shifted by
 * ±N(5, 0.5) (random sign); every cell's intervention is drawn uniformly with replacement; z ~ N(shift, I);
 * a decoder of 3 LeakyReLU(0.2) layers of width 40 and a linear output, no biases, every weight matrix
 * orthogonalised and scaled by sqrt(2 / (1 + 0.2^2)) * sqrt(2 / (fan_in + fan_out)); the logits are divided by
 * their standard deviation, the softmax is taken ACROSS CELLS (per gene), and x ~ Poisson(1e6 p).
 * Splits: interventions in the last {@code heldOutFraction} of the list are "test" (the transfer protocol's
 * held-out interventions); the other cells are "train" or, with probability {@code valFraction}, "val".
 *
 * <p><b>SAMS-VAE</b> (Bereket and Karaletsos 2023): per treatment and latent a mask M ~ Bernoulli(2/15) and an
 * effect E with |E| ~ N(5, 0.5) and a random sign; z = z_basal + E * M with z_basal ~ N(0, I); a decoder of 4
 * LeakyReLU(0.2) layers of width 50 and a linear output, orthogonal weights (not scaled), no biases; x =
 * f(z) + Gaussian noise whose variance is 20% of each gene's variance of f(z) across cells (so values are
 * real numbers, not counts). Cells per treatment: train / val / test (500 / 100 / 100 by default), in
 * treatment blocks.
 *
 * <p>Both may add control cells (an empty row of D, no shift): {@code controls} extra groups drawn like an
 * intervention that targets nothing; 0 by default, as in the papers.
 */
public final class PerturbationSimulator {
    static final double NEG_SLOPE = 0.2;
    public static final String CONTROL = "control";

    private PerturbationSimulator() {}

    /** sVAE settings; the spec's defaults are {@link #svaeDefaults()}. */
    public record SvaeSettings(int interventions, int cellsPerIntervention, int latent, int genes, int width,
            double shiftMean, double shiftSd, double heldOutFraction, double valFraction, int controls, long seed) {
        public SvaeSettings {
            positive("interventions", interventions);
            positive("cells per intervention", cellsPerIntervention);
            positive("latent", latent);
            positive("genes", genes);
            positive("width", width);
            if (controls < 0 || heldOutFraction < 0 || heldOutFraction >= 1 || valFraction < 0 || valFraction >= 1) {
                throw new IllegalArgumentException("controls must be >= 0 and the fractions in [0, 1)");
            }
        }
    }

    public static SvaeSettings svaeDefaults() {
        return new SvaeSettings(100, 500, 30, 100, 40, 5.0, 0.5, 0.2, 0.1, 0, 0);
    }

    /** SAMS-VAE settings; the spec's defaults are {@link #samsDefaults()}. */
    public record SamsSettings(int treatments, int trainCells, int valCells, int testCells, int latent, int genes,
            int width, int layers, double maskProbability, double effectMean, double effectSd, double noiseFraction,
            int controls, long seed) {
        public SamsSettings {
            positive("treatments", treatments);
            positive("latent", latent);
            positive("genes", genes);
            positive("width", width);
            positive("layers", layers);
            if (trainCells < 0 || valCells < 0 || testCells < 0 || trainCells + valCells + testCells == 0 || controls < 0) {
                throw new IllegalArgumentException("cells per split must be >= 0 and not all 0; controls >= 0");
            }
            if (!(maskProbability >= 0 && maskProbability <= 1) || noiseFraction < 0) {
                throw new IllegalArgumentException("mask probability must be in [0, 1] and the noise fraction >= 0");
            }
        }
    }

    public static SamsSettings samsDefaults() {
        return new SamsSettings(100, 500, 100, 100, 15, 100, 50, 4, 2.0 / 15, 5.0, 0.5, 0.2, 0, 0);
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, is " + v);
        }
    }

    /**
     * A simulated set: the data (counts and D), each cell's split, and the truth.
     *
     * @param split      per cell: train, val or test
     * @param latents    cells x latent, row-major: each cell's z
     * @param masks      treatments x latent: 1 where the treatment acts on the latent
     * @param shifts     treatments x latent: the shift (sVAE) or effect E * M (SAMS-VAE) of each treatment
     * @param effects    treatments x latent: SAMS-VAE's unmasked effects E (the sVAE's unmasked shifts)
     */
    public record Result(PerturbationData data, List<String> split, int latent, double[] latents, int[][] masks,
            double[][] shifts, double[][] effects) {
    }

    // ---- sVAE -----------------------------------------------------------------------------------

    public static Result svae(SvaeSettings s) {
        Random rng = new Random(s.seed());
        int nInt = s.interventions();
        int k = s.latent();
        int[][] masks = new int[nInt][k];
        double[][] raw = new double[nInt][k];
        double[][] shifts = new double[nInt][k];
        for (int a = 0; a < nInt; a++) {
            int nTargets = 1 + rng.nextInt(3);
            int[] order = permutation(k, rng);
            for (int j = 0; j < Math.min(nTargets, k); j++) {
                masks[a][order[j]] = 1;
            }
            for (int j = 0; j < k; j++) {
                double sign = rng.nextBoolean() ? 1 : -1;
                raw[a][j] = sign * (s.shiftMean() + s.shiftSd() * rng.nextGaussian());
                shifts[a][j] = masks[a][j] == 1 ? raw[a][j] : 0.0; // no -0.0 in the truth
            }
        }
        int groups = nInt + s.controls();
        int cells = nInt * s.cellsPerIntervention();
        int[] group = new int[cells];
        for (int i = 0; i < cells; i++) {
            group[i] = rng.nextInt(groups); // each cell's intervention, drawn with replacement
        }
        Arrays.sort(group); // cells grouped by intervention, controls last
        double[] z = new double[cells * k];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < k; j++) {
                z[i * k + j] = (group[i] < nInt ? shifts[group[i]][j] : 0) + rng.nextGaussian();
            }
        }
        int[] dims = {k, s.width(), s.width(), s.width(), s.genes()};
        double[][][] w = decoder(dims, true, rng);
        double[] logits = forward(z, cells, dims, w);
        double sd = sd(logits);
        int g = s.genes();
        double[] colMax = new double[g];
        Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                logits[i * g + j] /= sd;
                colMax[j] = Math.max(colMax[j], logits[i * g + j]);
            }
        }
        double[] colSum = new double[g];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                double e = Math.exp(logits[i * g + j] - colMax[j]);
                logits[i * g + j] = e;
                colSum[j] += e;
            }
        }
        int heldOutFrom = nInt - (int) Math.round(s.heldOutFraction() * nInt);
        List<String> split = new ArrayList<>(cells);
        Csr counts = new Csr(cells);
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                double lambda = 1e6 * logits[i * g + j] / colSum[j];
                long x = CountSampler.poisson(lambda, rng);
                if (x != 0) {
                    counts.add(j, x);
                }
            }
            counts.endRow();
            boolean heldOut = group[i] < nInt && group[i] >= heldOutFrom;
            split.add(heldOut ? "test" : rng.nextDouble() < s.valFraction() ? "val" : "train");
        }
        return result(names("int", nInt), group, nInt, g, counts, split, k, z, masks, shifts, raw);
    }

    // ---- SAMS-VAE -------------------------------------------------------------------------------

    public static Result sams(SamsSettings s) {
        Random rng = new Random(s.seed());
        int nT = s.treatments();
        int k = s.latent();
        int[][] masks = new int[nT][k];
        double[][] effects = new double[nT][k];
        double[][] shifts = new double[nT][k];
        for (int t = 0; t < nT; t++) {
            for (int j = 0; j < k; j++) {
                masks[t][j] = rng.nextDouble() < s.maskProbability() ? 1 : 0;
                double sign = rng.nextBoolean() ? 1 : -1;
                effects[t][j] = sign * Math.abs(s.effectMean() + s.effectSd() * rng.nextGaussian());
                shifts[t][j] = masks[t][j] == 1 ? effects[t][j] : 0.0;
            }
        }
        int groups = nT + s.controls();
        int perGroup = s.trainCells() + s.valCells() + s.testCells();
        int cells = groups * perGroup;
        int[] group = new int[cells];
        List<String> split = new ArrayList<>(cells);
        double[] z = new double[cells * k];
        for (int gr = 0, i = 0; gr < groups; gr++) {
            for (int c = 0; c < perGroup; c++, i++) {
                group[i] = gr;
                split.add(c < s.trainCells() ? "train" : c < s.trainCells() + s.valCells() ? "val" : "test");
                for (int j = 0; j < k; j++) {
                    z[i * k + j] = rng.nextGaussian() + (gr < nT ? shifts[gr][j] : 0);
                }
            }
        }
        int[] dims = new int[s.layers() + 2];
        dims[0] = k;
        Arrays.fill(dims, 1, s.layers() + 1, s.width());
        dims[s.layers() + 1] = s.genes();
        double[][][] w = decoder(dims, false, rng);
        double[] mean = forward(z, cells, dims, w);
        int g = s.genes();
        double[] noiseSd = new double[g];
        for (int j = 0; j < g; j++) {
            double m = 0;
            double m2 = 0;
            for (int i = 0; i < cells; i++) {
                double v = mean[i * g + j];
                m += v;
                m2 += v * v;
            }
            m /= cells;
            double var = Math.max(0, m2 / cells - m * m);
            noiseSd[j] = Math.sqrt(s.noiseFraction() * var);
        }
        Csr values = new Csr(cells);
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < g; j++) {
                float x = (float) (mean[i * g + j] + noiseSd[j] * rng.nextGaussian());
                if (x != 0) {
                    values.add(j, x);
                }
            }
            values.endRow();
        }
        return result(names("t", nT), group, nT, g, values, split, k, z, masks, shifts, effects);
    }

    // ---- shared ---------------------------------------------------------------------------------

    private static Result result(List<String> treatments, int[] group, int nTreat, int genes, Csr counts, List<String> split,
            int k, double[] z, int[][] masks, double[][] shifts, double[][] raw) {
        int cells = group.length;
        List<String> ids = new ArrayList<>(cells);
        long[] doff = new long[cells + 1];
        int nd = 0;
        for (int i = 0; i < cells; i++) {
            ids.add("cell" + i);
            if (group[i] < nTreat) {
                nd++;
            }
            doff[i + 1] = nd;
        }
        int[] didx = new int[nd];
        float[] dval = new float[nd];
        for (int i = 0, at = 0; i < cells; i++) {
            if (group[i] < nTreat) {
                didx[at] = group[i];
                dval[at++] = 1f;
            }
        }
        List<String> geneNames = names("gene", genes);
        PerturbationData data = new PerturbationData(ids, geneNames, treatments, counts.build(genes),
                new SparseRows(cells, nTreat, doff, didx, dval));
        return new Result(data, split, k, z, masks, shifts, raw);
    }

    private static List<String> names(String prefix, int n) {
        int width = Integer.toString(Math.max(0, n - 1)).length();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + String.format("%0" + width + "d", i));
        }
        return out;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Weight matrices dims[l] x dims[l+1], orthogonalised; with {@code scaled} (sVAE) also multiplied by the
     * LeakyReLU gain times sqrt(2 / (fan_in + fan_out)); SAMS-VAE's decoder is plain orthogonal, so its output
     * keeps the scale of z instead of shrinking fivefold per layer.
     */
    static double[][][] decoder(int[] dims, boolean scaled, Random rng) {
        double[][][] w = new double[dims.length - 1][][];
        double gain = Math.sqrt(2 / (1 + NEG_SLOPE * NEG_SLOPE));
        for (int l = 0; l < w.length; l++) {
            w[l] = orthogonal(dims[l], dims[l + 1], rng);
            double scale = scaled ? gain * Math.sqrt(2.0 / (dims[l] + dims[l + 1])) : 1.0;
            for (double[] row : w[l]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= scale;
                }
            }
        }
        return w;
    }

    /**
     * A Gaussian a x b matrix made orthogonal along its smaller side by modified Gram-Schmidt: orthonormal rows
     * when a &lt;= b, orthonormal columns otherwise (a QR of a Gaussian matrix, up to signs).
     */
    static double[][] orthogonal(int a, int b, Random rng) {
        double[][] m = new double[a][b];
        for (double[] row : m) {
            for (int j = 0; j < b; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        boolean rows = a <= b;
        int n = rows ? a : b;
        int len = rows ? b : a;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int q = 0; q < len; q++) {
                    dot += at(m, rows, i, q) * at(m, rows, p, q);
                }
                for (int q = 0; q < len; q++) {
                    set(m, rows, i, q, at(m, rows, i, q) - dot * at(m, rows, p, q));
                }
            }
            double norm = 0;
            for (int q = 0; q < len; q++) {
                norm += at(m, rows, i, q) * at(m, rows, i, q);
            }
            norm = Math.sqrt(norm);
            for (int q = 0; q < len; q++) {
                set(m, rows, i, q, at(m, rows, i, q) / norm);
            }
        }
        return m;
    }

    private static double at(double[][] m, boolean rows, int vec, int q) {
        return rows ? m[vec][q] : m[q][vec];
    }

    private static void set(double[][] m, boolean rows, int vec, int q, double v) {
        if (rows) {
            m[vec][q] = v;
        } else {
            m[q][vec] = v;
        }
    }

    /** LeakyReLU after every layer but the last; no biases. */
    static double[] forward(double[] z, int cells, int[] dims, double[][][] w) {
        double[] h = z;
        for (int l = 0; l < w.length; l++) {
            int in = dims[l];
            int out = dims[l + 1];
            double[] next = new double[cells * out];
            for (int i = 0; i < cells; i++) {
                for (int p = 0; p < in; p++) {
                    double v = h[i * in + p];
                    if (v == 0) {
                        continue;
                    }
                    double[] row = w[l][p];
                    for (int q = 0; q < out; q++) {
                        next[i * out + q] += v * row[q];
                    }
                }
            }
            if (l < w.length - 1) {
                for (int q = 0; q < next.length; q++) {
                    if (next[q] < 0) {
                        next[q] *= NEG_SLOPE;
                    }
                }
            }
            h = next;
        }
        return h;
    }

    static double sd(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }

    /** Growing CSR arrays. */
    private static final class Csr {
        final long[] off;
        int[] idx = new int[1024];
        float[] val = new float[1024];
        int n;
        int row;

        Csr(int rows) {
            off = new long[rows + 1];
        }

        void add(int j, double v) {
            if (n == idx.length) {
                idx = Arrays.copyOf(idx, n * 2);
                val = Arrays.copyOf(val, n * 2);
            }
            idx[n] = j;
            val[n++] = (float) v;
        }

        void endRow() {
            off[++row] = n;
        }

        SparseRows build(int columns) {
            return new SparseRows(row, columns, off, Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
        }
    }
}
