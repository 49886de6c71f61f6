package io.gexflow.cli;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.eval.History;
import io.gexflow.family.ComputeDevice;
import io.gexflow.io.InputException;
import io.gexflow.io.StagedDirectory;
import io.gexflow.models.samsvae.SamsVaeHyperParameters;
import io.gexflow.models.samsvae.SamsVaeTrainer;
import io.gexflow.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gexflow train-samsvae}: SAMS-VAE, CPA-VAE or the conditional VAE (spec perturbation.md) on a sparse counts
 * file. The cells come from the file's {@code split} column: {@code train} cells of {@code --train}, {@code val}
 * cells of {@code --valid} (the same file when it is not given), so the one counts.arrow of {@code simulate} or
 * {@code prepare-perturb} serves both, and the generic Nextflow TRAIN module passes it once. A file without a split
 * column is used whole. The defaults are the spec's Norman settings (latent 200, width 400, Adam 3e-4, batch 512).
 */
@Command(name = "train-samsvae", mixinStandardHelpOptions = true,
        description = {"Train SAMS-VAE (sparse masks), CPA-VAE (no mask) or a conditional VAE on a sparse counts file",
            "and keep the epoch with the lowest validation loss (negative ELBO)."})
public final class TrainSamsvaeCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(TrainSamsvaeCommand.class);
    static final String TRAIN_SPLIT = "train";
    static final String VALID_SPLIT = "val";

    @Option(names = "--train", required = true,
            description = "Counts file (.arrow, sparse): its split=train cells (all cells when it has no split column).")
    Path train;

    @Option(names = "--valid",
            description = "Counts file whose split=val cells pick the epoch (all cells without a split column); default: --train's val cells.")
    Path valid;

    @Mixin CommonOptions.OutDir outDir;

    @Option(names = "--type", defaultValue = "samsvae",
            description = "samsvae, cpavae or cvae (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--guide", defaultValue = "meanfield",
            description = "meanfield or correlated (SAMS-VAE only) (default ${DEFAULT-VALUE}).")
    String guide;

    @Option(names = "--latent", defaultValue = "200", description = "Latent dimension K (default ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--width", defaultValue = "400", description = "Width H of the MLPs (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--layers", defaultValue = "1", description = "Hidden layers L of encoder and decoder (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--mask-prior", defaultValue = "0.01", description = "p of the Bernoulli(p) mask prior (default ${DEFAULT-VALUE}).")
    double maskPrior;

    @Option(names = "--particles", defaultValue = "5", description = "Monte-Carlo particles of the ELBO (default ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--learning-rate", defaultValue = "3e-4", description = "Adam's rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-6", description = "Adam's weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--batch-size", defaultValue = "512", description = "Cells per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "100", description = "Passes over the training cells (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--grad-clip", defaultValue = "100", description = "Maximum gradient norm, 0: none (default ${DEFAULT-VALUE}).")
    double gradClip;

    @Option(names = "--patience", defaultValue = "0",
            description = "Stop after this many epochs without a lower validation loss, 0: never (default ${DEFAULT-VALUE}).")
    int patience;

    @Mixin DeviceOption device;

    @Mixin CommonOptions.Seed seed;

    @Mixin TrainingTime timing;

    /** The model directory is written as a whole ({@link StagedDirectory}): a failed run leaves the previous one. */
    @Override
    public Integer call() {
        SamsVaeHyperParameters hp;
        try {
            hp = new SamsVaeHyperParameters(type, guide, latent, width, layers, maskPrior, particles, learningRate,
                    weightDecay, batchSize, epochs, gradClip, seed.value, patience);
            if (patience < 0 || gradClip < 0 || learningRate <= 0 || weightDecay < 0) {
                throw new IllegalArgumentException("--patience, --grad-clip and --weight-decay must be >= 0, --learning-rate > 0");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ai.djl.Device on = device.resolve();
        LOG.info("training on {}", ComputeDevice.label(on));
        return timing.timed(() -> StagedDirectory.write(outDir.value, dir -> train(hp, dir, on)));
    }

    /** The cells of {@code split} in {@code file}, or all of them when the file has no split column. */
    static PerturbationData cells(Path file, String split) {
        PerturbationFile f = PerturbationFile.read(file);
        PerturbationData d = f.obs().containsKey(PerturbationFile.SPLIT) ? f.split(file, split) : f.data();
        if (d.cells().isEmpty()) {
            throw new InputException(file, "has no '" + split + "' cells");
        }
        for (float v : d.counts().values()) {
            if (!(v >= 0) || Float.isInfinite(v)) {
                // e.g. simulate --kind samsvae, whose values are f(z) plus Gaussian noise
                throw new InputException(file, "holds " + v + ": the negative binomial likelihood needs counts >= 0");
            }
        }
        return d;
    }

    private int train(SamsVaeHyperParameters hp, Path dir, ai.djl.Device on) {
        PerturbationData tr = cells(train, TRAIN_SPLIT);
        Path validFile = valid != null ? valid : train;
        PerturbationData va = cells(validFile, VALID_SPLIT);
        if (!tr.genes().equals(va.genes()) || !tr.treatments().equals(va.treatments())) {
            throw new InputException(validFile, "genes or treatments differ from the training file " + train.getFileName());
        }
        LOG.info("{} ({} guide): {} genes, {} treatments, {} training / {} validation cells, {} epochs, latent {}, width {}",
                hp.type(), hp.guide(), tr.genes().size(), tr.treatments().size(), tr.cells().size(), va.cells().size(),
                hp.epochs(), hp.latent(), hp.width());
        List<Path> inputs = new ArrayList<>(List.of(train));
        if (valid != null && !valid.equals(train)) {
            inputs.add(valid);
        }
        Provenance prov = provenance(seed.value, inputs.toArray(Path[]::new));
        try {
            History h = SamsVaeTrainer.train(tr, va, hp, dir, prov, on, LOG::info);
            LOG.info(String.format(Locale.ROOT, "best epoch %d with validation loss %.4f", h.bestEpoch(), h.bestValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
