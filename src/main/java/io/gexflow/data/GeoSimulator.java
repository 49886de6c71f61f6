package io.gexflow.data;

import io.gexflow.io.GeneMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates a small GEO-format data set for the D-GEX track: probe-level log2 expression (range
 * about 4..15 as in bgedv2), samples x probes, plus D-GEX-style landmark and target gene maps.
 *
 * <p>Model: k latent factors {@code z ~ N(0, I)} per sample. Landmark gene g:
 * {@code mu_g + s_g * (a_g . z) + noise}. Target gene t mixes a linear, a saturating and a quadratic
 * function of projections of z: {@code mu_t + s_t * (w1 u + w2 tanh(2 v) + w3 (q^2 - 1) / sqrt 2) + noise}
 * with unit-norm projections u, v, q. The quadratic and saturating parts are what a linear model of
 * the landmarks cannot capture and a tanh network can. Each gene is measured by one or two probes
 * (probe = gene + affinity offset + probe noise), and some probes map to no gene, as on HG-U133A.
 */
public final class GeoSimulator {
    public record Settings(int samples, int landmarks, int targets, int latent, int unmappedProbes, double noise, long seed,
            int gtexSamples, int geuvadisSamples) {}

    public record Result(List<String> probes, List<String> samples, float[] sampleMajor, GeneMap landmarkMap,
            GeneMap targetMap, Map<String, List<String>> probeMeta, RnaSeq gtex, RnaSeq geuvadis) {}

    /**
     * An RNA-Seq data set of the same genes (GTEx-like or 1000 Genomes-like): RPKM
     * {@code = 2^(g - 6) * exp(0.25 e)}, e ~ N(0, 1), a monotone transform of the log2 expression g
     * with multiplicative noise, plus genes outside the maps. Ids are versioned Ensembl ids.
     */
    public record RnaSeq(List<String> genes, List<String> symbols, List<String> samples, float[] sampleMajor) {}

    private GeoSimulator() {}

    public static Result simulate(Settings s) {
        Random r = new Random(s.seed());
        int k = s.latent();
        List<String> probes = new ArrayList<>();
        List<String> probeGene = new ArrayList<>();
        List<GeneMap.Gene> lm = new ArrayList<>();
        List<GeneMap.Gene> tg = new ArrayList<>();
        int nGenes = s.landmarks() + s.targets();
        double[][] proj = new double[nGenes][];
        double[][] proj2 = new double[nGenes][];
        double[][] proj3 = new double[nGenes][];
        double[] mu = new double[nGenes];
        double[] scale = new double[nGenes];
        double[][] mix = new double[nGenes][3];
        List<Integer> probeOf = new ArrayList<>();
        List<Double> offset = new ArrayList<>();
        int probeNo = 1000;
        for (int g = 0; g < nGenes; g++) {
            boolean landmark = g < s.landmarks();
            String symbol = String.format(Locale.ROOT, landmark ? "LM%04d" : "TG%05d", landmark ? g + 1 : g - s.landmarks() + 1);
            String ensg = String.format(Locale.ROOT, "ENSG%011d", 900000 + g);
            proj[g] = unit(r, k);
            proj2[g] = unit(r, k);
            proj3[g] = unit(r, k);
            mu[g] = 6 + 6 * r.nextDouble();
            scale[g] = 0.5 + r.nextDouble();
            double w1 = r.nextDouble();
            double w2 = r.nextDouble();
            double w3 = r.nextDouble();
            double norm = Math.sqrt(w1 * w1 + w2 * w2 + w3 * w3);
            mix[g] = new double[] {w1 / norm, w2 / norm, w3 / norm};
            int nProbes = r.nextDouble() < 0.3 ? 2 : 1;
            List<String> ps = new ArrayList<>();
            for (int p = 0; p < nProbes; p++) {
                String id = (probeNo++) + (p == 0 ? "_at" : "_s_at");
                ps.add(id);
                probes.add(id);
                probeGene.add(symbol);
                probeOf.add(g);
                offset.add(0.4 * r.nextDouble() - 0.2);
            }
            (landmark ? lm : tg).add(new GeneMap.Gene(symbol, ensg, List.copyOf(ps)));
        }
        for (int u = 0; u < s.unmappedProbes(); u++) {
            probes.add("AFFX-" + (probeNo++) + "_at");
            probeGene.add(null);
            probeOf.add(-1);
            offset.add(4 + 8 * r.nextDouble());
        }
        // shuffle probe order so that genes are not contiguous rows, as in a real platform file
        int np = probes.size();
        int[] perm = Minibatches.identity(np);
        Minibatches.shuffle(perm, r);
        List<String> probeIds = new ArrayList<>();
        List<String> probeSymbols = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            probeIds.add(probes.get(perm[i]));
            probeSymbols.add(probeGene.get(perm[i]));
        }
        GeneLevel genes = (z, rng) -> {
            double[] gene = new double[nGenes];
            for (int g = 0; g < nGenes; g++) {
                double u = dot(proj[g], z);
                double signal;
                if (g < s.landmarks()) {
                    signal = u;
                } else {
                    double v = dot(proj2[g], z);
                    double q = dot(proj3[g], z);
                    signal = mix[g][0] * u + mix[g][1] * Math.tanh(2 * v) + mix[g][2] * (q * q - 1) / Math.sqrt(2);
                }
                gene[g] = mu[g] + scale[g] * signal + s.noise() * rng.nextGaussian();
            }
            return gene;
        };
        List<String> samples = new ArrayList<>();
        float[] x = new float[s.samples() * np];
        for (int n = 0; n < s.samples(); n++) {
            samples.add(String.format(Locale.ROOT, "GSM%07d", 100000 + n));
            double[] gene = genes.sample(latent(r, k), r);
            for (int i = 0; i < np; i++) {
                int p = perm[i];
                int g = probeOf.get(p);
                double v = g >= 0 ? gene[g] + offset.get(p) + 0.1 * r.nextGaussian() : offset.get(p) + 0.5 * r.nextGaussian();
                x[n * np + i] = (float) v;
            }
        }
        List<String> ensembl = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (GeneMap.Gene g : lm) {
            ensembl.add(g.ensembl());
            symbols.add(g.symbol());
        }
        for (GeneMap.Gene g : tg) {
            ensembl.add(g.ensembl());
            symbols.add(g.symbol());
        }
        RnaSeq gtex = rnaSeq("GTEX-", s.gtexSamples(), ensembl, symbols, genes, r, k, s.unmappedProbes());
        RnaSeq geuvadis = rnaSeq("HG", s.geuvadisSamples(), ensembl, symbols, genes, r, k, s.unmappedProbes());
        Map<String, List<String>> meta = new LinkedHashMap<>();
        meta.put("pr_gene_symbol", probeSymbols);
        return new Result(probeIds, samples, x, new GeneMap(List.copyOf(lm)), new GeneMap(List.copyOf(tg)), meta, gtex,
                geuvadis);
    }

    /**
     * A GEO-format data set on given gene maps (e.g. the published D-GEX maps): the rows are the maps'
     * probe ids plus {@code controlProbes} Affymetrix control probes ({@code AFFX-...}) in no map, in a
     * seeded order. Genes are keyed by Ensembl id, so a gene that is both a landmark and a target is one
     * gene measured by its landmark probe and by its target probes. Landmark genes follow the latent
     * factors linearly, target genes mix linear, saturating and quadratic terms, as in
     * {@link #simulate}. Values are rounded to multiples of {@code quantum} (0: not rounded), which
     * keeps a deflated GCTX small. The RNA-Seq sets hold one row per gene with versioned Ensembl ids
     * (so {@code ENSGR...} ids stay {@code ENSGR...}), plus {@code controlProbes} genes in no map.
     */
    public static Result simulateOnMaps(GeneMap landmarkMap, GeneMap targetMap, int samples, int latent, int controlProbes,
            double noise, double quantum, long seed, int gtexSamples, int geuvadisSamples) {
        Random r = new Random(seed);
        int k = latent;
        Map<String, Integer> geneOf = new LinkedHashMap<>();
        List<String> geneSymbols = new ArrayList<>();
        List<Boolean> isLandmark = new ArrayList<>();
        for (GeneMap map : List.of(landmarkMap, targetMap)) {
            for (GeneMap.Gene g : map.genes()) {
                if (geneOf.putIfAbsent(g.ensembl(), geneOf.size()) == null) {
                    geneSymbols.add(g.symbol());
                    isLandmark.add(map == landmarkMap);
                }
            }
        }
        int nGenes = geneOf.size();
        double[][] proj = new double[nGenes][];
        double[][] proj2 = new double[nGenes][];
        double[][] proj3 = new double[nGenes][];
        double[] mu = new double[nGenes];
        double[] scale = new double[nGenes];
        double[][] mix = new double[nGenes][];
        for (int g = 0; g < nGenes; g++) {
            proj[g] = unit(r, k);
            proj2[g] = unit(r, k);
            proj3[g] = unit(r, k);
            mu[g] = 6 + 5 * r.nextDouble();
            scale[g] = 0.4 + 0.8 * r.nextDouble();
            double w1 = r.nextDouble();
            double w2 = r.nextDouble();
            double w3 = r.nextDouble();
            double norm = Math.sqrt(w1 * w1 + w2 * w2 + w3 * w3);
            mix[g] = new double[] {w1 / norm, w2 / norm, w3 / norm};
        }
        List<String> probes = new ArrayList<>();
        List<String> probeSymbol = new ArrayList<>();
        List<Integer> probeOf = new ArrayList<>();
        List<Double> offset = new ArrayList<>();
        for (GeneMap map : List.of(landmarkMap, targetMap)) {
            for (GeneMap.Gene g : map.genes()) {
                for (String p : g.probes()) {
                    probes.add(p);
                    probeSymbol.add(g.symbol());
                    probeOf.add(geneOf.get(g.ensembl()));
                    offset.add(0.4 * r.nextDouble() - 0.2);
                }
            }
        }
        for (int c = 0; c < controlProbes; c++) {
            probes.add(String.format(Locale.ROOT, "AFFX-gexflowCtrl-%d_at", c + 1));
            probeSymbol.add(null);
            probeOf.add(-1);
            offset.add(4 + 8 * r.nextDouble());
        }
        int np = probes.size();
        int[] perm = Minibatches.identity(np);
        Minibatches.shuffle(perm, r);
        List<String> probeIds = new ArrayList<>();
        List<String> symbolsOfRows = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            probeIds.add(probes.get(perm[i]));
            symbolsOfRows.add(probeSymbol.get(perm[i]));
        }
        GeneLevel genes = (z, rng) -> {
            double[] gene = new double[nGenes];
            for (int g = 0; g < nGenes; g++) {
                double u = dot(proj[g], z);
                double signal;
                if (isLandmark.get(g)) {
                    signal = u;
                } else {
                    double v = dot(proj2[g], z);
                    double q = dot(proj3[g], z);
                    signal = mix[g][0] * u + mix[g][1] * Math.tanh(2 * v) + mix[g][2] * (q * q - 1) / Math.sqrt(2);
                }
                gene[g] = mu[g] + scale[g] * signal + noise * rng.nextGaussian();
            }
            return gene;
        };
        List<String> sampleIds = new ArrayList<>();
        float[] x = new float[samples * np];
        for (int n = 0; n < samples; n++) {
            sampleIds.add(String.format(Locale.ROOT, "GSM%07d", 200000 + n));
            double[] gene = genes.sample(latent(r, k), r);
            for (int i = 0; i < np; i++) {
                int p = perm[i];
                int g = probeOf.get(p);
                double v = g >= 0 ? gene[g] + offset.get(p) + 0.1 * r.nextGaussian() : offset.get(p) + 0.5 * r.nextGaussian();
                v = Math.max(2, Math.min(16, v));
                x[n * np + i] = (float) (quantum > 0 ? Math.rint(v / quantum) * quantum : v);
            }
        }
        List<String> ensembl = new ArrayList<>(geneOf.keySet());
        RnaSeq gtex = rnaSeq("GTEX-", gtexSamples, ensembl, geneSymbols, genes, r, k, controlProbes);
        RnaSeq geuvadis = rnaSeq("HG", geuvadisSamples, ensembl, geneSymbols, genes, r, k, controlProbes);
        if (quantum > 0) {
            // RNA-Seq RPKM to 3 significant digits, as quantification tables print them
            for (float[] m : List.of(gtex.sampleMajor(), geuvadis.sampleMajor())) {
                for (int i = 0; i < m.length; i++) {
                    m[i] = Float.parseFloat(String.format(Locale.ROOT, "%.3g", m[i]));
                }
            }
        }
        Map<String, List<String>> meta = new LinkedHashMap<>();
        meta.put("pr_gene_symbol", symbolsOfRows);
        return new Result(probeIds, sampleIds, x, landmarkMap, targetMap, meta, gtex, geuvadis);
    }

    /** Gene-level log2 expression of one sample with latent factors z. */
    private interface GeneLevel {
        double[] sample(double[] z, Random r);
    }

    private static double[] latent(Random r, int k) {
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            z[j] = r.nextGaussian();
        }
        return z;
    }

    private static RnaSeq rnaSeq(String prefix, int n, List<String> ensembl, List<String> symbols, GeneLevel genes,
            Random r, int k, int extra) {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int g = 0; g < ensembl.size(); g++) {
            ids.add(ensembl.get(g) + "." + (1 + r.nextInt(9)));
            names.add(symbols.get(g));
        }
        for (int e = 0; e < extra; e++) {
            ids.add(String.format(Locale.ROOT, "ENSG%011d.%d", 800000 + e, 1 + r.nextInt(9)));
            names.add("UNMAPPED" + e);
        }
        List<String> samples = new ArrayList<>();
        int width = ids.size();
        float[] x = new float[n * width];
        for (int i = 0; i < n; i++) {
            samples.add(String.format(Locale.ROOT, "%s%05d", prefix, i + 1));
            double[] gene = genes.sample(latent(r, k), r);
            for (int g = 0; g < width; g++) {
                double log2 = g < gene.length ? gene[g] : 2 + 6 * r.nextDouble();
                x[i * width + g] = (float) (Math.pow(2, log2 - 6) * Math.exp(0.25 * r.nextGaussian()));
            }
        }
        return new RnaSeq(ids, names, samples, x);
    }

    private static double[] unit(Random r, int k) {
        double[] v = new double[k];
        double n = 0;
        for (int j = 0; j < k; j++) {
            v[j] = r.nextGaussian();
            n += v[j] * v[j];
        }
        n = Math.sqrt(n);
        for (int j = 0; j < k; j++) {
            v[j] /= n;
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
