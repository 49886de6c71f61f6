package io.gexflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs gexflow verbs in-process and captures what they print. */
final class CliRunner {
    record Result(int exit, String out, String err) {}

    private CliRunner() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
