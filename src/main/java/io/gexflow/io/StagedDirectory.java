package io.gexflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An output directory written as a whole: the files go into a hidden staging sibling, which goes in
 * place only when the writer has finished. A writer that fails (or a process that is interrupted: a
 * shutdown hook removes the staging directory) leaves the previous directory as it was, so a model
 * directory never mixes the files of two runs. Only a previous model directory is replaced whole; into
 * any other existing directory (the working directory of a Nextflow task, say) the files are moved.
 * A model directory (one with {@code model.json}) is sealed with the checksums of its files
 * ({@link DirectorySeal}), which loaders check.
 */
public final class StagedDirectory {
    private StagedDirectory() {}

    /**
     * Runs {@code writer} on a new staging directory beside {@code target}; if it returns normally, the
     * staging directory takes the target's place (a previous target is removed after the rename).
     *
     * @return what the writer returned
     */
    public static <T> T write(Path target, Function<Path, T> writer) {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(target, "is a file, not a directory to write");
        }
        Path parent = dir.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = create(parent, "." + dir.getFileName() + "." + ProcessHandle.current().pid(), "staging");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + parent, e);
        }
        Thread cleanup = new Thread(() -> deleteQuietly(staging));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            T result = writer.apply(staging);
            if (Files.isRegularFile(staging.resolve("model.json"))) {
                DirectorySeal.seal(staging);
            }
            replace(dir, staging);
            return result;
        } finally {
            deleteQuietly(staging);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static Path create(Path parent, String prefix, String suffix) throws IOException {
        for (int n = 0; ; n++) {
            try {
                return Files.createDirectory(parent.resolve(prefix + "." + n + "." + suffix));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /**
     * Puts the staged files in place. A previous model directory (one holding {@code model.json}) is
     * replaced as a whole, so no file of the old run survives; any other existing directory (a
     * Nextflow task's {@code --out-dir .}, a user's folder) is never removed: each staged entry is moved
     * into it, replacing an entry of the same name.
     */
    private static void replace(Path dir, Path staging) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (Files.isDirectory(dir) && (!Files.exists(dir.resolve("model.json")) || cwd.startsWith(dir))) {
            merge(dir, staging);
            return;
        }
        try {
            Path old = null;
            if (Files.exists(dir)) {
                old = create(dir.getParent(), "." + dir.getFileName() + "." + ProcessHandle.current().pid(), "old");
                Files.delete(old);
                move(dir, old);
            }
            move(staging, dir);
            if (old != null) {
                deleteQuietly(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + staging + " in place of " + dir, e);
        }
    }

    private static void merge(Path dir, Path staging) {
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path from : (Iterable<Path>) entries::iterator) {
                Path to = dir.resolve(from.getFileName().toString());
                if (Files.isDirectory(to)) {
                    deleteQuietly(to);
                }
                try {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + staging + " into " + dir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a hidden leftover is never taken for output
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
