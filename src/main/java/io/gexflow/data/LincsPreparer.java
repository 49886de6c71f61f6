package io.gexflow.data;

import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.TsvReader;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.gct.GctDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LINCS L1000 signatures (GEO GSE70138 layout) -> the S-VQ-VAE data contract ({@link PreparedData}),
 * as the paper selects them (spec svqvae.md, "LINCS architecture"):
 * <ol>
 *   <li>{@code sig_info} rows of one cell line ({@code cell_id});</li>
 *   <li>minus the perturbagens named by {@code pert_iname} to exclude (the paper: MG-132);</li>
 *   <li>kept only if their {@code pert_id} has a perturbagen class (PCL) in the user's
 *       {@code pert_id<TAB>pcl} table; a pert listed under several PCLs takes the <em>first one
 *       listed</em> in the table (such perts are counted in the summary);</li>
 *   <li>the label is the PCL; the input is the 978 landmark genes ({@code gene_info} rows with
 *       {@code pr_is_lm == 1}, in gene_info order), matched to the GCTX rows by {@code pr_gene_id}
 *       (the GCTX row ids, or its {@code pr_gene_id} row metadata when the row ids are probe ids);</li>
 *   <li>only the selected columns of the GCTX are read (hyperslab reads via
 *       {@link GctDataset#readColumns(int[])}, {@code chunkSamples} at a time), never the whole matrix;</li>
 *   <li>values are clipped to [-clip, clip] and the clipped values counted;</li>
 *   <li>a seeded random split, not stratified (as the paper: 1,773 -> 1,596 / 177):
 *       {@link SplitAssigner} with test fraction f, {@code round(f n)} test samples.</li>
 * </ol>
 * Holds the selected samples' landmark values in memory (n x 978 floats: 7 MB for the paper's 1,773).
 */
public final class LincsPreparer {
    public static final String DATASET = "lincs";
    public static final String MULTI_PCL_RULE = "first listed in the PCL table";

    /** What to select and how to split. */
    public record Options(String cellLine, Set<String> excludePertInames, double clip, double testFraction, long seed,
            int chunkSamples) {
        public Options {
            if (!(clip > 0)) {
                throw new IllegalArgumentException("clip must be > 0: " + clip);
            }
            if (!(testFraction >= 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test fraction must be in [0, 1): " + testFraction);
            }
            if (chunkSamples < 1) {
                throw new IllegalArgumentException("chunk samples must be >= 1: " + chunkSamples);
            }
            excludePertInames = Set.copyOf(excludePertInames);
        }
    }

    /** The user's perturbagen classes: pert_id -> PCL (first listed), and how many perts had more than one. */
    public record PclTable(Map<String, String> pclOf, int perts, Set<String> multiPclPerts, int lines) {
        public static PclTable read(Path file) {
            Map<String, String> first = new LinkedHashMap<>();
            Map<String, Set<String>> all = new HashMap<>();
            int lines = 0;
            try (TsvReader r = TsvReader.open(file, false)) {
                for (String[] f; (f = r.next()) != null; ) {
                    long n = r.line();
                    String t = TsvReader.text(f).strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                        throw new InputException(file, "line " + n + " is not pert_id<TAB>pcl: '"
                                + (t.length() > 80 ? t.substring(0, 77) + "..." : t) + "'");
                    }
                    String pert = f[0].strip();
                    String pcl = f[1].strip();
                    if (first.isEmpty() && lines == 0 && pert.equalsIgnoreCase("pert_id")) {
                        continue; // header line
                    }
                    lines++;
                    first.putIfAbsent(pert, pcl);
                    all.computeIfAbsent(pert, k -> new TreeSet<>()).add(pcl);
                }
            } catch (IOException e) {
                throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
            }
            if (first.isEmpty()) {
                throw new InputException(file, "no pert_id<TAB>pcl lines");
            }
            Set<String> multi = new TreeSet<>();
            all.forEach((k, v) -> {
                if (v.size() > 1) {
                    multi.add(k);
                }
            });
            return new PclTable(Map.copyOf(first), first.size(), Set.copyOf(multi), lines);
        }
    }

    private record Signature(String sigId, String pertId, String pertIname, String pcl, int column) {}

    private LincsPreparer() {}

    /**
     * Selects, reads, clips, splits and writes; returns the summary also written to summary.json.
     *
     * @param gctx the Level 5 matrix (genes x signatures), opened by the caller
     */
    public static Map<String, Object> prepare(GctDataset gctx, Path sigInfo, Path geneInfo, Path pclTablePath,
            Options opt, Path outDir, Map<String, String> metadata) {
        PclTable pcls = PclTable.read(pclTablePath);
        Landmarks lm = landmarks(geneInfo);
        int[] lmRows = new int[lm.ids.size()];
        String rowKey = matchRows(gctx, geneInfo, lm.ids, lmRows);

        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = gctx.columnCount() - 1; c >= 0; c--) {
            columnOf.put(gctx.columnIds().get(c), c);
        }
        long[] counts = new long[4]; // rows, cell line, excluded, no PCL
        Set<String> excludedSeen = new TreeSet<>();
        List<Signature> selected = new ArrayList<>();
        Set<String> seenSig = new HashSet<>();
        List<String> missingColumns = new ArrayList<>();
        TsvReader.read(sigInfo, List.of("sig_id", "pert_id", "pert_iname", "cell_id"), (line, v) -> {
            counts[0]++;
            if (!seenSig.add(v[0])) {
                throw new InputException(sigInfo, "line " + line + ": sig_id " + v[0] + " appears twice");
            }
            if (!v[3].equals(opt.cellLine())) {
                return;
            }
            counts[1]++;
            if (opt.excludePertInames().contains(v[2])) {
                counts[2]++;
                excludedSeen.add(v[2]);
                return;
            }
            String pcl = pcls.pclOf().get(v[1]);
            if (pcl == null) {
                counts[3]++;
                return;
            }
            Integer col = columnOf.get(v[0]);
            if (col == null) {
                missingColumns.add(v[0]);
                return;
            }
            selected.add(new Signature(v[0], v[1], v[2], pcl, col));
        });
        if (!missingColumns.isEmpty()) {
            throw new InputException(gctx.file(), missingColumns.size() + " selected signatures of " + sigInfo.getFileName()
                    + " are not columns of the matrix (first: " + missingColumns.get(0) + "): sig_info and GCTX do not match");
        }
        if (counts[1] == 0) {
            throw new InputException(sigInfo, "no signature of cell line '" + opt.cellLine() + "' (cell_id)");
        }
        if (selected.isEmpty()) {
            throw new InputException(pclTablePath, "none of the " + counts[1] + " signatures of " + opt.cellLine()
                    + " has a perturbagen (pert_id) in this PCL table");
        }
        selected.sort((a, b) -> Integer.compare(a.column(), b.column()));
        int n = selected.size();
        int nf = lmRows.length;

        // read the selected columns only, in ascending column order, chunkSamples at a time
        float[] x = new float[Math.multiplyExact(n, nf)];
        int nRows = gctx.rowCount();
        for (int from = 0; from < n; from += opt.chunkSamples()) {
            int to = Math.min(n, from + opt.chunkSamples());
            int[] cols = new int[to - from];
            for (int k = from; k < to; k++) {
                cols[k - from] = selected.get(k).column();
            }
            float[] block = gctx.readColumns(cols);
            for (int k = from; k < to; k++) {
                int base = (k - from) * nRows;
                for (int g = 0; g < nf; g++) {
                    float v = block[base + lmRows[g]];
                    if (!Float.isFinite(v)) {
                        throw new InputException(gctx.file(), "signature " + selected.get(k).sigId() + ", gene "
                                + lm.ids.get(g) + " has no finite value (" + v + ")");
                    }
                    x[k * nf + g] = v;
                }
            }
        }

        // split: seeded permutation, not stratified
        List<String> ids = selected.stream().map(Signature::sigId).toList();
        Map<String, String> split;
        try {
            split = SplitAssigner.assign(ids, 0, opt.testFraction(), opt.seed());
        } catch (IllegalArgumentException e) {
            // too few selected signatures for the test fraction: name the input and the option
            throw new InputException(sigInfo, "the " + ids.size() + " selected signatures of " + opt.cellLine()
                    + " at --test-fraction " + opt.testFraction() + ": " + e.getMessage());
        }
        List<String> classes = selected.stream().map(Signature::pcl).distinct().sorted().toList();
        Map<String, Integer> code = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            code.put(classes.get(c), c);
        }

        // clip, count
        float clip = (float) opt.clip();
        long[] clipped = new long[2];
        int[] nTrain = new int[classes.size()];
        int[] nTest = new int[classes.size()];
        for (int k = 0; k < n; k++) {
            int part = SplitAssigner.TEST.equals(split.get(ids.get(k))) ? 1 : 0;
            (part == 1 ? nTest : nTrain)[code.get(selected.get(k).pcl())]++;
            for (int g = k * nf; g < (k + 1) * nf; g++) {
                if (x[g] > clip) {
                    x[g] = clip;
                    clipped[part]++;
                } else if (x[g] < -clip) {
                    x[g] = -clip;
                    clipped[part]++;
                }
            }
        }
        int multiSelected = (int) selected.stream().filter(s -> pcls.multiPclPerts().contains(s.pertId())).count();

        Map<String, Object> splitRule = new LinkedHashMap<>();
        splitRule.put("rule", "random");
        splitRule.put("stratified", false);
        splitRule.put("test_fraction", opt.testFraction());
        splitRule.put("seed", opt.seed());
        splitRule.put("n_test", "round(test_fraction * n)");

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", DATASET);
        s.put("cell_line", opt.cellLine());
        s.put("sig_info_rows", counts[0]);
        s.put("cell_line_signatures", counts[1]);
        s.put("exclude_pert_iname", new TreeSet<>(opt.excludePertInames()));
        s.put("excluded_signatures", counts[2]);
        s.put("excluded_pert_inames_found", excludedSeen);
        s.put("signatures_without_pcl", counts[3]);
        s.put("pcl_table_perts", pcls.perts());
        s.put("pcl_table_multi_pcl_perts", pcls.multiPclPerts().size());
        s.put("multi_pcl_rule", MULTI_PCL_RULE);
        s.put("selected_signatures_with_multi_pcl_pert", multiSelected);
        s.put("n_samples", n);
        s.put("n_classes", classes.size());
        s.put("n_train", n - nTestTotal(nTest));
        s.put("n_test", nTestTotal(nTest));
        s.put("split", splitRule);
        s.put("landmark_genes", nf);
        s.put("gctx_rows", nRows);
        s.put("gctx_columns", gctx.columnCount());
        s.put("gctx_columns_read", n);
        s.put("gctx_row_key", rowKey);
        s.put("clip", opt.clip());
        s.put("clipped_values", clipped[0] + clipped[1]);
        s.put("clipped_values_train", clipped[0]);
        s.put("clipped_values_test", clipped[1]);
        s.put("values", (long) n * nf);

        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(PreparedData.META_DATASET, DATASET);
        meta.put(PreparedData.META_CLASSES, Json.compact(classes));
        meta.put(PreparedData.META_SPLIT, Json.compact(splitRule));
        meta.put("gexflow.feature_symbols", Json.compact(lm.symbols));
        meta.put("gexflow.clip", Json.compact(opt.clip()));
        meta.put(PreparedData.META_SUMMARY, Json.compact(s));
        PreparedData.checkCounts(pclTablePath, nTrain, nTest);
        write(outDir.resolve(PreparedData.TRAIN_FILE), "train", clipped[0], lm.ids, meta, selected, x, nf, split, false);
        write(outDir.resolve(PreparedData.TEST_FILE), "test", clipped[1], lm.ids, meta, selected, x, nf, split, true);
        PreparedData.writeClasses(outDir, classes, nTrain, nTest);
        PreparedData.writeSummary(outDir, s);
        return s;
    }

    private static int nTestTotal(int[] nTest) {
        return Arrays.stream(nTest).sum();
    }

    private static void write(Path file, String part, long clippedHere, List<String> features, Map<String, String> base,
            List<Signature> selected, float[] x, int nf, Map<String, String> split, boolean test) {
        Map<String, String> meta = new LinkedHashMap<>(base);
        meta.put(PreparedData.META_PART, part);
        meta.put("gexflow.clipped_values", Long.toString(clippedHere));
        ArrowMatrixWriter w = new ArrowMatrixWriter(file, features, List.of(ObsColumn.utf8(PreparedData.LABEL)), meta);
        try {
            for (int k = 0; k < selected.size(); k++) {
                Signature s = selected.get(k);
                if (SplitAssigner.TEST.equals(split.get(s.sigId())) == test) {
                    w.write(s.sigId(), List.of(s.pcl()), x, k * nf);
                }
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private record Landmarks(List<String> ids, List<String> symbols) {}

    private static Landmarks landmarks(Path geneInfo) {
        List<String> ids = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TsvReader.read(geneInfo, List.of("pr_gene_id", "pr_gene_symbol", "pr_is_lm"), (line, v) -> {
            boolean lm = switch (v[2].toLowerCase(Locale.ROOT)) {
                case "1", "1.0", "true" -> true;
                case "0", "0.0", "false" -> false;
                default -> throw new InputException(geneInfo, "line " + line + ": pr_is_lm is '" + v[2] + "', expected 1 or 0");
            };
            if (lm) {
                if (!seen.add(v[0])) {
                    throw new InputException(geneInfo, "line " + line + ": pr_gene_id " + v[0] + " appears twice");
                }
                ids.add(v[0]);
                symbols.add(v[1]);
            }
        });
        if (ids.isEmpty()) {
            throw new InputException(geneInfo, "no landmark gene (pr_is_lm == 1)");
        }
        return new Landmarks(ids, symbols);
    }

    /**
     * Fills {@code rows[g]} with the GCTX row of landmark gene g; returns which key matched: the row
     * ids (GSE70138: row ids are pr_gene_id) or the row metadata field pr_gene_id (CMap files whose
     * row ids are Affymetrix probe ids, like cmapPy's test_l1000).
     */
    private static String matchRows(GctDataset gctx, Path geneInfo, List<String> ids, int[] rows) {
        List<String> missing = match(gctx, gctx.rowIds(), ids, rows, "row id");
        if (missing.isEmpty()) {
            return "row id";
        }
        List<String> meta = gctx.rowMetadata().get("pr_gene_id");
        if (meta != null) {
            List<String> missingMeta = match(gctx, meta, ids, rows, "pr_gene_id row metadata");
            if (missingMeta.isEmpty()) {
                return "pr_gene_id row metadata";
            }
            if (missingMeta.size() < missing.size()) {
                missing = missingMeta;
            }
        }
        throw new InputException(gctx.file(), missing.size() + " of the " + ids.size() + " landmark genes of "
                + geneInfo.getFileName() + " (pr_gene_id, e.g. " + missing.get(0) + ") are not rows of the matrix"
                + (meta == null ? "" : " (matched by row id and by pr_gene_id row metadata)"));
    }

    private static List<String> match(GctDataset gctx, List<String> keys, List<String> ids, int[] rows, String what) {
        Map<String, Integer> rowOf = new HashMap<>();
        Set<String> dup = new HashSet<>();
        for (int r = 0; r < keys.size(); r++) {
            String k = keys.get(r);
            if (k != null && rowOf.putIfAbsent(k, r) != null) {
                dup.add(k);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int g = 0; g < ids.size(); g++) {
            Integer r = rowOf.get(ids.get(g));
            if (r == null) {
                missing.add(ids.get(g));
            } else if (dup.contains(ids.get(g))) {
                throw new InputException(gctx.file(), "gene " + ids.get(g) + " is more than one row (" + what + ")");
            } else {
                rows[g] = r;
            }
        }
        return missing;
    }
}
