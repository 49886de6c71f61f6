package io.gexflow.cli;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.io.InputException;
import java.nio.file.Path;

/**
 * How a perturbation verb gets its cells: a file in, a {@link PerturbationData} out. The Arrow reader of the
 * perturbation track is written in parallel (issue 12); until it is in this build, {@link #NONE} refuses
 * every file with a message that says so, and tests hand the verb data built in code.
 */
@FunctionalInterface
interface PerturbationReader {
    PerturbationData read(Path file);

    PerturbationReader NONE = file -> {
        throw new InputException(file, "this build has no reader of perturbation data files yet (the Arrow reader of "
                + "the perturbation track lands separately)");
    };
}
