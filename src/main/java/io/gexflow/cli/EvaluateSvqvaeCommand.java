package io.gexflow.cli;

import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.models.svqvae.LabelledData;
import io.gexflow.models.svqvae.SvqVaeEvaluator;
import io.gexflow.models.svqvae.SvqVaeModel;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gexflow evaluate-svqvae}: the paper's numbers and analyses for every trained S-VQ-VAE / VQ-VAE
 * on the training and test splits; writes metrics.json and one set of analysis files per model.
 */
@Command(name = "evaluate-svqvae", mixinStandardHelpOptions = true,
        description = {"MSE (label code / nearest code), perplexity (label / nearest-code assignment), nearest-code accuracy,",
            "decoded codes, code frequency per class, code distances, nearest-partner graph with Louvain communities,",
            "and samples from N(e_y, Sigma_y); writes metrics.json and the analysis files beside it."})
public final class EvaluateSvqvaeCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateSvqvaeCommand.class);

    @Option(names = "--train", required = true, description = "Training split (.arrow) the models were trained on.")
    Path train;

    @Option(names = "--test", required = true, description = "Test split (.arrow).")
    Path test;

    @Option(names = "--model", required = true, paramLabel = "NAME=DIR",
            description = "name=model-directory, repeatable; each name once.")
    List<String> modelOptions = new ArrayList<>();

    @Option(names = "--samples-per-class", defaultValue = "8",
            description = "Samples generated from N(e_y, Sigma_y) per class (VQ-VAE: per used code) (default ${DEFAULT-VALUE}).")
    int samplesPerClass;

    @Mixin CommonOptions.Seed seed;

    @Mixin CommonOptions.OutDir outDir;

    @Override
    public Integer call() {
        if (samplesPerClass < 0) {
            throw new ParameterException(spec.commandLine(), "--samples-per-class must be >= 0");
        }
        Map<String, Path> models = NamedModels.parse(spec, modelOptions);
        // every result file appears together, or none: a model that fails leaves nothing of the others
        return StagedDirectory.write(outDir.value(), staging -> evaluate(models, staging));
    }

    /** Writes into {@code outDir}, the staging directory that takes the --out-dir option's place at the end. */
    private int evaluate(Map<String, Path> models, Path outDir) {
        LabelledData tr = LabelledData.read(train);
        LabelledData te = LabelledData.read(test);
        tr.checkCompatible(te);
        Provenance prov = provenance(seed.value(), train, test);
        Map<String, String> arrowMeta = SvqVaeEvaluator.metadata(tr, Json.compact(prov));
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : models.entrySet()) {
            try (SvqVaeModel m = SvqVaeModel.load(e.getValue())) {
                LOG.info("{}: {} with {} codes", e.getKey(), m.kind().label(), m.codes());
                Map<String, Object> r = SvqVaeEvaluator.evaluate(e.getKey(), e.getValue(), m, tr, te, outDir, samplesPerClass,
                        seed.value(), arrowMeta);
                out.put(e.getKey(), r);
                LOG.info(String.format(Locale.ROOT, "%s: MSE %s, perplexity %s, accuracy %s", e.getKey(), r.get("mse"),
                        r.get("perplexity"), r.get("accuracy")));
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("track", "svqvae");
        metrics.put("dataset", tr.dataset());
        metrics.put("classes", tr.classes());
        metrics.put("n_train", tr.rows());
        metrics.put("n_test", te.rows());
        metrics.put("n_features", tr.cols());
        if (tr.imageShape() != null) {
            metrics.put("image_shape", tr.imageShape());
        }
        metrics.put("scale", "lincs".equals(tr.dataset())
                ? "MSE on the z-score scale [-10, 10] (decoder tanh output x10), averaged over samples x genes"
                : "MSE on the pixel scale [-1, 1], averaged over samples x 784 pixels");
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("mse.train", "the training forward pass: label code (S-VQ-VAE) or nearest code (VQ-VAE), model after the last epoch");
        definitions.put("mse.*_label_code", "x against d(e_y), y the sample's label (the reference notebook's test loss)");
        definitions.put("mse.*_nearest_code", "x against d(e_k), k = argmin_j ||z_e(x) - e_j|| (the paper's text for test inputs)");
        definitions.put("mse.train_last_epoch", "mean of the minibatch MSEs in the last training epoch (what the reference code prints)");
        definitions.put("perplexity", "exp(-sum_k p_k log(p_k + 1e-10)), p_k the fraction of rows assigned to code k");
        definitions.put("perplexity.*_label_assignment", "rows assigned to their label's code (what the reference S-VQ-VAE reports)");
        definitions.put("perplexity.*_nearest_code", "rows assigned to their nearest code (what the reference VQ-VAE reports)");
        definitions.put("perplexity.train_as_reference", "the reference code's kind for the model: label for S-VQ-VAE, nearest for VQ-VAE");
        definitions.put("perplexity.train_last_epoch", "that kind, averaged over the last epoch's minibatches (as the reference prints it)");
        definitions.put("accuracy.*_nearest_code", "class predicted as the nearest code's class (S-VQ-VAE)");
        definitions.put("accuracy.*_majority_code", "class predicted as the majority training class of the nearest code");
        metrics.put("definitions", definitions);
        metrics.put("models", out);
        metrics.put("provenance", prov);
        Json.writeFile(outDir.resolve("metrics.json"), metrics);
        return 0;
    }
}
