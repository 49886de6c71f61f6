package io.gexflow.cli;

import io.gexflow.report.SvqvaeReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gexflow report-svqvae}: the self-contained HTML report of the S-VQ-VAE track. */
@Command(
        name = "report-svqvae",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes the self-contained HTML report of the S-VQ-VAE track from evaluate-svqvae's metrics.json:",
            "paper Table 1 beside this run, decoded codes, code frequencies, distances, graph communities, generated samples.",
            "The same inputs give a byte-identical file."
        })
public final class ReportSvqvaeCommand implements Callable<Integer> {

    @Option(names = "--metrics", required = true, paramLabel = "<file>",
            description = "metrics.json written by evaluate-svqvae; the files it names are read from its directory")
    Path metrics;

    @Option(names = "--out", required = true, paramLabel = "<file.html>",
            description = "HTML file to write (atomically)")
    Path out;

    @Override
    public Integer call() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        SvqvaeReport.write(metrics, out);
        return 0;
    }
}
