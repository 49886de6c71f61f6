package io.gexflow.cli;

import io.gexflow.data.perturb.HeldOutInterventions;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.eval.TransferMetrics;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.StagedDirectory;
import io.gexflow.models.FamilyRegistry;
import io.gexflow.models.svae.SvaeFamily;
import io.gexflow.models.svae.SvaeModel;
import io.gexflow.models.svae.SvaeTransfer;
import io.gexflow.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code gexflow transfer-svae}: the transfer protocol of issue 12 on a trained sVAE-family model. The held-out
 * interventions are those without a cell in the training split and with more than {@value SvaeTransfer#MIN_CELLS}
 * cells in {@code --split}; each gets new embeddings fitted on the frozen networks ({@link SvaeTransfer}), then
 * the held-out ELBO and IWELBO per intervention and their mean go to {@code transfer.json} ({@link TransferMetrics}).
 */
@Command(name = "transfer-svae", mixinStandardHelpOptions = true,
        description = {"Transfer an sVAE-family model to held-out interventions (no cell in the training split, more than 10",
            "cells in --split): new embeddings on the frozen networks (Adam 5e-3), then held-out ELBO and IWELBO per",
            "intervention and their mean. Writes transfer.json. Without a held-out intervention: an error (exit 4), or with",
            "--if-none skip a transfer.json that says so (what the pipeline passes: a user's data may hold none out)."})
public final class TransferSvaeCommand extends Verb {
    private static final Logger LOG = LoggerFactory.getLogger(TransferSvaeCommand.class);

    @Option(names = "--model", required = true, description = "Model directory of train-svae.")
    Path model;

    @Option(names = "--data", required = true,
            description = "The counts file the model was trained on (.arrow with a split column), or a directory holding counts.arrow.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "The held-out split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--training-split", defaultValue = "train",
            description = "Interventions with cells in this split are not held out (default ${DEFAULT-VALUE}).")
    String trainingSplit;

    @Option(names = "--samples", defaultValue = "1000", description = "Importance samples per cell (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs fitting the new embeddings (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Cells per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    /** What to do when the data hold no intervention out. */
    enum IfNone { fail, skip }

    @Option(names = "--if-none", defaultValue = "fail",
            description = "No held-out intervention in --split: fail (a bad-input error, exit 4) or skip (write a transfer.json "
                    + "that says why, exit 0; default ${DEFAULT-VALUE}).")
    IfNone ifNone;

    @Mixin CommonOptions.Seed seed;

    @Mixin CommonOptions.OutDir outDir;

    @Override
    public Integer call() {
        if (samples < 1 || epochs < 0 || batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--samples and --batch-size must be >= 1, --epochs >= 0");
        }
        Path counts = Files.isDirectory(data) ? data.resolve(EvaluatePerturbCommand.COUNTS) : data;
        if (!Files.isRegularFile(counts)) {
            throw new InputException(counts, "no counts file here");
        }
        if (!Files.isRegularFile(model.resolve(ModelDescriptor.FILE))) {
            throw new InputException(model, "is no model directory (no " + ModelDescriptor.FILE + ")");
        }
        ModelDescriptor d = FamilyRegistry.read(model);
        if (!SvaeFamily.NAME.equals(d.family())) {
            throw new InputException(model, "is a " + d.family() + " model; transfer-svae takes the svae family");
        }
        PerturbationFile file = PerturbationFile.read(counts);
        List<Object> labels = file.obs().get(PerturbationFile.SPLIT);
        if (labels == null) {
            throw new InputException(counts, "has no '" + PerturbationFile.SPLIT + "' column");
        }
        Set<String> splits = new LinkedHashSet<>();
        labels.stream().filter(Objects::nonNull).forEach(v -> splits.add(v.toString()));
        if (!splits.contains(split)) {
            return none(counts, d, "has no cells in split '" + split + "' (splits: " + String.join(", ", splits) + ")");
        }
        HeldOutInterventions held = HeldOutInterventions.of(file.data(), labels, split, trainingSplit, SvaeTransfer.MIN_CELLS);
        if (held.interventions().isEmpty()) {
            return none(counts, d, "no held-out intervention of split '" + split + "' has more than "
                    + SvaeTransfer.MIN_CELLS + " cells and none in split '" + trainingSplit + "'");
        }
        Provenance prov = provenance(seed.value, counts, model.resolve(ModelDescriptor.FILE));
        return StagedDirectory.write(outDir.value, out -> transfer(out, held, prov));
    }

    /** No held-out intervention: the bad-input error, or (--if-none skip) a transfer.json saying why. */
    private int none(Path counts, ModelDescriptor d, String why) {
        if (ifNone == IfNone.fail) {
            throw new InputException(counts, why);
        }
        LOG.info("{}: {}; nothing to transfer (--if-none skip)", counts, why);
        Provenance prov = provenance(seed.value, counts, model.resolve(ModelDescriptor.FILE));
        TransferMetrics t = TransferMetrics.none(d.type(), split, trainingSplit, samples, epochs, batchSize, seed.value,
                why.startsWith("has ") ? "the data " + why : why, prov);
        return StagedDirectory.write(outDir.value, out -> {
            Json.writeFile(out.resolve(TransferMetrics.FILE), t);
            return 0;
        });
    }

    private int transfer(Path out, HeldOutInterventions held, Provenance prov) {
        try (SvaeModel m = SvaeModel.load(model)) {
            if (!m.genes().equals(held.data().genes())) {
                throw new InputException(model, "was trained on other genes than " + data);
            }
            LOG.info("{} ({}): {} held-out interventions, {} cells, {} epochs, {} samples", model.getFileName(),
                    m.variant().type(), held.interventions().size(), held.data().cells().size(), epochs, samples);
            SvaeTransfer.Result r = SvaeTransfer.run(m, held.data(), epochs, batchSize, samples, seed.value, LOG::info);
            List<TransferMetrics.Intervention> per = new ArrayList<>();
            for (int a = 0; a < r.treatments().size(); a++) {
                per.add(new TransferMetrics.Intervention(r.treatments().get(a), r.cells()[a], r.elbo()[a], r.iwelbo()[a]));
            }
            TransferMetrics t = new TransferMetrics(m.variant().type(), split, trainingSplit, samples, epochs, batchSize,
                    seed.value, per, r.meanElbo(), r.meanIwelbo(), finite(r.firstLoss()), finite(r.lastLoss()), null, prov);
            LOG.info(String.format(Locale.ROOT, "held-out ELBO %.2f, IWELBO %.2f (mean over %d interventions)", r.meanElbo(),
                    r.meanIwelbo(), per.size()));
            Json.writeFile(out.resolve(TransferMetrics.FILE), t);
        }
        return 0;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
