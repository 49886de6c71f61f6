package io.gexflow.cli;

import io.gexflow.io.InputException;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.interpret.DgexInterpretation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gexflow interpret-dgex}: the D-GEX interpretation extras (major-weight maps, adjusted R^2 of
 * the last hidden layer vs the landmarks) of one trained network; see {@link DgexInterpretation}.
 */
@Command(name = "interpret-dgex", mixinStandardHelpOptions = true,
        description = {
            "Interprets a trained D-GEX network: major weights (beyond 4 / 5 sd of each weight matrix) counted and",
            "mapped, and per target gene the adjusted R^2 of OLS on the last hidden layer vs on the landmarks",
            "(fitted on the training split; out-of-sample R^2 on the test split). Writes interpretation.json,",
            "TSVs and PNGs into --out-dir; `gexflow report --interpretation DIR` shows them."
        })
public final class InterpretDgexCommand extends Verb {
    @Option(names = "--model", required = true, description = "Trained D-GEX model directory (model.json + dgex.p*.params).")
    Path model;

    @Option(names = "--train", required = true, description = "Training split (.arrow): the samples the OLS fits use.")
    Path train;

    @Option(names = "--test", required = true, description = "Test split (.arrow): out-of-sample R^2.")
    Path test;

    @Mixin CommonOptions.OutDir outDir;

    @Option(names = "--sd-thresholds", split = ",", defaultValue = "4,5",
            description = "Major-weight thresholds in sd, increasing, at least two; the map uses the first two (default ${DEFAULT-VALUE}).")
    List<Double> thresholds = new ArrayList<>();

    @Option(names = "--batch-size", defaultValue = "1024", description = "Samples per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        double[] th = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        boolean ok = th.length >= 2;
        for (int i = 0; i < th.length && ok; i++) {
            ok = th[i] > 0 && (i == 0 || th[i] > th[i - 1]);
        }
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sd-thresholds needs at least two positive, increasing values, got " + thresholds);
        }
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be >= 1");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Path descriptor = model.resolve(ModelDescriptor.FILE);
        for (Path p : List.of(descriptor, train, test)) {
            if (!Files.isRegularFile(p)) {
                throw new InputException(p, "file not found");
            }
        }
        DgexInterpretation.run(model, train, test, outDir.value, th, batchSize, provenance(null, descriptor, train, test));
        return 0;
    }
}
