package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.InputException;
import io.gexflow.eval.History;
import io.gexflow.io.Json;
import io.gexflow.family.ComputeDevice;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.dgex.DgexArchitecture;
import io.gexflow.models.dgex.DgexFamily;
import io.gexflow.models.dgex.DgexHyperParameters;
import io.gexflow.models.dgex.DgexModel;
import io.gexflow.models.dgex.DgexTrainer;
import io.gexflow.models.dgex.DgexTrainingSettings;
import io.gexflow.models.dgex.LearningRateSchedule;
import io.gexflow.provenance.Provenance;
import io.gexflow.models.dgex.TargetPartition;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-dgex", mixinStandardHelpOptions = true,
        description = "Train a D-GEX network (tanh MLP, dropout, momentum SGD) and keep the best-validation epoch.")
public final class TrainDgexCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(TrainDgexCommand.class);

    @Option(names = "--train", required = true, description = "Training split (.arrow).")
    Path train;

    @Option(names = "--valid", required = true, description = "Validation split (.arrow): picks the best epoch.")
    Path valid;

    @Mixin CommonOptions.OutDir outDir;

    @Option(names = "--hidden-layers", defaultValue = "1", description = "Hidden layers, 1-3 in the paper (default ${DEFAULT-VALUE}).")
    int hiddenLayers;

    @Option(names = "--hidden-units", defaultValue = "3000", description = "Units per hidden layer (default ${DEFAULT-VALUE}).")
    int hiddenUnits;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout rate on hidden outputs (default ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--epochs", defaultValue = "200", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "200", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", description = "Base rate; default the paper's: 5e-4 for 1 hidden layer, 3e-4 for 2-3.")
    Double learningRate;

    @Option(names = "--momentum", defaultValue = "0.5", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--lr-scale", defaultValue = "3.0", description = "Rate multiplier of output and 2nd/3rd hidden weights (default ${DEFAULT-VALUE}).")
    float lrScale;

    @Option(names = "--lr-decay", defaultValue = "0.9", description = "Rate factor when the training-monitor MAE rises (default ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--lr-min", defaultValue = "1e-5", description = "Rate floor (default ${DEFAULT-VALUE}).")
    double lrMin;

    @Option(names = "--monitor-samples", defaultValue = "5000", description = "Fixed training subset for the decay rule (default ${DEFAULT-VALUE}).")
    int monitorSamples;

    @Option(names = "--target-partitions", defaultValue = "1",
            description = "Networks over random, seeded partitions of the targets (paper: 2; default ${DEFAULT-VALUE} = one joint network).")
    int targetPartitions;

    @Mixin
    DeviceOption device;

    @Mixin CommonOptions.Seed seed;

    private static RegressionData subset(RegressionData d, int[] cols) {
        if (cols.length == d.outputs().size()) {
            return d;
        }
        List<String> names = new ArrayList<>();
        for (int c : cols) {
            names.add(d.outputs().get(c));
        }
        return new RegressionData(d.ids(), d.inputs(), names, d.x(),
                TargetPartition.columns(d.y(), d.rows(), d.outputs().size(), cols));
    }

    /** The model directory is written as a whole ({@link StagedDirectory}): a failed run leaves the previous one. */
    @Override
    public Integer call() {
        return StagedDirectory.write(outDir.value, this::train);
    }

    private Integer train(Path outDir) {
        DgexArchitecture arch;
        DgexTrainingSettings s;
        double rate;
        try {
            arch = new DgexArchitecture(hiddenLayers, hiddenUnits, dropout);
            rate = learningRate != null ? learningRate : arch.paperLearningRate();
            s = new DgexTrainingSettings(arch, epochs, batchSize, rate, momentum, lrScale,
                    new LearningRateSchedule(lrDecay, lrMin), monitorSamples, seed.value);
            if (targetPartitions < 1) {
                throw new IllegalArgumentException("--target-partitions must be >= 1, got " + targetPartitions);
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ai.djl.Device on = device.resolve();
        RegressionData tr = RegressionData.read(train);
        RegressionData va = RegressionData.read(valid);
        if (!tr.inputs().equals(va.inputs()) || !tr.outputs().equals(va.outputs())) {
            throw new InputException(valid, "genes differ from the training split " + train.getFileName());
        }
        LOG.info("{}: {} landmarks -> {} targets, {} training / {} validation samples, {} epochs, lr {}, on {}",
                arch.label(), tr.inputs().size(), tr.outputs().size(), tr.rows(), va.rows(), epochs, rate,
                ComputeDevice.label(on));
        Provenance prov = provenance(seed.value, train, valid);
        int[][] parts = TargetPartition.split(tr.outputs().size(), targetPartitions, seed.value);
        DgexHyperParameters hp = DgexHyperParameters.of(s, parts.length);
        List<History> histories = new ArrayList<>();
        int[] sizes = new int[parts.length];
        for (int p = 0; p < parts.length; p++) {
            sizes[p] = parts[p].length;
            if (parts.length > 1) {
                LOG.info("target partition {}/{}: {} targets", p + 1, parts.length, parts[p].length);
            }
            History h = DgexTrainer.train(subset(tr, parts[p]), subset(va, parts[p]), hp.training(p),
                    outDir.resolve(DgexModel.paramsFile(p)), on, LOG::info);
            histories.add(h);
            if (parts.length > 1) {
                Json.writeFile(outDir.resolve("history_p" + p + ".json"), h);
            }
            LOG.info("best epoch {} with validation MAE {}", h.bestEpoch(), String.format("%.4f", h.bestValue()));
        }
        History h = DgexTrainer.combine(histories, sizes);
        Json.writeFile(outDir.resolve(History.FILE), h);
        Map<String, Object> settings = DgexFamily.FAMILY.settings(hp);
        settings.put("partitions", parts);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("best_epoch", h.bestEpoch());
        summary.put("best_epochs", histories.stream().map(History::bestEpoch).toList());
        summary.put("best_valid_mae", h.bestValue());
        summary.put("training_samples", tr.rows());
        summary.put("validation_samples", va.rows());
        summary.put("label", arch.label());
        summary.put("device", ComputeDevice.label(on));
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), new ModelDescriptor(DgexFamily.NAME, DgexFamily.VERSION,
                DgexModel.TYPE, tr.inputs(), tr.outputs(), settings, summary, prov));
        return 0;
    }
}
