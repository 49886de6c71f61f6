package io.gexflow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options that many verbs share, as picocli mixins ({@code @Mixin CommonOptions.Seed seed;}, read as
 * {@code seed.value}): one name, default and type each. What the option means in a verb ("seed of the
 * split", "writes metrics.json here") is that verb's line {@code gexflow.<verb>.<key>} in
 * {@code OptionHelp.properties} (picocli looks up the command-qualified key first, then the description
 * given here). The labels are the ones the verbs' own fields gave ({@code --out-dir=<outDir>}).
 */
final class CommonOptions {
    static final String HELP = "io.gexflow.cli.OptionHelp";

    private CommonOptions() {}

    /** {@code --seed}: every random draw of the verb follows from it. */
    @Command(resourceBundle = HELP)
    static final class Seed {
        @Option(names = "--seed", paramLabel = "<seed>", defaultValue = "7", descriptionKey = "seed",
                description = "Seed (default ${DEFAULT-VALUE}).")
        long value;
    }

    /** {@code --out-dir}: the directory the verb writes (required). */
    @Command(resourceBundle = HELP)
    static final class OutDir {
        @Option(names = "--out-dir", paramLabel = "<outDir>", required = true, descriptionKey = "out-dir",
                description = "Output directory.")
        Path value;

        /** A file in the directory. */
        Path resolve(String file) {
            return value.resolve(file);
        }

        /** The path, as log lines and messages print it. */
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    /** {@code --out}: the one file the verb writes (required). */
    @Command(resourceBundle = HELP)
    static final class OutFile {
        @Option(names = "--out", paramLabel = "<out>", required = true, descriptionKey = "out", description = "Output file.")
        Path value;

        /** The path, as log lines and messages print it. */
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    /** {@code --threads}: worker threads, 0 for every processor. */
    @Command(resourceBundle = HELP)
    static final class Threads {
        @Option(names = "--threads", paramLabel = "<threads>", defaultValue = "0", descriptionKey = "threads",
                description = "Worker threads; 0: all processors (default ${DEFAULT-VALUE}).")
        int value;
    }
}
