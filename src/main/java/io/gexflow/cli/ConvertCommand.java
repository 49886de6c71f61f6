package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.GeneMap.Role;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * GCT/GCTX -> gexflow matrix file, streamed {@code --chunk-samples} samples at a time. With D-GEX
 * gene maps, each gene's value is the mean of its finite probes and the features are the landmark
 * genes ({@code lm:ENSG...}) followed by the target genes ({@code tg:ENSG...}); landmarks, symbols
 * and what was lost (map probes absent from the matrix, missing values) go into schema metadata.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Convert a GCT/GCTX file to an Arrow matrix file (samples x features), optionally averaging probes to genes.",
            "",
            "With --landmarks/--targets (D-GEX maps, symbol<TAB>ensembl<TAB>probes) the features are keyed by role and "
                + "Ensembl id: lm:<ENSG> for each landmark, tg:<ENSG> for each target (a gene may be both); symbols are "
                + "labels, kept in the schema metadata key gexflow.feature_symbols. A map probe that is not a row of the "
                + "input is counted and reported; a gene left with no probe is an error naming the genes.",
            "",
            "Missing values: NaN cells are kept by the readers; a gene's value is the mean of its finite probes. A "
                + "sample x gene still without a value is handled by --missing: drop-samples drops every sample that "
                + "misses any gene (the feature set stays the maps'), drop-genes drops every gene missing in any sample, "
                + "fail stops. Counts go to stderr and to the schema metadata key gexflow.convert. An infinite value "
                + "is always an error naming its row and column. The input is read twice: once to count, once to write.",
            "",
        })
public final class ConvertCommand extends Verb {
    /** Schema metadata: JSON object with what CONVERT matched, lost and dropped. */
    public static final String META_SUMMARY = "gexflow.convert";
    /** Schema metadata: JSON array of gene symbols, parallel to the features (with gene maps). */
    public static final String META_SYMBOLS = "gexflow.feature_symbols";

    @Option(names = "--input", required = true, description = "GCT (1.2/1.3) or GCTX file; the format is read from the content.")
    Path input;

    @Mixin CommonOptions.OutFile out;

    @Option(names = "--landmarks", description = "Landmark gene map (symbol<TAB>ensembl<TAB>probes).")
    Path landmarkMap;

    @Option(names = "--targets", description = "Target gene map (same format); needs --landmarks.")
    Path targetMap;

    enum Format { auto, rpkm_table }

    enum MatchBy { probe, ensembl }

    /** What happens to a sample x feature without any finite value. */
    enum Missing {
        drop_samples("drop-samples"), drop_genes("drop-genes"), fail("fail");

        final String flag;

        Missing(String flag) {
            this.flag = flag;
        }

        @Override
        public String toString() {
            return flag;
        }
    }

    @Option(names = "--format", defaultValue = "auto",
            description = "auto: GCT/GCTX by content; rpkm_table: the GEUVADIS quantification table (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--match-by", defaultValue = "probe",
            description = "Match map rows by probe ids (microarray) or by Ensembl gene id, version suffix stripped (RNA-Seq) (default ${DEFAULT-VALUE}).")
    MatchBy matchBy;

    @Option(names = "--missing", defaultValue = "drop-samples", converter = MissingConverter.class,
            description = "drop-samples, drop-genes or fail: what to do with a sample x gene that has no finite value after "
                    + "averaging the finite probes (default ${DEFAULT-VALUE}: the paper's models need every one of the "
                    + "maps' genes, so an incomplete profile is left out).")
    Missing missing;

    @Option(names = "--chunk-samples", defaultValue = "1000", description = "Samples read at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    static final class MissingConverter implements picocli.CommandLine.ITypeConverter<Missing> {
        @Override
        public Missing convert(String value) {
            for (Missing m : Missing.values()) {
                if (m.flag.equals(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected drop-samples, drop-genes or fail, got '" + value + "'");
        }
    }

    @Override
    public Integer call() {
        if ((landmarkMap == null) != (targetMap == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--landmarks and --targets go together");
        }
        if (chunk < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunk-samples must be at least 1");
        }
        List<Path> inputs = new ArrayList<>(List.of(input));
        GeneMap lm = null;
        GeneMap tg = null;
        if (landmarkMap != null) {
            lm = GeneMap.read(landmarkMap);
            tg = GeneMap.read(targetMap);
            inputs.add(landmarkMap);
            inputs.add(targetMap);
        }
        // the inputs' SHA-256 (provenance) is read on another thread while the first pass reads the matrix: both
        // read the whole input, and the hash is only needed for the output's metadata, after that pass
        // the inputs' SHA-256 (provenance) is read on another thread while the first pass reads the matrix: both
        // read the whole input, and the hash is only needed for the output's metadata, after that pass
        CompletableFuture<Provenance> prov = provenanceMeanwhile(null, inputs.toArray(Path[]::new));
        try (GctDataset ds = format == Format.rpkm_table ? io.gexflow.io.RpkmTable.read(input) : GctDataset.open(input)) {
            int nRows = ds.rowCount();
            List<String> features = new ArrayList<>();
            List<String> symbols = new ArrayList<>();
            int[][] probeRows;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("input", input.getFileName().toString());
            int nLandmarks = 0;
            if (lm == null) {
                features.addAll(ds.rowIds());
                probeRows = new int[nRows][];
                for (int i = 0; i < nRows; i++) {
                    probeRows[i] = new int[] {i};
                }
            } else {
                Map<String, List<Integer>> rowsOf = new HashMap<>();
                for (int i = 0; i < nRows; i++) {
                    rowsOf.computeIfAbsent(key(ds.rowIds().get(i)), k -> new ArrayList<>()).add(i);
                }
                List<int[]> rows = new ArrayList<>();
                Map<String, Object> matched = new LinkedHashMap<>();
                matched.put("match_by", matchBy.name());
                matched.put("landmarks", match(lm, Role.LANDMARK, landmarkMap, rowsOf, rows, features, symbols));
                matched.put("targets", match(tg, Role.TARGET, targetMap, rowsOf, rows, features, symbols));
                summary.put("gene_maps", matched);
                nLandmarks = lm.genes().size();
                probeRows = rows.toArray(int[][]::new);
            }
            write(ds, features, symbols, nLandmarks, probeRows, summary, prov);
        }
        return 0;
    }

    /**
     * Appends the rows, feature ids and symbols of one map's genes; counts the map's probes (or ids)
     * absent from the input, and fails naming every gene left with none.
     */
    private Map<String, Object> match(GeneMap map, Role role, Path file, Map<String, List<Integer>> rowsOf, List<int[]> rows,
            List<String> features, List<String> symbols) {
        int ids = 0;
        int absent = 0;
        int someLost = 0;
        List<String> allLost = new ArrayList<>();
        List<String> absentIds = new ArrayList<>();
        for (GeneMap.Gene g : map.genes()) {
            List<String> wanted = matchBy == MatchBy.probe ? g.probes() : List.of(g.unversioned());
            List<Integer> r = new ArrayList<>();
            int lost = 0;
            for (String id : wanted) {
                ids++;
                List<Integer> at = rowsOf.get(id);
                if (at == null) {
                    lost++;
                    absentIds.add(id);
                } else {
                    r.addAll(at);
                }
            }
            absent += lost;
            if (r.isEmpty()) {
                allLost.add(g.symbol() + " (" + g.ensembl() + ")");
            } else if (lost > 0) {
                someLost++;
            }
            rows.add(r.stream().mapToInt(Integer::intValue).toArray());
            features.add(GeneMap.featureId(role, g));
            symbols.add(g.symbol());
        }
        String what = matchBy == MatchBy.probe ? "probes" : "Ensembl ids";
        if (!allLost.isEmpty()) {
            throw new InputException(file, allLost.size() + " of " + map.genes().size() + " genes have none of their " + what
                    + " among the rows of " + input.getFileName() + ": " + InferCommand.list(allLost));
        }
        if (absent > 0) {
            err().printf(Locale.ROOT, "convert: %s: %d of %d %s are not rows of %s (%s); %d genes lose some, none loses all%n",
                    file.getFileName(), absent, ids, what, input.getFileName(), InferCommand.list(absentIds), someLost);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("map", file.getFileName().toString());
        s.put("genes", map.genes().size());
        s.put(matchBy == MatchBy.probe ? "probes" : "ids", ids);
        s.put("absent_from_input", absent);
        s.put("genes_losing_some", someLost);
        s.put("genes_losing_all", 0);
        return s;
    }

    private void write(GctDataset ds, List<String> features, List<String> symbols, int nLandmarks, int[][] probeRows,
            Map<String, Object> summary, CompletableFuture<Provenance> provenance) {
        int nRows = ds.rowCount();
        int nFeatures = features.size();
        int nSamples = ds.columnCount();
        // first pass: which samples and features miss a value (the schema metadata, written first, records the counts)
        boolean[] dropFeature = new boolean[nFeatures];
        boolean[] incomplete = new boolean[nSamples];
        long missingCells = 0;
        float[] row = new float[nFeatures];
        for (int from = 0; from < nSamples; from += chunk) {
            int to = Math.min(nSamples, from + chunk);
            float[] block = ds.readColumns(from, to);
            for (int c = from; c < to; c++) {
                // most samples have no NaN probe, so no gene can miss a value: only those with one are averaged here
                if (!hasNaN(ds, block, (c - from) * nRows, c)) {
                    continue;
                }
                int miss = genes(block, (c - from) * nRows, probeRows, row);
                if (miss == 0) {
                    continue;
                }
                missingCells += miss;
                incomplete[c] = true;
                for (int f = 0; f < nFeatures; f++) {
                    if (Float.isNaN(row[f])) {
                        if (missing == Missing.fail) {
                            throw new InputException(input, "sample " + ds.columnIds().get(c) + " has no finite value for "
                                    + features.get(f) + (symbols.isEmpty() ? "" : " (" + symbols.get(f) + ")")
                                    + " (--missing fail; drop-samples or drop-genes would leave it out)");
                        }
                        dropFeature[f] = true;
                    }
                }
            }
        }
        if (missing != Missing.drop_genes) {
            java.util.Arrays.fill(dropFeature, false);
        } else {
            java.util.Arrays.fill(incomplete, false);
        }
        int[] keep = java.util.stream.IntStream.range(0, nFeatures).filter(f -> !dropFeature[f]).toArray();
        List<String> keptFeatures = new ArrayList<>();
        List<String> keptSymbols = new ArrayList<>();
        List<String> keptLandmarks = new ArrayList<>();
        List<String> droppedGenes = new ArrayList<>();
        int keptTargets = 0;
        for (int f = 0; f < nFeatures; f++) {
            if (dropFeature[f]) {
                droppedGenes.add(features.get(f) + (symbols.isEmpty() ? "" : " (" + symbols.get(f) + ")"));
                continue;
            }
            keptFeatures.add(features.get(f));
            if (!symbols.isEmpty()) {
                keptSymbols.add(symbols.get(f));
            }
            if (f < nLandmarks) {
                keptLandmarks.add(features.get(f));
            } else if (nLandmarks > 0) {
                keptTargets++;
            }
        }
        List<String> droppedSamples = new ArrayList<>();
        for (int c = 0; c < nSamples; c++) {
            if (incomplete[c]) {
                droppedSamples.add(ds.columnIds().get(c));
            }
        }
        if (keep.length == 0 || (nLandmarks > 0 && (keptLandmarks.isEmpty() || keptTargets == 0))) {
            throw new InputException(input, "--missing drop-genes leaves " + (keep.length == 0 ? "no feature"
                    : keptLandmarks.isEmpty() ? "no landmark gene" : "no target gene") + " (" + droppedGenes.size()
                    + " of " + nFeatures + " miss a value in some sample)");
        }
        if (droppedSamples.size() == nSamples) {
            throw new InputException(input, "--missing drop-samples leaves no sample: each of the " + nSamples
                    + " samples misses a value of some " + (nLandmarks > 0 ? "gene" : "row") + " (drop-genes may keep them)");
        }
        int written = nSamples - droppedSamples.size();
        summary.put("missing", missingSummary(missingCells, written, droppedSamples, droppedGenes, nSamples, nFeatures));
        Map<String, String> meta = metadata(joined(provenance));
        if (nLandmarks > 0) {
            meta.put(RegressionData.LANDMARKS, Json.compact(keptLandmarks));
            meta.put(META_SYMBOLS, Json.compact(keptSymbols));
        }
        meta.put(META_SUMMARY, Json.compact(summary));
        ArrowMatrixWriter w = new ArrowMatrixWriter(out.value, keptFeatures, List.<ObsColumn>of(), meta);
        // without gene maps and dropped rows, each sample's features are its rows as read: written from the block
        boolean asRead = keep.length == nRows && identity(probeRows);
        try {
            float[] kept = new float[keep.length];
            for (int from = 0; from < nSamples; from += chunk) {
                int to = Math.min(nSamples, from + chunk);
                float[] block = ds.readColumns(from, to);
                for (int c = from; c < to; c++) {
                    if (incomplete[c]) {
                        continue;
                    }
                    if (asRead) {
                        w.write(ds.columnIds().get(c), List.of(), block, (c - from) * nRows);
                        continue;
                    }
                    genes(block, (c - from) * nRows, probeRows, row);
                    for (int k = 0; k < keep.length; k++) {
                        kept[k] = row[keep[k]];
                    }
                    w.write(ds.columnIds().get(c), List.of(), kept);
                }
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        if (missingCells > 0) {
            err().printf(Locale.ROOT, "convert: %d sample x feature values had no finite probe; --missing %s dropped %d of %d "
                    + "samples%s and %d of %d features%s%n", missingCells, missing, droppedSamples.size(), nSamples,
                    droppedSamples.isEmpty() ? "" : " (" + InferCommand.list(droppedSamples) + ")", droppedGenes.size(), nFeatures,
                    droppedGenes.isEmpty() ? "" : " (" + InferCommand.list(droppedGenes) + ")");
        }
        err().printf(Locale.ROOT, "converted %s: %d samples x %d features%s%n", input.getFileName(), written,
                keep.length, nLandmarks == 0 ? "" : " (" + keptLandmarks.size() + " landmark + " + keptTargets + " target genes)");
    }

    private Map<String, Object> missingSummary(long cells, long written, List<String> droppedSamples, List<String> droppedGenes,
            int nSamples, int nFeatures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", missing.toString());
        m.put("values_without_finite_probe", cells);
        m.put("samples_in", nSamples);
        m.put("samples_written", written);
        m.put("samples_dropped", droppedSamples.size());
        m.put("dropped_samples", droppedSamples);
        m.put("features_in", nFeatures);
        m.put("features_dropped", droppedGenes.size());
        m.put("dropped_features", droppedGenes);
        return m;
    }

    /**
     * Whether one sample of the block has a NaN probe; any infinite value is an error naming row and column
     * (the first pass checks every value, so the second need not).
     */
    private boolean hasNaN(GctDataset ds, float[] block, int base, int column) {
        int nRows = ds.rowCount();
        boolean nan = false;
        for (int p = 0; p < nRows; p++) {
            float v = block[base + p];
            if (v - v != 0f) { // NaN or infinite: both give NaN here, a finite value gives 0
                if (Float.isInfinite(v)) {
                    throw new InputException(input, "row " + ds.rowIds().get(p) + ", column " + ds.columnIds().get(column)
                            + " is infinite (" + v + ")");
                }
                nan = true;
            }
        }
        return nan;
    }

    /**
     * One sample's features into {@code row}: the mean of each feature's finite rows, NaN when it has
     * none (a feature of one row, the usual case without a gene map, is copied).
     *
     * @return how many features have no finite value
     */
    private static int genes(float[] block, int base, int[][] probeRows, float[] row) {
        int none = 0;
        for (int f = 0; f < probeRows.length; f++) {
            int[] probes = probeRows[f];
            if (probes.length == 1) {
                float v = block[base + probes[0]];
                row[f] = v;
                if (Float.isNaN(v)) {
                    none++;
                }
                continue;
            }
            double s = 0;
            int n = 0;
            for (int p : probes) {
                float v = block[base + p];
                if (!Float.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            if (n == 0) {
                row[f] = Float.NaN;
                none++;
            } else {
                row[f] = (float) (s / n);
            }
        }
        return none;
    }

    /** Whether feature f is row f alone, for every feature. */
    private static boolean identity(int[][] probeRows) {
        for (int f = 0; f < probeRows.length; f++) {
            if (probeRows[f].length != 1 || probeRows[f][0] != f) {
                return false;
            }
        }
        return true;
    }

    /** Where notes go: stderr, or what the caller of the command line set (tests). */
    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The id a row is matched by: as written for probes; without the ".N" version for Ensembl ids. */
    private String key(String rowId) {
        return matchBy == MatchBy.probe ? rowId : GeneMap.unversion(rowId);
    }
}
