package io.gexflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that only appears under its final name when it is complete: bytes go to a hidden
 * temporary sibling, and {@link #commit()} renames it; {@link #close()} without commit deletes it.
 * A process stopped by SIGTERM or SIGINT (a killed Nextflow task, Ctrl-C) deletes its unfinished
 * temporary files in a shutdown hook.
 */
public final class AtomicFile implements AutoCloseable {
    /** Temporary files not yet committed or closed, for the shutdown hook. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deleteOpen, "gexflow-part-cleanup"));
    }

    private final Path target;
    private final Path temp;
    private boolean committed;

    public AtomicFile(Path target) {
        this.target = target.toAbsolutePath();
        if (Files.isDirectory(this.target)) {
            throw new InputException(target, "is a directory, not a file to write");
        }
        Path dir = this.target.getParent();
        try {
            Files.createDirectories(dir);
            this.temp = createTemp(dir, "." + this.target.getFileName() + "." + ProcessHandle.current().pid());
            OPEN.add(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output in " + dir, e);
        }
    }

    /**
     * A new empty hidden sibling. CREATE_NEW rather than {@link Files#createTempFile}, which makes
     * owner-only files: outputs keep the process umask.
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        for (int n = 0; ; n++) {
            try {
                return Files.createFile(dir.resolve(prefix + "." + n + ".part"));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** Where to write now. */
    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Moves the finished temporary file to its final name. */
    public void commit() {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            OPEN.remove(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temp + " to " + target, e);
        }
    }

    /** Writes a whole text file atomically. */
    public static void writeString(Path target, String content) {
        try (AtomicFile f = new AtomicFile(target)) {
            Files.writeString(f.temp(), content);
            f.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(temp);
        }
        OPEN.remove(temp);
    }

    static void deleteOpen() {
        for (Path p : OPEN) {
            deleteQuietly(p);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temp name is hidden and never taken for output
        }
    }
}
