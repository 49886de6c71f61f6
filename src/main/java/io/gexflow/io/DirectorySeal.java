package io.gexflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The list of files that belong to one model directory, with their SHA-256, in {@value #FILE}
 * ({@code sha256sum} format, so {@code sha256sum -c} checks it by hand too). A reader that finds the
 * list refuses a directory whose files were changed, lost, or mixed with those of another run.
 */
public final class DirectorySeal {
    public static final String FILE = "checksums.sha256";

    private DirectorySeal() {}

    /** Writes the list of every regular file under {@code dir} (but the list itself), sorted by path. */
    public static void seal(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String rel : files(dir)) {
            sb.append(Sha256.of(dir.resolve(rel))).append("  ").append(rel).append('\n');
        }
        AtomicFile.writeString(dir.resolve(FILE), sb.toString());
    }

    /**
     * Checks the directory against its list: every listed file present with its checksum. A directory
     * without a list (written before lists existed) passes.
     */
    public static void verify(Path dir) {
        Path list = dir.resolve(FILE);
        if (!Files.isRegularFile(list)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int sep = line.indexOf("  ");
            if (sep != 64 || line.length() == 66) {
                throw new InputException(list, "line " + (i + 1) + " is not '<sha256>  <file>'");
            }
            String want = line.substring(0, sep);
            String rel = line.substring(sep + 2);
            Path file = dir.resolve(rel).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new InputException(list, "line " + (i + 1) + " names a file outside the directory: " + rel);
            }
            if (!Files.isRegularFile(file)) {
                throw new InputException(dir, rel + " is missing: the directory is incomplete");
            }
            if (!Sha256.of(file).equalsIgnoreCase(want)) {
                throw new InputException(dir.resolve(rel), "does not belong to this model directory (its SHA-256 "
                        + "differs from " + FILE + "): files of different runs are mixed; re-run the training");
            }
        }
    }

    private static List<String> files(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> !rel.equals(FILE))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }
}
