package io.gexflow.cli;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.PerturbationFile;
import io.gexflow.io.InputException;
import java.nio.file.Path;

/**
 * How a perturbation verb gets its cells: a file in, a {@link PerturbationData} out. {@link #FILE} reads the
 * track's sparse counts Arrow file ({@link PerturbationFile}); tests hand a verb data built in code.
 */
@FunctionalInterface
interface PerturbationReader {
    PerturbationData read(Path file);

    /** Every cell of a counts file. */
    PerturbationReader FILE = file -> PerturbationFile.read(file).data();

    /** The cells of one split of a counts file (its obs column {@code split}). */
    static PerturbationReader split(String name) {
        return file -> {
            PerturbationFile f = PerturbationFile.read(file);
            PerturbationData d = f.split(file, name);
            if (d.cells().isEmpty()) {
                throw new InputException(file, "has no cell of split '" + name + "' (splits: "
                        + new java.util.TreeSet<>(f.obs().get(PerturbationFile.SPLIT).stream().map(String::valueOf).toList()) + ")");
            }
            return d;
        };
    }
}
