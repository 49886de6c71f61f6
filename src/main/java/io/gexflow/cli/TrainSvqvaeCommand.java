package io.gexflow.cli;

import io.gexflow.eval.History;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.svqvae.LabelledData;
import io.gexflow.models.svqvae.SvqArchitecture;
import io.gexflow.models.svqvae.SvqModelKind;
import io.gexflow.models.svqvae.SvqVaeFamily;
import io.gexflow.models.svqvae.SvqVaeModel;
import io.gexflow.models.svqvae.SvqVaeSettings;
import io.gexflow.models.svqvae.SvqVaeTrainer;
import io.gexflow.provenance.Provenance;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
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
 * {@code gexflow train-svqvae}: trains an S-VQ-VAE (one code per class, eq. 3) or the VQ-VAE baseline
 * (eq. 1) on a training split; the network follows the file's {@code gexflow.dataset}.
 */
@Command(name = "train-svqvae", mixinStandardHelpOptions = true,
        description = {"Train an S-VQ-VAE or a VQ-VAE (Adam with AMSGrad); writes model.json, svqvae.params and history.json.",
            "The network (MNIST conv or LINCS MLP) and the paper's defaults follow the file's gexflow.dataset."})
public final class TrainSvqvaeCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(TrainSvqvaeCommand.class);

    @Option(names = "--train", required = true, description = "Training split (.arrow) with obs 'label' and gexflow.classes.")
    Path train;

    @Option(names = "--model", required = true, description = "svqvae or vqvae.")
    String model;

    @Option(names = "--codes", description = "VQ-VAE codebook size K (default: the number of classes). S-VQ-VAE has one code per class.")
    Integer codes;

    @Option(names = "--epochs", description = "Epochs (default the paper's: MNIST 25, LINCS 1200).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Minibatch size (default the paper's: MNIST 256, LINCS 128).")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam (AMSGrad) learning rate (default the paper's: MNIST 1e-3, LINCS 1e-4).")
    Double learningRate;

    @Option(names = "--beta", defaultValue = "0.25", description = "Commitment weight beta (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--gamma", defaultValue = "0.1", description = "S-VQ-VAE divergence weight gamma (default ${DEFAULT-VALUE}).")
    double gamma;

    @Mixin
    DeviceOption device;

    @Mixin CommonOptions.Seed seed;

    @Mixin CommonOptions.OutDir outDir;

    @Option(names = "--debug-numerics", paramLabel = "FILE",
            description = "Write one TSV row per batch: every loss term, each parameter's gradient norm, z_e and code norms "
                    + "(written also when training stops at a non-finite value); outside --out-dir.")
    Path debugNumerics;

    /** The model directory is written as a whole ({@link StagedDirectory}): a failed run leaves the previous one. */
    @Override
    public Integer call() {
        if (debugNumerics != null && debugNumerics.toAbsolutePath().normalize().startsWith(outDir.value.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--debug-numerics must lie outside --out-dir: "
                    + "it is kept when training fails, and a failed run leaves no model directory");
        }
        return StagedDirectory.write(outDir.value, this::train);
    }

    private Integer train(Path outDir) {
        SvqModelKind kind;
        try {
            kind = SvqModelKind.of(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
        if (kind == SvqModelKind.SVQVAE && codes != null) {
            throw new ParameterException(spec.commandLine(), "--codes is for vqvae: S-VQ-VAE has one code per class");
        }
        LabelledData data = LabelledData.read(train);
        if (kind == SvqModelKind.SVQVAE && !data.absentClasses().isEmpty()) {
            throw new io.gexflow.io.InputException(train, "S-VQ-VAE trains one code per class, and these classes have no "
                    + "training sample: " + String.join(", ", data.absentClasses()));
        }
        SvqArchitecture arch = data.architecture();
        int k = codes != null ? codes : data.classes().size();
        SvqVaeSettings s;
        try {
            s = new SvqVaeSettings(kind, arch, k,
                    epochs != null ? epochs : SvqVaeSettings.paperEpochs(arch),
                    batchSize != null ? batchSize : SvqVaeSettings.paperBatchSize(arch),
                    learningRate != null ? learningRate : SvqVaeSettings.paperLearningRate(arch), beta, gamma, seed.value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ai.djl.Device on = device.resolve();
        LOG.info("{} on {}: {} samples x {} features, {} classes, {} codes of {} dims; {} epochs, batch {}, lr {}; on {}",
                kind.label(), arch.label(), data.rows(), data.cols(), data.classes().size(), k, arch.latentDim(),
                s.epochs(), s.batchSize(), s.learningRate(), io.gexflow.family.ComputeDevice.label(on));
        Provenance prov = provenance(seed.value, train);
        long start = System.nanoTime();
        History h = SvqVaeTrainer.train(data, s, outDir.resolve(SvqVaeModel.PARAMS), debugNumerics, on, LOG::info);
        Json.writeFile(outDir.resolve(History.FILE), h);
        List<String> names = SvqVaeModel.codeNames(kind, data.classes(), k);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("label", kind.label());
        summary.put("training_samples", data.rows());
        summary.put("classes", data.classes());
        summary.put("device", io.gexflow.family.ComputeDevice.label(on));
        summary.put("final_train_mse", h.last().get(SvqVaeTrainer.TRAIN_MSE));
        summary.put("final_perplexity", h.last().get(SvqVaeTrainer.PERPLEXITY));
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), new ModelDescriptor(SvqVaeFamily.NAME, SvqVaeFamily.VERSION,
                kind.id(), data.features(), names, SvqVaeModel.settings(s, data.dataset(), names), summary, prov));
        LOG.info(String.format(Locale.ROOT, "done in %.1f s: train MSE %.4f, perplexity %.3f", (System.nanoTime() - start) / 1e9,
                h.last().get(SvqVaeTrainer.TRAIN_MSE), h.last().get(SvqVaeTrainer.PERPLEXITY)));
        return 0;
    }
}
