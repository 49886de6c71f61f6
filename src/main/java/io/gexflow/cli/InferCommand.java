package io.gexflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.GeneStandardizer;
import io.gexflow.io.GeneMap;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.io.gct.GctxStreamWriter;
import io.gexflow.models.ExpressionModel;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.ModelStore;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The D-GEX inference product: a trained landmark -> target model applied to landmark-only profiles
 * (L1000), streamed a chunk of samples at a time into an Arrow matrix file and a GCTX.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Predict target genes from landmark genes with a trained model (D-GEX, LR, LR-L1/L2, KNN-GE) for every "
                + "sample of a GCT/GCTX file, e.g. L1000 Level 3 (978 landmark probes x 1.3 M profiles), streaming "
                + "--chunk-samples samples at a time: memory holds one chunk of inputs and predictions, never the whole matrix.",
            "",
            "Per sample, each landmark gene is the mean of its probes (--landmarks) or its row (rows named by gene); it is "
                + "standardised with the training statistics in normalization.json, z = (x - mean) / (std + 1e-3); the model "
                + "predicts standardised targets, which --output-scale expression (the default) turns back into expression "
                + "values, x = z * (std + 1e-3) + mean, with the targets' training statistics.",
            "",
            "No quantile normalisation is applied: L1000 Level 3 data are already quantile-normalised (per plate) by the "
                + "L1000 pipeline, and a landmark-only profile cannot be mapped onto a quantile reference of all genes. "
                + "Inputs are only standardised; give data on the training data's (log2) expression scale.",
            "",
            "GCTX output: one contiguous float32 GCTX (rows = target genes, columns = samples, with the input's column "
                + "metadata). jHDF writes datasets only whole, so the file is first written with its final structure and "
                + "all values 0, then filled in place a chunk at a time at the matrix's data address: bounded memory, at "
                + "the cost of writing the matrix's bytes twice. The root attribute gexflow_scale (and the Arrow schema "
                + "metadata key gexflow.scale) records the output scale. GCT text input is read whole; GCTX input is read "
                + "by chunk.",
            "",
        })
public final class InferCommand extends Verb {
    /** Arrow schema metadata: "expression" or "standardised". */
    public static final String META_SCALE = "gexflow.scale";
    /** Arrow schema metadata: JSON object describing the inference (model, normalisation, scale). */
    public static final String META_INFERENCE = "gexflow.inference";
    /** GCTX root attribute (a one-element string array): the output scale. */
    public static final String ATTR_SCALE = "gexflow_scale";
    /** GCTX root attribute (a one-element string array): provenance JSON. */
    public static final String ATTR_PROVENANCE = "gexflow_provenance";

    enum Scale { expression, standardised }

    @Option(names = "--input", required = true,
            description = "GCT/GCTX file: rows = landmark probes (with --landmarks) or landmark genes, columns = samples.")
    Path input;

    @Option(names = "--model", required = true, description = "Trained model directory (model.json + parameters).")
    Path modelDir;

    @Option(names = "--normalization", required = true,
            description = "normalization.json of the normalize step the model was trained after (features, means, stds).")
    Path normalization;

    @Option(names = "--landmarks", description = "Landmark gene map map_lm.txt (symbol<TAB>ensembl<TAB>probes): each landmark "
            + "gene is the mean of its probes. Leave out when the rows are already the model's landmark genes.")
    Path landmarkMap;

    @Option(names = "--output-scale", defaultValue = "expression",
            description = "expression (de-standardised with the targets' training statistics) or standardised (default ${DEFAULT-VALUE}).")
    Scale scale;

    @Option(names = "--chunk-samples", defaultValue = "1000", description = "Samples read, predicted and written at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--out-arrow", description = "Predictions as an Arrow matrix file (samples x target genes).")
    Path outArrow;

    @Option(names = "--out-summary", description = "Optional: a small JSON written last, when every output is complete: "
            + "input, profiles, targets, landmarks, model and scale (the report's inference line).")
    Path outSummary;

    @Option(names = "--out-gctx", description = "Predictions as a GCTX (target genes x samples), written in place by chunk.")
    Path outGctx;

    /** The training statistics of normalization.json. */
    record Statistics(List<String> features, double[] means, double[] stds, double epsilon, boolean quantile) {}

    @Override
    public Integer call() {
        if (chunk < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-samples must be at least 1");
        }
        if (outArrow == null && outGctx == null) {
            throw new ParameterException(spec.commandLine(), "give --out-arrow, --out-gctx or both");
        }
        if (outArrow != null && outGctx != null && outArrow.toAbsolutePath().normalize().equals(outGctx.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--out-arrow and --out-gctx name the same file");
        }
        Statistics stats = readStatistics(normalization);
        Map<String, Integer> featureIndex = new HashMap<>();
        for (int j = 0; j < stats.features().size(); j++) {
            featureIndex.putIfAbsent(stats.features().get(j), j);
        }
        Path modelJson = modelDir.resolve(ModelDescriptor.FILE);
        ModelDescriptor desc = Json.readFile(modelJson, ModelDescriptor.class);
        if (desc.inputs() == null || desc.outputs() == null || desc.inputs().isEmpty() || desc.outputs().isEmpty()) {
            throw new InputException(modelJson, "lists no inputs or no outputs");
        }
        int[] inStat = statisticsOf(desc.inputs(), featureIndex, modelJson, "inputs (landmark genes)");
        int[] outStat = scale == Scale.expression
                ? statisticsOf(desc.outputs(), featureIndex, modelJson, "outputs (target genes), needed for --output-scale expression")
                : null;
        GeneMap map = landmarkMap == null ? null : GeneMap.read(landmarkMap);

        List<Path> inputs = new ArrayList<>(List.of(input, normalization, modelJson));
        if (landmarkMap != null) {
            inputs.add(landmarkMap);
        }
        try (GctDataset ds = GctDataset.open(input)) {
            int[][] rows = landmarkRows(ds, desc.inputs(), map);
            Provenance prov = provenance(null, inputs.toArray(Path[]::new));
            try (ExpressionModel model = ModelStore.load(modelDir)) {
                if (!model.inputs().equals(desc.inputs()) || !model.outputs().equals(desc.outputs())) {
                    throw new InputException(modelJson, "the loaded model's genes differ from model.json");
                }
                run(ds, model, rows, stats, inStat, outStat, prov, desc.type());
            }
        }
        return 0;
    }

    private void run(GctDataset ds, ExpressionModel model, int[][] rows, Statistics stats, int[] inStat, int[] outStat,
            Provenance prov, String modelType) {
        int nIn = model.inputs().size();
        int nOut = model.outputs().size();
        int nSamples = ds.columnCount();
        double eps = stats.epsilon();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("model", modelDir.getFileName().toString());
        about.put("model_type", modelType);
        about.put("output_scale", scale.name());
        about.put("input_standardisation", "z = (x - mean) / (std + " + eps + "), training statistics of "
                + normalization.getFileName());
        about.put("quantile_normalisation", "not applied to the input (L1000 Level 3 is quantile-normalised per plate;"
                + " training data were " + (stats.quantile() ? "" : "not ") + "quantile-normalised)");
        if (scale == Scale.expression) {
            about.put("output_destandardisation", "x = z * (std + " + eps + ") + mean, training statistics of the targets");
        }
        ArrowMatrixWriter arrow = null;
        GctxStreamWriter gctx = null;
        try {
            if (outArrow != null) {
                Map<String, String> meta = metadata(prov);
                meta.put(META_SCALE, scale.name());
                meta.put(META_INFERENCE, Json.compact(about));
                arrow = new ArrowMatrixWriter(outArrow, model.outputs(), List.<ObsColumn>of(), meta);
            }
            if (outGctx != null) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put(ATTR_SCALE, scale.name());
                attrs.put(ATTR_PROVENANCE, Json.compact(prov));
                gctx = new GctxStreamWriter(outGctx, model.outputs(), ds.columnIds(), Map.of(), ds.columnMetadata(), attrs);
            }
            long start = System.nanoTime();
            long lastReport = start;
            for (int from = 0; from < nSamples; from += chunk) {
                int to = Math.min(nSamples, from + chunk);
                int n = to - from;
                float[] block = ds.readColumns(from, to);
                float[] x = new float[n * nIn];
                int width = ds.rowCount();
                for (int s = 0; s < n; s++) {
                    int base = s * width;
                    for (int k = 0; k < nIn; k++) {
                        double sum = 0;
                        for (int r : rows[k]) {
                            float v = block[base + r];
                            if (!Float.isFinite(v)) {
                                throw new InputException(input, "sample " + ds.columnIds().get(from + s) + ", row "
                                        + ds.rowIds().get(r) + " has no finite value (" + v + ")");
                            }
                            sum += v;
                        }
                        // as convert + normalize did for training: the probe mean as float32, then standardised
                        float gene = (float) (sum / rows[k].length);
                        int j = inStat[k];
                        x[s * nIn + k] = (float) ((gene - stats.means()[j]) / (stats.stds()[j] + eps));
                    }
                }
                float[] y = model.predict(x, n);
                if (outStat != null) {
                    for (int s = 0; s < n; s++) {
                        for (int t = 0; t < nOut; t++) {
                            int j = outStat[t];
                            y[s * nOut + t] = (float) (y[s * nOut + t] * (stats.stds()[j] + eps) + stats.means()[j]);
                        }
                    }
                }
                if (arrow != null) {
                    for (int s = 0; s < n; s++) {
                        arrow.write(ds.columnIds().get(from + s), List.of(), y, s * nOut);
                    }
                }
                if (gctx != null) {
                    gctx.write(y, 0, n);
                }
                long now = System.nanoTime();
                if (now - lastReport > 30_000_000_000L && to < nSamples) {
                    lastReport = now;
                    double secs = (now - start) / 1e9;
                    System.err.printf(Locale.ROOT, "infer: %d of %d samples (%.0f samples/s)%n", to, nSamples, to / secs);
                }
            }
            if (gctx != null) {
                gctx.close();
            }
            if (arrow != null) {
                arrow.close();
            }
            if (outSummary != null) {
                Map<String, Object> sum = new LinkedHashMap<>();
                sum.put("input", input.getFileName().toString());
                sum.put("profiles", nSamples);
                sum.put("targets", nOut);
                sum.put("landmarks", nIn);
                sum.put("model", about.get("model"));
                sum.put("model_type", modelType);
                sum.put("output_scale", scale.name());
                sum.put("out_arrow", outArrow == null ? null : outArrow.getFileName().toString());
                sum.put("out_gctx", outGctx == null ? null : outGctx.getFileName().toString());
                sum.put("provenance", prov);
                Json.writeFile(outSummary, sum);
            }
            System.err.printf(Locale.ROOT, "inferred %d targets for %d samples of %s from %d landmarks (%s model, %s scale)%n",
                    nOut, nSamples, input.getFileName(), nIn, modelType, scale);
        } catch (RuntimeException | Error e) {
            if (arrow != null) {
                arrow.abort();
            }
            if (gctx != null) {
                gctx.abort();
            }
            throw e;
        }
    }

    /** For each model input, the index of its statistics in normalization.json; clear error for any missing. */
    private int[] statisticsOf(List<String> genes, Map<String, Integer> featureIndex, Path modelJson, String what) {
        int[] idx = new int[genes.size()];
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            Integer j = featureIndex.get(genes.get(k));
            if (j == null) {
                missing.add(genes.get(k));
                idx[k] = -1;
            } else {
                idx[k] = j;
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(modelJson, missing.size() + " of the model's " + genes.size() + " " + what
                    + " are not features of " + normalization + " (was the model trained on data normalised with it?): "
                    + list(missing));
        }
        return idx;
    }

    /**
     * For each model input gene, the input rows averaged into it: its probes (with a map) or the rows
     * named by the gene. Every missing id is reported at once.
     */
    private int[][] landmarkRows(GctDataset ds, List<String> genes, GeneMap map) {
        Map<String, List<Integer>> rowsOf = new HashMap<>();
        for (int i = 0; i < ds.rowCount(); i++) {
            rowsOf.computeIfAbsent(ds.rowIds().get(i), k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> unversioned = new HashMap<>();
        for (int i = 0; i < ds.rowCount(); i++) {
            unversioned.computeIfAbsent(GeneMap.unversion(ds.rowIds().get(i)), k -> new ArrayList<>()).add(i);
        }
        int[][] rows = new int[genes.size()][];
        List<String> missing = new ArrayList<>();
        int wanted = 0;
        if (map == null) {
            for (int k = 0; k < rows.length; k++) {
                // a row named by the feature id (lm:ENSG...) or by the Ensembl id, version suffix ignored
                List<Integer> r = rowsOf.get(genes.get(k));
                if (r == null) {
                    r = unversioned.get(GeneMap.unversion(GeneMap.ensemblOf(genes.get(k))));
                }
                wanted++;
                if (r == null) {
                    missing.add(genes.get(k));
                } else {
                    rows[k] = r.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            if (!missing.isEmpty()) {
                throw new InputException(input, "lacks " + missing.size() + " of the " + wanted
                        + " landmark genes the model needs (rows must be named by gene, or give --landmarks to average"
                        + " probes): " + list(missing));
            }
            return rows;
        }
        // the model's inputs are landmark feature ids, lm:<Ensembl id>
        Map<String, GeneMap.Gene> bySymbol = new HashMap<>();
        map.genes().forEach(g -> bySymbol.put(GeneMap.featureId(GeneMap.Role.LANDMARK, g), g));
        List<String> unmapped = new ArrayList<>();
        for (String g : genes) {
            if (!bySymbol.containsKey(g)) {
                unmapped.add(g);
            }
        }
        if (!unmapped.isEmpty()) {
            throw new InputException(landmarkMap, "has no probes for " + unmapped.size() + " of the model's "
                    + genes.size() + " landmark genes: " + list(unmapped));
        }
        for (int k = 0; k < rows.length; k++) {
            List<Integer> r = new ArrayList<>();
            for (String probe : bySymbol.get(genes.get(k)).probes()) {
                wanted++;
                List<Integer> at = rowsOf.get(probe);
                if (at == null) {
                    missing.add(probe);
                } else {
                    r.addAll(at);
                }
            }
            rows[k] = r.stream().mapToInt(Integer::intValue).toArray();
        }
        if (!missing.isEmpty()) {
            throw new InputException(input, "lacks " + missing.size() + " of the " + wanted + " landmark probes the model"
                    + " needs (" + landmarkMap.getFileName() + "): " + list(missing));
        }
        return rows;
    }

    /** Up to 20 ids, comma-separated, then how many more. */
    static String list(List<String> ids) {
        int shown = Math.min(20, ids.size());
        String s = String.join(", ", ids.subList(0, shown));
        return shown < ids.size() ? s + ", ... (" + (ids.size() - shown) + " more)" : s;
    }

    static Statistics readStatistics(Path file) {
        JsonNode root = Json.readObject(file, "file not found");
        JsonNode f = root.get("features");
        JsonNode m = root.get("means");
        JsonNode s = root.get("stds");
        if (f == null || !f.isArray() || m == null || !m.isArray() || s == null || !s.isArray()) {
            throw new InputException(file, "needs arrays features, means and stds (normalization.json of the normalize step)");
        }
        if (m.size() != f.size() || s.size() != f.size()) {
            throw new InputException(file, "has " + f.size() + " features but " + m.size() + " means and " + s.size() + " stds");
        }
        List<String> features = new ArrayList<>();
        double[] means = new double[f.size()];
        double[] stds = new double[f.size()];
        for (int j = 0; j < f.size(); j++) {
            features.add(f.get(j).asText());
            if (!m.get(j).isNumber() || !s.get(j).isNumber() || !(s.get(j).asDouble() >= 0)) {
                throw new InputException(file, "feature " + features.get(j) + " has no numeric mean and non-negative std");
            }
            means[j] = m.get(j).asDouble();
            stds[j] = s.get(j).asDouble();
        }
        JsonNode e = root.get("std_epsilon");
        double eps = e != null && e.isNumber() ? e.asDouble() : GeneStandardizer.EPSILON;
        JsonNode q = root.get("quantile_normalised");
        return new Statistics(List.copyOf(features), means, stds, eps, q != null && q.asBoolean());
    }
}
