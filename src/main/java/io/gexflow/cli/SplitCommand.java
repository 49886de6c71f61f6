package io.gexflow.cli;

import io.gexflow.data.SplitAssigner;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.arrow.ArrowMatrixReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Assign samples to train/valid/test by a seeded permutation; writes id<TAB>split.")
public final class SplitCommand extends Verb {
    @Option(names = "--input", required = true, description = "Matrix file (.arrow).")
    Path input;

    @Mixin CommonOptions.OutFile out;

    @Option(names = "--valid-fraction", defaultValue = "0.1", description = "Validation fraction (default ${DEFAULT-VALUE}).")
    double validFraction;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Test fraction (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Mixin CommonOptions.Seed seed;

    @Override
    public Integer call() {
        try {
            SplitAssigner.checkFractions(validFraction, testFraction);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        try (ArrowMatrixReader r = new ArrowMatrixReader(input)) {
            while (r.nextBatch()) {
                for (int i = 0; i < r.batchRows(); i++) {
                    ids.add(r.id(i));
                }
            }
        }
        Map<String, String> split;
        try {
            split = SplitAssigner.assign(ids, validFraction, testFraction, seed.value);
        } catch (IllegalArgumentException e) {
            throw new io.gexflow.io.InputException(input, e.getMessage());
        }
        StringBuilder sb = new StringBuilder("id\tsplit\n");
        split.forEach((id, s) -> sb.append(id).append('\t').append(s).append('\n'));
        AtomicFile.writeString(out.value, sb.toString());
        long train = split.values().stream().filter(SplitAssigner.TRAIN::equals).count();
        long valid = split.values().stream().filter(SplitAssigner.VALID::equals).count();
        System.err.printf("split %d samples: %d train / %d valid / %d test (seed %d)%n", ids.size(), train, valid,
                ids.size() - train - valid, seed.value);
        return 0;
    }
}
