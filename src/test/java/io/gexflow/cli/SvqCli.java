package io.gexflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the S-VQ-VAE data verbs in-process through {@link Main#commandLine()}, adding them when Main
 * does not list them yet (so the tests pass before and after they are registered).
 */
final class SvqCli {
    private SvqCli() {}

    static CliRunner.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("prepare-mnist")) {
            cl.addSubcommand(new PrepareMnistCommand());
        }
        if (!cl.getSubcommands().containsKey("prepare-lincs")) {
            cl.addSubcommand(new PrepareLincsCommand());
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRunner.Result(exit, out.toString(), err.toString());
    }
}
