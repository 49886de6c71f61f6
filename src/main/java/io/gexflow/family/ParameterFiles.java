package io.gexflow.family;

import ai.djl.nn.Block;
import io.gexflow.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves a DJL block's parameters to a file that appears only complete (best-epoch checkpoints). */
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
}
