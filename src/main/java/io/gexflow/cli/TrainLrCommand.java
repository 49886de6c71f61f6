package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.baselines.CrossProducts;
import io.gexflow.models.baselines.LinearBaselines;
import io.gexflow.models.baselines.LinearBaselines.Penalty;
import io.gexflow.models.baselines.LinearFamily;
import io.gexflow.models.baselines.LinearRegressionModel;
import io.gexflow.provenance.Provenance;
import io.gexflow.io.StagedDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "train-lr", mixinStandardHelpOptions = true,
        description = {"Fit a linear baseline for all targets at once: LR (ordinary least squares with intercept),",
                "LR-L1 (lasso) or LR-L2 (ridge), the penalty chosen on the validation split."})
public final class TrainLrCommand extends Verb {
    @Option(names = "--train", required = true, description = "Training split (.arrow) with landmark metadata.")
    Path train;

    @Option(names = "--valid", description = "Validation split (.arrow): picks lambda; required for l1 and l2.")
    Path valid;

    @Option(names = "--penalty", defaultValue = "none", description = {"none (LR), l1 (LR-L1, lasso) or l2 (LR-L2, ridge); default ${DEFAULT-VALUE}.",
            "l1 minimises (1/2n)|y - b0 - Xb|^2 + lambda |b|_1 (scikit-learn Lasso's alpha);",
            "l2 minimises |y - b0 - Xb|^2 + lambda |b|^2 (scikit-learn Ridge's alpha)."})
    String penalty;

    @Option(names = "--lambdas", split = ",", paramLabel = "<lambda>",
            description = {"Comma-separated lambda grid for l1/l2. Defaults: l1 0.1,0.03,0.01,0.003,0.001,0.0003,0.0001;",
                    "l2 10000,1000,100,10,1,0.1,0.01."})
    List<Double> lambdas;

    @Option(names = "--tolerance", defaultValue = "1e-7",
            description = "l1: stop when a full sweep moves no coefficient by more than this (as G_jj*delta^2/var(y)); default ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--max-sweeps", defaultValue = "10000", description = "l1: coordinate-descent sweeps per lambda and target at most (default ${DEFAULT-VALUE}).")
    int maxSweeps;

    @Mixin CommonOptions.OutDir outDir;

    /** The model directory is written as a whole ({@link StagedDirectory}): a failed run leaves the previous one. */
    @Override
    public Integer call() {
        return StagedDirectory.write(outDir.value, this::train);
    }

    private Integer train(Path outDir) {
        Penalty p;
        try {
            p = Penalty.of(penalty);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (p == Penalty.NONE && lambdas != null) {
            throw new ParameterException(spec.commandLine(), "--lambdas needs --penalty l1 or l2");
        }
        if (p != Penalty.NONE && valid == null) {
            throw new ParameterException(spec.commandLine(), "--penalty " + p.key() + " needs --valid to choose lambda");
        }
        if (!(tolerance > 0) || maxSweeps < 1) {
            throw new ParameterException(spec.commandLine(), "--tolerance must be > 0 and --max-sweeps >= 1");
        }
        List<Double> grid = lambdas == null ? p.defaultLambdas() : lambdas;
        if (grid.stream().anyMatch(Objects::isNull)) {
            throw new ParameterException(spec.commandLine(), "--lambdas has an empty value");
        }

        RegressionData tr = RegressionData.read(train);
        CrossProducts cp = new CrossProducts(tr.inputs().size(), tr.outputs().size());
        cp.accumulate(tr.x(), tr.y(), tr.rows());
        LinearBaselines.ValidationSet vs = null;
        int validRows = 0;
        if (valid != null) {
            RegressionData va = RegressionData.read(valid);
            if (!va.inputs().equals(tr.inputs()) || !va.outputs().equals(tr.outputs())) {
                throw new InputException(valid, "genes differ from the training split " + train.getFileName());
            }
            vs = new LinearBaselines.ValidationSet(va.x(), va.y(), va.rows());
            validRows = va.rows();
        }
        LinearBaselines.Result fit;
        try {
            fit = LinearBaselines.fit(cp, p, grid, vs, new LinearBaselines.LassoSettings(tolerance, maxSweeps),
                    spec.commandLine().getErr()::println);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LinearRegressionModel model = new LinearRegressionModel(tr.inputs(), tr.outputs(), fit.coefficients());
        Provenance prov = valid == null ? provenance(null, train) : provenance(null, train, valid);
        model.saveCoefficients(outDir, metadata(prov));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("penalty", p.key());
        settings.put("lambda", fit.lambda());
        if (p != Penalty.NONE) {
            settings.put("lambdas", fit.trials().stream().map(LinearBaselines.Trial::lambda).toList());
            settings.put("objective", p == Penalty.L1 ? "(1/2n) |y - b0 - X b|^2 + lambda |b|_1, per target"
                    : "|y - b0 - X b|^2 + lambda |b|^2, per target");
            settings.put("selection", "lowest validation MAE (mean over target genes); ties go to the larger lambda");
        }
        if (p == Penalty.L1) {
            settings.put("tolerance", tolerance);
            settings.put("max_sweeps", maxSweeps);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("label", p.label());
        summary.put("training_samples", tr.rows());
        if (vs != null) {
            summary.put("validation_samples", validRows);
            summary.put("validation_mae", fit.trials().stream().map(LinearBaselines.Trial::validationMae).toList());
            summary.put("best_validation_mae", fit.trials().stream().mapToDouble(LinearBaselines.Trial::validationMae).min().orElseThrow());
        }
        if (p == Penalty.L1) {
            List<Long> nonZero = new ArrayList<>();
            List<Integer> sweeps = new ArrayList<>();
            List<Integer> notConverged = new ArrayList<>();
            for (LinearBaselines.Trial t : fit.trials()) {
                nonZero.add(t.nonZero());
                sweeps.add(t.sweeps());
                notConverged.add(t.notConverged());
            }
            summary.put("nonzero_coefficients", nonZero);
            summary.put("max_sweeps_used", sweeps);
            summary.put("targets_not_converged", notConverged);
        }
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), new ModelDescriptor(LinearFamily.NAME, LinearFamily.VERSION,
                LinearRegressionModel.TYPE, tr.inputs(),
                tr.outputs(), settings, summary, prov));
        spec.commandLine().getErr().printf(java.util.Locale.ROOT, "%s: fitted %d targets on %d landmarks from %d samples%s%n", p.label(),
                tr.outputs().size(), tr.inputs().size(), tr.rows(),
                p == Penalty.NONE ? "" : String.format(java.util.Locale.ROOT, ", lambda %g chosen on %d validation samples", fit.lambda(), validRows));
        return 0;
    }
}
