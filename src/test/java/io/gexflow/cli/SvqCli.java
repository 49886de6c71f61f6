package io.gexflow.cli;


/**
 * Runs the S-VQ-VAE data verbs in-process through {@link Main#commandLine()}, adding them when Main
 * does not list them yet (so the tests pass before and after they are registered).
 */
final class SvqCli {
    private SvqCli() {}

    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }
}
