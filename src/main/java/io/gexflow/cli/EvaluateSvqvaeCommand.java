package io.gexflow.cli;

import io.gexflow.eval.SvqVaeMetrics;
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
        return StagedDirectory.write(outDir.value, staging -> evaluate(models, staging));
    }

    /** Writes into {@code outDir}, the staging directory that takes the --out-dir option's place at the end. */
    private int evaluate(Map<String, Path> models, Path outDir) {
        LabelledData tr = LabelledData.read(train);
        LabelledData te = LabelledData.read(test);
        tr.checkCompatible(te);
        Provenance prov = provenance(seed.value, train, test);
        Map<String, String> arrowMeta = SvqVaeEvaluator.metadata(tr, Json.compact(prov));
        Map<String, SvqVaeMetrics.Model> out = new LinkedHashMap<>();
        for (var e : models.entrySet()) {
            try (SvqVaeModel m = SvqVaeModel.load(e.getValue())) {
                LOG.info("{}: {} with {} codes", e.getKey(), m.kind().label(), m.codes());
                SvqVaeMetrics.Model r = SvqVaeEvaluator.evaluate(e.getKey(), e.getValue(), m, tr, te, outDir, samplesPerClass,
                        seed.value, arrowMeta);
                out.put(e.getKey(), r);
                LOG.info(String.format(Locale.ROOT, "%s: MSE %s, perplexity %s, accuracy %s", e.getKey(), Json.compact(r.mse()),
                        Json.compact(r.perplexity()), Json.compact(r.accuracy())));
            }
        }
        SvqVaeMetrics metrics = new SvqVaeMetrics(SvqVaeMetrics.TRACK, tr.dataset(), tr.classes(), tr.rows(), te.rows(),
                tr.cols(), tr.imageShape(), "lincs".equals(tr.dataset())
                        ? "MSE on the z-score scale [-10, 10] (decoder tanh output x10), averaged over samples x genes"
                        : "MSE on the pixel scale [-1, 1], averaged over samples x 784 pixels",
                SvqVaeMetrics.DEFINITIONS, out, prov);
        Json.writeFile(outDir.resolve("metrics.json"), metrics);
        return 0;
    }
}
