package io.gexflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.RegressionData;
import io.gexflow.eval.GeneErrors;
import io.gexflow.eval.RegressionMetrics;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.GeneMap;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.models.ExpressionModel;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.ModelStore;
import io.gexflow.models.baselines.KnnGeModel;
import io.gexflow.models.baselines.LinearBaselines;
import io.gexflow.models.baselines.LinearRegressionModel;
import io.gexflow.models.dgex.DgexModel;
import io.gexflow.eval.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Applies every trained model to the test split and writes the paper's metrics: per-gene MAE, overall
 * MAE as mean +- sd over target genes, and for each D-GEX model its relative improvement over the
 * baseline and the fraction of genes it improves.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Per-gene MAE of each model on the test split; writes metrics.json and per-gene TSVs.")
public final class EvaluateCommand extends Verb {
    @Option(names = "--test", required = true, description = "Test split (.arrow).")
    Path test;

    @Option(names = "--model", required = true, paramLabel = "NAME=DIR",
            description = "name=model-directory, repeatable; each name once.")
    List<String> modelOptions = new ArrayList<>();

    @Option(names = "--baseline",
            description = "Model the others are compared with; it must be one of the --model names "
                    + "(default: lr when a model is named lr, else no comparison).")
    String baseline;

    @Option(names = "--dataset", defaultValue = "", description = "What the data is, for the report.")
    String dataset;

    @Option(names = "--test-set", defaultValue = "GEO-te", description = "Name of the test set (default ${DEFAULT-VALUE}).")
    String testSet;

    @Option(names = "--family", paramLabel = "NAME",
            description = "Family of the models: dgex, lr, knn (this verb's own, the default) or svqvae, vqvae (runs "
                    + "evaluate-svqvae with the other options), samsvae, cpavae, cvae (evaluate-perturb).")
    String family;

    @Mixin CommonOptions.OutDir outDir;

    /** The other options of the family's verb ({@code --train}, {@code --seed}, ...), passed on with --family. */
    @Unmatched
    List<String> rest = new ArrayList<>();

    /** The evaluating verb of each family or variant (the names of {@link TrainCommand#VERBS}). */
    static final Map<String, String> VERBS = Map.of("dgex", "evaluate", "lr", "evaluate", "knn", "evaluate",
            "svqvae", "evaluate-svqvae", "vqvae", "evaluate-svqvae", "samsvae", "evaluate-perturb",
            "cpavae", "evaluate-perturb", "cvae", "evaluate-perturb");

    @Override
    public Integer call() {
        if (family != null) {
            try {
                TrainCommand.verbOf(family); // a registered family: the same names and message as train --family
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--family: " + e.getMessage());
            }
            String verb = VERBS.get(family);
            if (!verb.equals(spec.name())) {
                return spec.parent().subcommands().get(verb).execute(argumentsWithoutFamily().toArray(String[]::new));
            }
        }
        if (!rest.isEmpty()) {
            throw new UnmatchedArgumentException(spec.commandLine(), rest);
        }
        Map<String, Path> models = NamedModels.parse(spec, modelOptions);
        if (baseline != null && !models.containsKey(baseline)) {
            throw new ParameterException(spec.commandLine(), "--baseline '" + baseline + "' is none of the --model names "
                    + models.keySet());
        }
        String base = baseline != null ? baseline : models.containsKey("lr") ? "lr" : null;
        // every result file appears together, or none: a model that fails leaves nothing of the others
        return StagedDirectory.write(outDir.value, staging -> evaluate(models, base, staging));
    }

    /** Writes into {@code outDir}, the staging directory that takes the --out-dir option's place at the end. */
    private int evaluate(Map<String, Path> models, String baseline, Path outDir) {
        RegressionData d = RegressionData.read(test);
        Map<String, String> testMeta;
        List<String> allFeatures;
        try (ArrowMatrixReader r = new ArrowMatrixReader(test)) {
            testMeta = r.metadata();
            allFeatures = r.features();
        }
        Map<String, String> symbols = symbols(testMeta, allFeatures);
        Map<String, RegressionMetrics.Model> modelsOut = new LinkedHashMap<>();
        Map<String, double[]> perGene = new LinkedHashMap<>();
        for (var e : models.entrySet()) {
            String name = e.getKey();
            Path dir = e.getValue();
            ModelDescriptor desc = Json.readFile(dir.resolve(ModelDescriptor.FILE), ModelDescriptor.class);
            double[] mae;
            try (ExpressionModel m = ModelStore.load(dir)) {
                if (!m.inputs().equals(d.inputs()) || !m.outputs().equals(d.outputs())) {
                    throw new InputException(dir.resolve(ModelDescriptor.FILE),
                            "genes differ from the test split " + test.getFileName());
                }
                mae = GeneErrors.perGeneMae(m.predict(d.x(), d.rows()), d.y(), d.rows(), d.outputs().size());
            }
            perGene.put(name, mae);
            String tsv = "per_gene_mae_" + name + ".tsv";
            writeTsv(outDir.resolve(tsv), d.outputs(), symbols, mae);
            RegressionMetrics.Model m;
            if (DgexModel.TYPE.equals(desc.type())) {
                Path history = dir.resolve(History.FILE);
                String copy = null;
                if (Files.isRegularFile(history)) {
                    copy = "history_" + name + ".json";
                    AtomicFile.writeString(outDir.resolve(copy), read(history));
                }
                Map<String, Object> settings = desc.settings();
                m = new RegressionMetrics.Model(String.valueOf(desc.summary().get("label")), "dgex", desc.type(),
                        GeneErrors.mean(mae), GeneErrors.sd(mae), tsv,
                        new RegressionMetrics.Architecture(((Number) settings.get("hidden_layers")).intValue(),
                                ((Number) settings.get("hidden_units")).intValue(), ((Number) settings.get("dropout")).doubleValue()),
                        desc.summary().get("best_epoch") instanceof Number epoch ? epoch.intValue() : null, copy);
            } else {
                m = RegressionMetrics.Model.baseline(label(desc), desc.type(), GeneErrors.mean(mae), GeneErrors.sd(mae), tsv);
            }
            modelsOut.put(name, m);
            System.err.printf(Locale.ROOT, "%-10s overall MAE %.4f +- %.4f over %d genes%n", name, GeneErrors.mean(mae),
                    GeneErrors.sd(mae), mae.length);
        }
        List<RegressionMetrics.Comparison> comparisons = new ArrayList<>();
        double[] base = baseline == null ? null : perGene.get(baseline);
        if (base != null) {
            for (var e : perGene.entrySet()) {
                if (e.getKey().equals(baseline)) {
                    continue;
                }
                var c = new RegressionMetrics.Comparison(e.getKey(), baseline,
                        GeneErrors.relativeImprovement(GeneErrors.mean(e.getValue()), GeneErrors.mean(base)),
                        GeneErrors.fractionImproved(e.getValue(), base));
                comparisons.add(c);
                System.err.printf(Locale.ROOT, "%s vs %s: relative improvement %.2f%%, lower error on %.2f%% of genes%n",
                        e.getKey(), baseline, 100 * c.relativeImprovement(), 100 * c.fractionGenesImproved());
            }
        }
        String convertJson = testMeta.get(ConvertCommand.META_SUMMARY);
        JsonNode convert = null;
        if (convertJson != null) {
            // what CONVERT matched, lost and dropped for the test data, carried by the splits' schema metadata
            try {
                convert = Json.MAPPER.readTree(convertJson);
            } catch (IOException e) {
                throw new InputException(test, ConvertCommand.META_SUMMARY + " is not JSON");
            }
        }
        RegressionMetrics metrics = new RegressionMetrics(RegressionMetrics.TRACK, dataset, testSet,
                "standardised expression (per-gene z-score with training-split statistics), as in the reference code",
                d.rows(), d.inputs().size(), d.outputs().size(), convert, modelsOut, comparisons, provenance(null, test));
        Json.writeFile(outDir.resolve("metrics.json"), metrics);
        return 0;
    }

    /** This verb's arguments as given, less the verb's name and --family. */
    private List<String> argumentsWithoutFamily() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals(spec.name())) {
            args.remove(0);
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--family")) {
                args.subList(i, Math.min(i + 2, args.size())).clear();
                i--;
            } else if (args.get(i).startsWith("--family=")) {
                args.remove(i--);
            }
        }
        return args;
    }

    /** The paper's name of a baseline: LR, LR-L1, LR-L2 (by the lr model's penalty) or KNN-GE. */
    static String label(ModelDescriptor desc) {
        return switch (desc.type()) {
            case LinearRegressionModel.TYPE -> {
                Object penalty = desc.settings() == null ? null : desc.settings().get("penalty");
                try {
                    yield penalty == null ? "LR" : LinearBaselines.Penalty.of(penalty.toString()).label();
                } catch (IllegalArgumentException e) {
                    yield "LR (" + penalty + ")";
                }
            }
            case KnnGeModel.TYPE -> "KNN-GE";
            default -> desc.type();
        };
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Feature id -&gt; gene symbol from the schema metadata {@value ConvertCommand#META_SYMBOLS} (parallel to
     * the features); empty when the data carry no symbols.
     */
    private Map<String, String> symbols(Map<String, String> meta, List<String> features) {
        String json = meta.get(ConvertCommand.META_SYMBOLS);
        if (json == null) {
            return Map.of();
        }
        List<String> sym;
        try {
            sym = Json.MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new InputException(test, ConvertCommand.META_SYMBOLS + " is not a JSON array of strings");
        }
        if (sym.size() != features.size()) {
            throw new InputException(test, ConvertCommand.META_SYMBOLS + " has " + sym.size() + " symbols for "
                    + features.size() + " features");
        }
        Map<String, String> m = new HashMap<>();
        for (int j = 0; j < sym.size(); j++) {
            m.put(features.get(j), sym.get(j));
        }
        return m;
    }

    /**
     * {@code gene<TAB>symbol<TAB>ensembl<TAB>mae}: the feature id ({@code tg:ENSG...}), its symbol and Ensembl
     * id (empty when the data have none), the MAE.
     */
    static void writeTsv(Path file, List<String> genes, Map<String, String> symbols, double[] mae) {
        StringBuilder sb = new StringBuilder("gene\tsymbol\tensembl\tmae\n");
        for (int t = 0; t < genes.size(); t++) {
            String g = genes.get(t);
            String ensembl = GeneMap.ensemblOf(g);
            sb.append(g).append('\t').append(symbols.getOrDefault(g, "")).append('\t').append(ensembl.equals(g) ? "" : ensembl)
                    .append('\t').append(String.format(Locale.ROOT, "%.6f", mae[t])).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }
}
