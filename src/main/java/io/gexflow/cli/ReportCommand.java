package io.gexflow.cli;

import io.gexflow.report.DgexReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gexflow report}: the self-contained HTML report of the D-GEX track from EVALUATE's metrics.json. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes the self-contained HTML report of the D-GEX track: this run vs the paper, comparisons,",
            "the paper's figures redrawn from this run (inline PNG), and the paper's Tables 1 and 2;",
            "with --interpretation, the interpretation extras of one D-GEX network; with --inference, what INFER",
            "predicted. What CONVERT matched and dropped (metrics.json 'convert') is shown when EVALUATE recorded it.",
            "The same inputs give a byte-identical file."
        })
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--metrics", required = true, paramLabel = "<file>",
            description = "metrics.json written by EVALUATE; per-gene and history files it names are read relative to its directory")
    Path metrics;

    @Option(names = "--out", required = true, paramLabel = "<file.html>",
            description = "HTML file to write (written to a temporary file beside it, then renamed atomically)")
    Path out;

    @Option(names = "--interpretation", paramLabel = "<dir>",
            description = "Optional: directory written by interpret-dgex (interpretation.json, its TSVs and PNGs); "
                    + "adds the interpretation section (major weights, adjusted R^2)")
    Path interpretation;

    @Option(names = "--inference", paramLabel = "<file.json>",
            description = "Optional: the summary written by infer --out-summary; the report says how many profiles and "
                    + "target genes were inferred, from which input and by which model")
    Path inference;

    @Override
    public Integer call() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        DgexReport.write(metrics, java.util.Optional.ofNullable(interpretation), java.util.Optional.ofNullable(inference), out);
        return 0;
    }
}
