package io.gexflow.family;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.gexflow.io.InputException;
import io.gexflow.io.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A family's parameter files: saved so that a file appears only complete (best-epoch checkpoints), and
 * loaded into a built, initialised block with one error naming the file.
 */
public final class ParameterFiles {
    private ParameterFiles() {}

    public static void save(Block block, Path file) {
        try (AtomicFile f = new AtomicFile(file)) {
            try (OutputStream os = Files.newOutputStream(f.temp());
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                block.saveParameters(out);
            }
            f.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }

    /**
     * Loads {@code file} into {@code block} (built and initialised in {@code manager}); a missing or
     * unreadable file is an {@link InputException} naming it ("cannot load {@code what} (...)"). The caller
     * closes the manager when this throws.
     */
    public static void load(Block block, NDManager manager, Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InputException(file, "cannot load " + what + " (" + e.getMessage() + ")", e);
        }
    }
}
