package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.baselines.CrossProducts;
import io.gexflow.models.baselines.KnnGe;
import io.gexflow.models.baselines.KnnFamily;
import io.gexflow.models.baselines.KnnGeModel;
import io.gexflow.models.baselines.LinearBaselines;
import io.gexflow.provenance.Provenance;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "train-knn", mixinStandardHelpOptions = true,
        description = {"Fit the KNN-GE baseline: each target gene is the mean of its k nearest landmark genes",
                "(Euclidean distance over the training samples); k chosen on the validation split."})
public final class TrainKnnCommand extends Verb {
    @Option(names = "--train", required = true, description = "Training split (.arrow) with landmark metadata.")
    Path train;

    @Option(names = "--valid", required = true, description = "Validation split (.arrow): picks k.")
    Path valid;

    @Option(names = "--ks", split = ",", paramLabel = "<k>", description = "Comma-separated grid of k (default 1,2,...,20).")
    List<Integer> ks;

    @Mixin CommonOptions.OutDir outDir;

    /** The model directory is written as a whole ({@link StagedDirectory}): a failed run leaves the previous one. */
    @Override
    public Integer call() {
        return StagedDirectory.write(outDir.value, this::train);
    }

    private Integer train(Path outDir) {
        List<Integer> grid = ks == null ? IntStream.rangeClosed(1, 20).boxed().toList() : ks;
        if (grid.stream().anyMatch(Objects::isNull)) {
            throw new ParameterException(spec.commandLine(), "--ks has an empty value");
        }
        RegressionData tr = RegressionData.read(train);
        RegressionData va = RegressionData.read(valid);
        if (!va.inputs().equals(tr.inputs()) || !va.outputs().equals(tr.outputs())) {
            throw new InputException(valid, "genes differ from the training split " + train.getFileName());
        }
        int kmax = grid.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (grid.stream().anyMatch(k -> k < 1) || kmax > tr.inputs().size()) {
            throw new ParameterException(spec.commandLine(), "every k must be between 1 and the number of landmarks ("
                    + tr.inputs().size() + ")");
        }
        CrossProducts cp = new CrossProducts(tr.inputs().size(), tr.outputs().size());
        cp.accumulate(tr.x(), tr.y(), tr.rows());
        KnnGe.Result fit;
        try {
            fit = KnnGe.fit(cp, grid.stream().mapToInt(Integer::intValue).toArray(),
                    new LinearBaselines.ValidationSet(va.x(), va.y(), va.rows()), spec.commandLine().getErr()::println);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        KnnGeModel model = new KnnGeModel(tr.inputs(), tr.outputs(), fit.neighbours());
        Provenance prov = provenance(null, train, valid);
        model.save(outDir, metadata(prov));

        List<Integer> tried = new ArrayList<>();
        List<Double> mae = new ArrayList<>();
        for (KnnGe.Trial t : fit.trials()) {
            tried.add(t.k());
            mae.add(t.validationMae());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("k", fit.k());
        settings.put("ks", tried);
        settings.put("distance", "Euclidean over the training samples (genes as points)");
        settings.put("selection", "lowest validation MAE (mean over target genes); ties go to the smaller k");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("label", "KNN-GE");
        summary.put("training_samples", tr.rows());
        summary.put("validation_samples", va.rows());
        summary.put("validation_mae", mae);
        summary.put("best_validation_mae", mae.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), new ModelDescriptor(KnnFamily.NAME, KnnFamily.VERSION,
                KnnGeModel.TYPE, tr.inputs(), tr.outputs(),
                settings, summary, prov));
        spec.commandLine().getErr().printf(Locale.ROOT, "KNN-GE: %d targets, k %d chosen on %d validation samples%n", tr.outputs().size(),
                fit.k(), va.rows());
        return 0;
    }
}
