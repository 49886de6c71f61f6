package io.gexflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.eval.History;
import io.gexflow.eval.PerturbFigures;
import io.gexflow.eval.PerturbMetrics;
import io.gexflow.eval.PerturbTiming;
import io.gexflow.eval.TransferMetrics;
import io.gexflow.eval.perturb.AteAgreement;
import io.gexflow.eval.perturb.ConditionSets;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.Iwelbo;
import io.gexflow.eval.perturb.LatentRecovery;
import io.gexflow.eval.perturb.ModelSummaries;
import io.gexflow.eval.perturb.TargetGraphScore;
import io.gexflow.eval.perturb.TreatmentEffects;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.models.additive.AdditiveBaseline;
import io.gexflow.models.samsvae.SamsVaeFamily;
import io.gexflow.models.samsvae.SamsVaeHyperParameters;
import io.gexflow.models.samsvae.SamsVaeModel;
import io.gexflow.models.svae.SvaeEffects;
import io.gexflow.models.svae.SvaeFamily;
import io.gexflow.models.svae.SvaeMetrics;
import io.gexflow.models.svae.SvaeModel;
import io.gexflow.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gexflow evaluate-perturb}: the perturbation track's numbers (spec perturbation.md "Metrics") for every
 * {@code --model} (SAMS-VAE family) and the additive baseline (fitted here on the training split) on the
 * held-out ({@code test}) cells: IWELBO, ATE Pearson r and R² over all genes and the top 20 per treatment set
 * (all / train / val / test conditions); on a simulation (truth.json and latents.arrow beside the counts file) latent
 * MCC / R² and the target graph's F1; sVAE-family models also their transfer-svae result ({@code --transfer}). Writes
 * metrics.json ({@link PerturbMetrics}: every run, and per model its mean and sd over seeds), figures.json
 * ({@link PerturbFigures}: what the report draws) and, given the train verbs' {@code --timing} files, timing.json
 * ({@link PerturbTiming}: the only output that differs between reruns).
 */
@Command(name = "evaluate-perturb", mixinStandardHelpOptions = true,
        description = {"Held-out IWELBO, ATE agreement (Pearson r, R^2; all genes and top 20) of SAMS-VAE-family models and",
            "the additive baseline per treatment set (all/train/val/test conditions); on simulations also latent MCC / R^2",
            "and target-graph F1; sVAE models' transfer IWELBO (--transfer); mean and sd over seeds of runs NAME_seedN.",
            "Writes metrics.json, figures.json and (with --timing) timing.json."})
public final class EvaluatePerturbCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluatePerturbCommand.class);
    static final String COUNTS = "counts.arrow";
    static final String TRUTH = "truth.json";
    static final String LATENTS = "latents.arrow";

    @Option(names = {"--data", "--test"}, required = true,
            description = {"Counts file with a split column (.arrow), or a directory with counts.arrow (and, for a simulation,",
                "truth.json and latents.arrow); --test: the same, for evaluate --family samsvae."})
    Path data;

    @Option(names = "--model", paramLabel = "NAME=DIR",
            description = "name=model-directory (train-samsvae), repeatable; each name once ('additive' is the baseline's).")
    List<String> modelOptions = new ArrayList<>();

    @Option(names = "--transfer", paramLabel = "NAME=DIR",
            description = "name=transfer-svae output (directory or its transfer.json) of the --model of that name, repeatable.")
    List<String> transferOptions = new ArrayList<>();

    @Option(names = "--timing", paramLabel = "NAME=FILE",
            description = {"name=--timing file of the train verb of the --model of that name, repeatable: collected (with mean",
                "and sd over seeds) into timing.json beside metrics.json, which stays byte-reproducible."})
    List<String> timingOptions = new ArrayList<>();

    @Option(names = "--iwelbo-particles", defaultValue = "100", description = "K, draws of the global variables (default ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--ate-samples", defaultValue = "2500", description = "Sampled cells per condition for model ATEs (default ${DEFAULT-VALUE}).")
    int ateSamples;

    @Option(names = "--ate-library", defaultValue = "10000", description = "Library size of the sampled cells (default ${DEFAULT-VALUE}).")
    double ateLibrary;

    @Option(names = "--ate-global-draws", defaultValue = "25",
            description = "Guide draws of the global variables the ATE samples share (default ${DEFAULT-VALUE}).")
    int ateGlobalDraws;

    @Option(names = "--cell-batch", defaultValue = "256", description = "Cells per evaluation batch (default ${DEFAULT-VALUE}).")
    int cellBatch;

    @Mixin CommonOptions.Seed seed;

    @Mixin CommonOptions.OutDir outDir;

    @Override
    public Integer call() {
        if (particles < 1 || ateSamples < 1 || ateGlobalDraws < 1 || cellBatch < 1 || !(ateLibrary > 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--iwelbo-particles, --ate-samples, --ate-global-draws, --cell-batch must be >= 1 and --ate-library > 0");
        }
        Map<String, Path> models = NamedModels.parse(spec, modelOptions);
        if (models.containsKey(PerturbMetrics.ADDITIVE)) {
            throw new ParameterException(spec.commandLine(), "--model name 'additive' is the baseline's");
        }
        Map<String, Path> transfers = NamedModels.parse(spec, transferOptions);
        for (String name : transfers.keySet()) {
            if (!models.containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "--transfer " + name + ": no --model of that name");
            }
        }
        Map<String, Path> timings = NamedModels.parse(spec, timingOptions);
        for (String name : timings.keySet()) {
            if (!models.containsKey(name)) {
                throw new ParameterException(spec.commandLine(), "--timing " + name + ": no --model of that name");
            }
        }
        return StagedDirectory.write(outDir.value, staging -> evaluate(models, transfers, timings, staging));
    }

    /** The conditions of {@code all} that occur among {@code test}'s, in {@code test}'s order. */
    static Conditions restrict(Conditions all, Conditions test) {
        Map<String, Integer> at = new HashMap<>();
        for (int k = 0; k < all.size(); k++) {
            at.put(all.names().get(k), k);
        }
        List<int[]> ts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<int[]> cells = new ArrayList<>();
        for (String n : test.names()) {
            int k = at.get(n);
            ts.add(all.treatments().get(k));
            names.add(n);
            cells.add(all.cells().get(k));
        }
        return new Conditions(ts, names, cells, all.controls());
    }

    private int evaluate(Map<String, Path> models, Map<String, Path> transfers, Map<String, Path> timings, Path out) {
        Path dir = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        Path countsFile = Files.isDirectory(data) ? data.resolve(COUNTS) : data;
        if (!Files.isRegularFile(countsFile)) {
            throw new InputException(countsFile, "no counts file (" + COUNTS + ") here");
        }
        PerturbationFile file = PerturbationFile.read(countsFile);
        PerturbationData train = file.split(countsFile, TrainSamsvaeCommand.TRAIN_SPLIT);
        PerturbationData test = file.split(countsFile, "test");
        if (test.cells().isEmpty() || train.cells().isEmpty()) {
            throw new InputException(countsFile, "needs train and test cells in its split column");
        }
        // data ATEs over every cell of the file against its controls (the paper's); scored for all conditions
        // and for those of the held-out cells (the rows of the test conditions within all)
        Conditions all = Conditions.of(file.data());
        Conditions testConditions = restrict(all, Conditions.of(test));
        ConditionSets sets = ConditionSets.of(all, file.obs().get(PerturbationFile.SPLIT));
        double[][] dataAte = TreatmentEffects.dataAte(file.data(), all);
        Truth truth = Truth.read(dir, file.data());
        String dataset = Files.isDirectory(data) ? dir.getFileName().toString()
                : countsFile.getFileName().toString().replaceFirst("\\.arrow$", "");
        LOG.info("{}: {} training / {} test cells, {} genes, {} treatments, {} test conditions{}", dataset, train.cells().size(),
                test.cells().size(), file.data().genes().size(), file.data().treatments().size(), testConditions.size(),
                truth != null ? ", simulation " + truth.kind : "");

        List<Path> inputs = new ArrayList<>(List.of(countsFile));
        models.values().forEach(p -> inputs.add(p.resolve(ModelDescriptor.FILE)));
        Map<String, TransferMetrics> transferred = new LinkedHashMap<>();
        transfers.forEach((name, p) -> {
            Path f = Files.isDirectory(p) ? p.resolve(TransferMetrics.FILE) : p;
            inputs.add(f);
            transferred.put(name, Json.readFile(f, TransferMetrics.class));
        });
        Provenance prov = provenance(seed.value, inputs.toArray(Path[]::new));
        Map<String, PerturbMetrics.Model> results = new LinkedHashMap<>();
        FigureData figures = new FigureData(dataAte, file.data().treatments(), truth == null ? null : truth.graph);
        for (var e : models.entrySet()) {
            PerturbMetrics.Model m = evaluateModel(e.getKey(), e.getValue(), file.data(), test, all, sets, dataAte, truth,
                    figures);
            TransferMetrics t = transferred.get(e.getKey());
            if (t != null) {
                if (!SvaeFamily.NAME.equals(m.kind()) || !t.type().equals(m.type())) {
                    throw new InputException(transfers.get(e.getKey()), "is a transfer of a " + t.type() + " model, but "
                            + e.getKey() + " is " + m.type());
                }
                if (t.none() == null && (t.meanElbo() == null || t.meanIwelbo() == null)) {
                    throw new InputException(transfers.get(e.getKey()), "has no mean_elbo / mean_iwelbo and no 'none' saying why");
                }
                m = m.withTransfer(new PerturbMetrics.Transfer(t.meanElbo(), t.meanIwelbo(), t.interventions().size(),
                        t.interventions().stream().mapToInt(TransferMetrics.Intervention::cells).sum(), t.samples(), t.none()));
            }
            results.put(e.getKey(), m);
        }
        AdditiveBaseline additive = AdditiveBaseline.fit(train);
        double[][] additiveAte = additive.ate(all);
        Map<String, PerturbMetrics.Ate> addAte = ate(sets, dataAte, additiveAte);
        figures.add(PerturbMetrics.ADDITIVE, additiveAte, null, null);
        results.put(PerturbMetrics.ADDITIVE, new PerturbMetrics.Model("baseline", PerturbMetrics.ADDITIVE, null, null, null,
                addAte, null, null, null));
        log(PerturbMetrics.ADDITIVE, results.get(PerturbMetrics.ADDITIVE));
        PerturbMetrics m = new PerturbMetrics(PerturbMetrics.TRACK, dataset, truth != null ? truth.kind : null,
                train.cells().size(), test.cells().size(), file.data().genes().size(), file.data().treatments().size(),
                testConditions.names(),
                new PerturbMetrics.Settings(particles, ateSamples, ateLibrary, ateGlobalDraws, seed.value),
                new java.util.TreeMap<>(PerturbMetrics.DEFINITIONS), results, ModelSummaries.of(results), prov);
        Json.writeFile(out.resolve("metrics.json"), m);
        Json.writeFile(out.resolve(PerturbFigures.FILE), figures.figures());
        if (!timings.isEmpty()) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            timings.forEach((name, f) -> {
                JsonNode t = Json.readObject(f, "missing: the train verb's --timing writes it");
                if (!t.path(TrainingTime.KEY).isNumber()) {
                    throw new InputException(f, "has no number " + TrainingTime.KEY);
                }
                seconds.put(name, t.path(TrainingTime.KEY).asDouble());
            });
            Json.writeFile(out.resolve(PerturbTiming.FILE), PerturbTiming.of(seconds, m.summary()));
        }
        return 0;
    }

    /** Agreement per treatment set ({@link ConditionSets}: all, and the train / val / test conditions). */
    private static Map<String, PerturbMetrics.Ate> ate(ConditionSets sets, double[][] data, double[][] model) {
        Map<String, PerturbMetrics.Ate> out = new LinkedHashMap<>();
        sets.agreement(data, model).forEach((set, a) ->
                out.put(set, new PerturbMetrics.Ate(a.pearson(), a.r2(), a.pearsonTop(), a.r2Top(), a.conditions())));
        return out;
    }

    private PerturbMetrics.Model evaluateModel(String name, Path modelDir, PerturbationData data, PerturbationData test,
            Conditions conditions, ConditionSets sets, double[][] dataAte, Truth truth, FigureData figures) {
        Path json = modelDir.resolve(ModelDescriptor.FILE);
        if (!Files.isRegularFile(json)) {
            throw new InputException(modelDir, "is no model directory (no " + ModelDescriptor.FILE + ")");
        }
        ModelDescriptor d = io.gexflow.models.FamilyRegistry.read(modelDir);
        if (SvaeFamily.NAME.equals(d.family())) {
            return evaluateSvae(name, modelDir, d, data, conditions, sets, dataAte, truth, figures);
        }
        if (!SamsVaeFamily.NAME.equals(d.family())) {
            throw new InputException(modelDir, "is a " + d.family() + " model; evaluate-perturb takes the samsvae and svae "
                    + "families");
        }
        SamsVaeHyperParameters hp = SamsVaeFamily.FAMILY.hyperParameters(d);
        try (SamsVaeModel model = SamsVaeModel.load(modelDir, d)) {
            if (!model.genes().equals(test.genes()) || !model.treatments().equals(test.treatments())) {
                throw new InputException(modelDir, "was trained on other genes or treatments than " + this.data.getFileName());
            }
            Iwelbo iw = model.iwelbo(test, particles, seed.value, cellBatch);
            double[][] modelAte = model.ate(conditions, ateSamples, ateLibrary, ateGlobalDraws, seed.value + 1);
            Map<String, PerturbMetrics.Ate> a = ate(sets, dataAte, modelAte);
            PerturbMetrics.Recovery rec = null;
            double[][] maskEstimate = null;
            if (truth != null) {
                LatentRecovery lr = LatentRecovery.of(truth.latents, model.latentMeans(data, cellBatch));
                Double p = null;
                Double r = null;
                Double f = null;
                TargetGraphScore.Oracle oracle = null;
                if (!hp.conditional()) {
                    boolean[][] est = hp.masked() ? model.estimatedTargets() : TargetGraphScore.topK(model.effectMeans(), 2);
                    TargetGraphScore g = TargetGraphScore.of(truth.graph, est, lr.matching());
                    p = g.precision();
                    r = g.recall();
                    f = g.f1();
                    if (!hp.masked()) {
                        oracle = TargetGraphScore.bestThreshold(truth.graph, model.effectMeans(), lr.matching());
                    }
                }
                rec = new PerturbMetrics.Recovery(lr.mccPearson(), lr.mccSpearman(), lr.r2(), p, r, f,
                        oracle == null ? null : oracle.score().f1(), oracle == null ? null : finiteOrNull(oracle.threshold()));
                if (hp.masked()) {
                    maskEstimate = FigureData.matched(model.network().maskProbabilities(), model.treatments().size(),
                            lr.matching());
                }
            }
            Integer best = null;
            History hist = null;
            Path history = modelDir.resolve(History.FILE);
            if (Files.isRegularFile(history)) {
                hist = History.read(history);
                best = hist.bestEpoch();
            }
            figures.add(name, modelAte, maskEstimate, hist);
            PerturbMetrics.Model m = new PerturbMetrics.Model(SamsVaeFamily.NAME, hp.type(), hp.guide(), iw.mean(), best, a, rec, null,
                    seedOf(d));
            log(name, m);
            return m;
        }
    }

    /**
     * An sVAE-family model (issue 12): latent and target recovery on a simulation ({@link SvaeMetrics}: masks for
     * svae+/svae, top-2 |mu_a| for ivae, top-2 |shift| for vae/beta-vae) and, for the variants with interventions,
     * the ATE agreement of its generative model ({@link SvaeEffects}). Its held-out IWELBO needs the transfer
     * protocol's new embeddings first (transfer-svae).
     */
    private PerturbMetrics.Model evaluateSvae(String name, Path modelDir, ModelDescriptor d, PerturbationData data,
            Conditions conditions, ConditionSets sets, double[][] dataAte, Truth truth, FigureData figures) {
        try (SvaeModel model = SvaeModel.load(modelDir, d)) {
            if (!model.genes().equals(data.genes()) || !model.treatments().equals(data.treatments())) {
                throw new InputException(modelDir, "was trained on other genes or treatments than " + this.data.getFileName());
            }
            PerturbMetrics.Recovery rec = null;
            double[][] maskEstimate = null;
            if (truth != null) {
                SvaeMetrics s = SvaeMetrics.of(model, data, truth.latents, truth.graph);
                rec = new PerturbMetrics.Recovery(s.mccPearson(), s.mccSpearman(), s.r2(), s.precision(), s.recall(), s.f1(),
                        s.oracleF1(), s.oracleF1() == null ? null : finiteOrNull(s.oracleThreshold()));
                double[][] probabilities = model.maskProbabilities();
                if (probabilities != null && model.variant().graphFromMasks()) {
                    int[] matching = LatentRecovery.of(truth.latents, model.latentMeans(data)).matching();
                    maskEstimate = FigureData.matched(probabilities, matching);
                }
            }
            Integer best = null;
            History hist = null;
            Path history = modelDir.resolve(History.FILE);
            if (Files.isRegularFile(history)) {
                hist = History.read(history);
                best = hist.bestEpoch();
            }
            double[][] modelAte = SvaeEffects.hasEffects(model)
                    ? SvaeEffects.ate(model, conditions, ateSamples, ateLibrary, seed.value + 1) : null;
            Map<String, PerturbMetrics.Ate> a = modelAte == null ? null : ate(sets, dataAte, modelAte);
            figures.add(name, modelAte, maskEstimate, hist);
            PerturbMetrics.Model m = new PerturbMetrics.Model(SvaeFamily.NAME, model.variant().type(), null, null, best, a,
                    rec, null, seedOf(d));
            log(name, m);
            return m;
        }
    }

    /** The training seed model.json's provenance records (null when none). */
    static Long seedOf(ModelDescriptor d) {
        JsonNode s = Json.MAPPER.valueToTree(d.provenance()).path("seed");
        return s.isIntegralNumber() ? s.asLong() : null;
    }

    private static void log(String name, PerturbMetrics.Model m) {
        if (m.ate() == null) {
            LOG.info(String.format(Locale.ROOT, "%s (%s): MCC %s, target F1 %s", name, m.type(),
                    m.recovery() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.recovery().mccPearson()),
                    m.recovery() == null || m.recovery().targetF1() == null ? "-"
                            : String.format(Locale.ROOT, "%.3f", m.recovery().targetF1())));
            return;
        }
        LOG.info(String.format(Locale.ROOT, "%s (%s): IWELBO %s, ATE (all conditions) r %.3f R2 %.3f, top-20 r %.3f R2 %.3f%s", name, m.type(),
                m.iwelbo() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.iwelbo()), m.ate().get("all").pearson(),
                m.ate().get("all").r2(), m.ate().get("all").pearsonTop20(), m.ate().get("all").r2Top20(), m.recovery() == null ? ""
                        : String.format(Locale.ROOT, ", MCC %.3f, target F1 %s", m.recovery().mccPearson(),
                                m.recovery().targetF1() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.recovery().targetF1()))));
    }

    /** A simulation's truth: the true latents of every cell and the true target graph, in the data's orders. */
    record Truth(String kind, double[][] latents, boolean[][] graph) {
        static Truth read(Path dir, PerturbationData all) {
            Path t = dir.resolve(TRUTH);
            Path z = dir.resolve(LATENTS);
            if (!Files.isRegularFile(t) || !Files.isRegularFile(z)) {
                return null;
            }
            JsonNode j;
            try {
                j = Json.MAPPER.readTree(t.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> names = new ArrayList<>();
            j.get("treatments").forEach(n -> names.add(n.asText()));
            JsonNode masks = j.get("masks");
            boolean[][] graph = new boolean[all.treatments().size()][];
            for (int a = 0; a < graph.length; a++) {
                int at = names.indexOf(all.treatments().get(a));
                if (at < 0) {
                    throw new InputException(t, "has no treatment " + all.treatments().get(a));
                }
                JsonNode row = masks.get(at);
                graph[a] = new boolean[row.size()];
                for (int i = 0; i < row.size(); i++) {
                    graph[a][i] = row.get(i).asDouble() != 0;
                }
            }
            DenseMatrix latents = ArrowMatrixReader.readAll(z);
            Map<String, Integer> row = new HashMap<>();
            for (int i = 0; i < latents.rows(); i++) {
                row.put(latents.ids().get(i), i);
            }
            Set<String> seen = new HashSet<>();
            double[][] zt = new double[all.cells().size()][latents.cols()];
            for (int i = 0; i < zt.length; i++) {
                Integer r = row.get(all.cells().get(i));
                if (r == null || !seen.add(all.cells().get(i))) {
                    throw new InputException(z, "has no (single) row for cell " + all.cells().get(i));
                }
                for (int k = 0; k < latents.cols(); k++) {
                    zt[i][k] = latents.get(r, k);
                }
            }
            return new Truth(j.path("kind").asText(null), zt, graph);
        }
    }

    /** A threshold as JSON can hold it: null for the empty graph's +infinity. */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
