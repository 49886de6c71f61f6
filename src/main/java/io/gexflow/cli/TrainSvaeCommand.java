package io.gexflow.cli;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.History;
import io.gexflow.family.ComputeDevice;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.models.svae.SvaeHyperParameters;
import io.gexflow.models.svae.SvaeModel;
import io.gexflow.models.svae.SvaeTrainer;
import io.gexflow.models.svae.SvaeVariant;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "train-svae", mixinStandardHelpOptions = true,
        description = "Train an sVAE-family model (svae+, svae, ivae, vae, beta-vae) on single-cell counts under "
                + "interventions (one intervention per cell, or none for a control); keeps the last epoch.")
public final class TrainSvaeCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(TrainSvaeCommand.class);

    /** Reads {@code --data} (tests replace it to hand in cells built in code). */
    PerturbationReader reader;

    @Option(names = "--split", description = "Train only on the cells of this split (the file's obs column 'split', "
            + "e.g. train); default: every cell.")
    String split;

    @Option(names = {"--data", "--train"}, required = true,
            description = "Cells x genes counts with the dosage matrix (the track's counts file; --train as the generic TRAIN "
                    + "step names it).")
    Path data;

    @Option(names = "--out-dir", required = true, description = "Model directory to write.")
    Path outDir;

    @Option(names = "--model", defaultValue = "svae+", description = "svae+, svae, ivae, vae or beta-vae (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--latent-dim", defaultValue = "15", description = "Latent dimensions (default ${DEFAULT-VALUE}).")
    int latentDim;

    @Option(names = "--hidden-units", defaultValue = "128", description = "Units per hidden layer (default ${DEFAULT-VALUE}).")
    int hiddenUnits;

    @Option(names = "--hidden-layers", defaultValue = "2", description = "Hidden layers of encoder and decoder (default ${DEFAULT-VALUE}).")
    int hiddenLayers;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Encoder dropout (default ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-6", description = "Adam weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--beta", description = "KL multiplier: 1, except beta-vae (default 4).")
    Double beta;

    @Option(names = "--sparse-penalty", description = "svae+: b of Beta(1, b) (default 10); svae: weight of mean(sigmoid(logits)) (default 1); 0 otherwise.")
    Double sparsePenalty;

    @Option(names = "--kl-warmup-epochs", defaultValue = "50", description = "Linear KL warm-up (spec: 50 simulated, 10 real; default ${DEFAULT-VALUE}).")
    int klWarmup;

    @Option(names = "--validation-fraction", defaultValue = "0.1", description = "Cells held out for the validation ELBO (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Mixin
    DeviceOption device;

    @Mixin
    TrainingTime timing;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of split, initialisation, draws and batch order (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        SvaeHyperParameters hp;
        try {
            SvaeVariant v = SvaeVariant.of(model);
            SvaeHyperParameters d = SvaeHyperParameters.defaults(v, epochs, seed);
            hp = new SvaeHyperParameters(v.type(), latentDim, hiddenUnits, hiddenLayers, true, dropout, epochs, batchSize,
                    learningRate, weightDecay, beta != null ? beta : d.beta(),
                    sparsePenalty != null ? sparsePenalty : d.sparsePenalty(), klWarmup, validationFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return timing.timed(() -> run(hp));
    }

    private Integer run(SvaeHyperParameters hp) {
        ai.djl.Device on = device.resolve();
        PerturbationReader r = reader != null ? reader : split != null ? PerturbationReader.split(split) : PerturbationReader.FILE;
        PerturbationData cells = r.read(data);
        Provenance prov = provenance(seed, data);
        return StagedDirectory.write(outDir, dir -> train(dir, cells, hp, on, prov));
    }

    private Integer train(Path dir, PerturbationData cells, SvaeHyperParameters hp, ai.djl.Device on, Provenance prov) {
        LOG.info("{}: {} cells x {} genes, {} interventions, latent {}, {} epochs, on {}", hp.model(), cells.cells().size(),
                cells.genes().size(), cells.treatments().size(), hp.latentDim(), hp.epochs(), ComputeDevice.label(on));
        try {
            SvaeTrainer.checkOneHot(cells);
        } catch (IllegalArgumentException e) {
            throw new InputException(data, e.getMessage(), e);
        }
        SvaeTrainer.Result r = SvaeTrainer.train(cells, hp, dir.resolve(SvaeModel.PARAMS), on, LOG::info);
        Json.writeFile(dir.resolve(History.FILE), r.history());
        Map<String, Object> summary = SvaeModel.summary(r, ComputeDevice.label(on));
        Json.writeFile(dir.resolve(ModelDescriptor.FILE), SvaeModel.descriptor(hp, cells, summary, prov));
        return 0;
    }
}
