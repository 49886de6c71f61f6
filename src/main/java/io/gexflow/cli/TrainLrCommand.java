package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.Json;
import io.gexflow.models.ModelDescriptor;
import io.gexflow.models.baselines.LinearRegressionModel;
import io.gexflow.models.baselines.OlsFit;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-lr", mixinStandardHelpOptions = true,
        description = "Fit the LR baseline: ordinary least squares with intercept, all targets at once.")
public final class TrainLrCommand extends Verb {
    @Option(names = "--train", required = true, description = "Training split (.arrow) with landmark metadata.")
    Path train;

    @Option(names = "--out-dir", required = true, description = "Model directory to write.")
    Path outDir;

    @Override
    public Integer call() {
        RegressionData d = RegressionData.read(train);
        OlsFit fit = new OlsFit(d.inputs().size(), d.outputs().size());
        fit.accumulate(d.x(), d.y(), d.rows());
        LinearRegressionModel model = new LinearRegressionModel(d.inputs(), d.outputs(), fit.solve(0));
        Provenance prov = provenance(null, train);
        model.saveCoefficients(outDir, metadata(prov));
        Json.writeFile(outDir.resolve(ModelDescriptor.FILE), new ModelDescriptor(LinearRegressionModel.TYPE, d.inputs(),
                d.outputs(), Map.of("lambda", 0.0, "penalty", "none"), Map.of("training_samples", d.rows()), prov));
        System.err.printf("LR: fitted %d targets on %d landmarks from %d samples%n", d.outputs().size(),
                d.inputs().size(), d.rows());
        return 0;
    }
}
