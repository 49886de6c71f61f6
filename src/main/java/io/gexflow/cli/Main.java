package io.gexflow.cli;

import io.gexflow.io.InputException;
import io.gexflow.family.NumericsGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/gexflow}: one sub-command per pipeline step. */
@Command(
        name = "gexflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Steps of the gexflow pipeline: each verb reads files and writes files.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:other failure (I/O, internal error)", "2:bad option or bad input file (one line names it)",
            "3:numerical failure (a non-finite loss, gradient or parameter: the line names epoch, batch and term)"},
        subcommands = {
            CommandLine.HelpCommand.class,
            SimulateCommand.class,
            DownloadCommand.class,
            ConvertCommand.class,
            DedupCommand.class,
            SplitCommand.class,
            NormalizeCommand.class,
            NormalizeRnaSeqCommand.class,
            TrainCommand.class,
            TrainLrCommand.class,
            TrainKnnCommand.class,
            TrainDgexCommand.class,
            EvaluateCommand.class,
            InterpretDgexCommand.class,
            InferCommand.class,
            PrepareMnistCommand.class,
            PrepareLincsCommand.class,
            TrainSvqvaeCommand.class,
            EvaluateSvqvaeCommand.class,
            ReportSvqvaeCommand.class,
            ReportCommand.class
        })
public final class Main implements Runnable {
    /** Exit codes: 0 done; 1 any other failure (I/O, internal); 2 a bad option or a bad input file; 3 a numerical failure. */
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_NUMERICAL = 3;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing sub-command");
    }

    /** Builds the command line with the one-line error handling every verb shares. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // colour only on a terminal: logs and Nextflow's .command.err get plain text
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                System.console() != null ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        // an option error is one line and a pointer to --help, not the whole usage text
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": usage error: " + oneLine(ex) + " (see '" + name + " --help')");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    cmd.getErr().println("gexflow " + cmd.getCommandName() + ": error: " + oneLine(ex));
                    if (!(ex instanceof InputException) && System.getenv("GEXFLOW_DEBUG") != null) {
                        ex.printStackTrace(cmd.getErr());
                    }
                    return ex instanceof InputException ? EXIT_BAD_INPUT
                            : ex instanceof NumericsGuard.NonFiniteException ? EXIT_NUMERICAL : EXIT_FAILURE;
                });
        return cl;
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        if (!(ex instanceof InputException) && ex.getMessage() == null && ex.getCause() != null) {
            msg = oneLine(ex.getCause());
        }
        return msg.replace('\n', ' ').replace('\r', ' ');
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
