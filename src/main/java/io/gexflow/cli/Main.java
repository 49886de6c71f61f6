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
        exitCodeList = {"0:done", "1:internal error (a bug: set GEXFLOW_DEBUG=1 for the stack trace)",
            "2:bad option (one line names it and points to --help)",
            "3:numerical failure (a non-finite loss, gradient or parameter: the line names epoch, batch and term)",
            "4:bad input file (one line names the file, and the row, column or field, and the problem)",
            "5:I/O failure (a file that cannot be read or written: permissions, disk full, a lost connection)"},
        subcommands = {
            CommandLine.HelpCommand.class,
            SimulateCommand.class,
            PreparePerturbCommand.class,
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
            TrainSvaeCommand.class,
            TransferSvaeCommand.class,
            TrainSamsvaeCommand.class,
            EvaluatePerturbCommand.class,
            ReportPerturbCommand.class,
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
    /** Exit codes, one per kind of failure; --help and README list them. */
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NUMERICAL = 3;
    public static final int EXIT_BAD_INPUT = 4;
    public static final int EXIT_IO = 5;

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
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler(
                (ex, cmd, parseResult) -> {
                    cmd.getErr().println("gexflow " + cmd.getCommandName() + ": error: " + oneLine(ex));
                    if (!(ex instanceof InputException) && System.getenv("GEXFLOW_DEBUG") != null) {
                        ex.printStackTrace(cmd.getErr());
                    }
                    return exitCode(ex);
                });
        return cl;
    }

    /** The exit code of a failure by its kind: bad input (a missing path too), numerical, I/O, or a bug. */
    static int exitCode(Throwable ex) {
        if (ex instanceof InputException || causedBy(ex, java.nio.file.NoSuchFileException.class)) {
            return EXIT_BAD_INPUT;
        }
        if (ex instanceof NumericsGuard.NonFiniteException) {
            return EXIT_NUMERICAL;
        }
        return causedByIo(ex) ? EXIT_IO : EXIT_FAILURE;
    }

    /**
     * The failure as one line. For an I/O failure (a missing file included) the reason of the innermost
     * cause (e.g. "no such file", "No space left on device") is added when the message does not say it.
     */
    static String oneLine(Throwable ex) {
        String msg = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        if (!(ex instanceof InputException) && ex.getMessage() == null && ex.getCause() != null) {
            msg = oneLine(ex.getCause());
        } else if (!(ex instanceof InputException) && causedByIo(ex)) {
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root == ex ? null : describe(root);
            if (reason != null && !msg.contains(reason)) {
                msg = msg + ": " + reason;
            }
        }
        return msg.replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean causedByIo(Throwable ex) {
        return causedBy(ex, java.io.IOException.class) || causedBy(ex, java.io.UncheckedIOException.class);
    }

    /** Whether {@code ex} or one of its causes is a {@code kind}. */
    private static boolean causedBy(Throwable ex, Class<? extends Throwable> kind) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** What an I/O exception says; the JDK's file exceptions carry the reason apart from the file. */
    private static String describe(Throwable t) {
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
