package io.gexflow.cli;

import io.gexflow.report.PerturbReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gexflow report-perturb}: the self-contained HTML report of the perturbation track. */
@Command(
        name = "report-perturb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes the self-contained HTML report of the perturbation track from evaluate-perturb's metrics.json:",
            "IWELBO and ATE agreement of every model and the additive baseline, recovery on simulations, the",
            "reference repository's Norman numbers; with --figures its figures, with --timing training times.",
            "The same inputs give a byte-identical file."
        })
public final class ReportPerturbCommand implements Callable<Integer> {

    @Option(names = "--metrics", required = true, paramLabel = "<file>", description = "metrics.json written by evaluate-perturb")
    Path metrics;

    @Option(names = "--figures", paramLabel = "<file>",
            description = "figures.json written by evaluate-perturb: ATE scatter plots, target graphs, learning curves")
    Path figures;

    @Option(names = "--timing", paramLabel = "<file>",
            description = "timing.json written by evaluate-perturb: training time per model (not reproducible)")
    Path timing;

    @Option(names = "--out", required = true, paramLabel = "<file.html>", description = "HTML file to write (atomically)")
    Path out;

    @Override
    public Integer call() {
        PerturbReport.write(metrics, figures, timing, out);
        return 0;
    }
}
