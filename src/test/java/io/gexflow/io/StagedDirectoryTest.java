package io.gexflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory written as a whole: replaced only by a finished writer, never mixed, no leftovers. */
class StagedDirectoryTest {
    @TempDir Path dir;

    private List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** An existing directory that is no model directory (a task's --out-dir .) keeps what it held. */
    @Test
    void intoAnOtherDirectoryTheFilesAreMovedAndNothingIsRemoved() throws Exception {
        Path task = dir.resolve("task");
        Files.createDirectories(task);
        Files.writeString(task.resolve(".command.run"), "nextflow's");
        Files.writeString(task.resolve("train.arrow"), "an input of the same name is replaced");
        StagedDirectory.write(task, d -> write(d.resolve("train.arrow"), "new") + write(d.resolve("classes.tsv"), "c"));
        assertEquals(List.of(".command.run", "classes.tsv", "train.arrow"), names(task));
        assertEquals("nextflow's", read(task.resolve(".command.run")));
        assertEquals("new", read(task.resolve("train.arrow")));
        assertEquals(List.of("task"), names(dir));
        assertThrows(IllegalStateException.class, () -> StagedDirectory.write(task, d -> {
            write(d.resolve("classes.tsv"), "half");
            throw new IllegalStateException("refused");
        }));
        assertEquals("c", read(task.resolve("classes.tsv")), "a failed run changes nothing");
    }

    @Test
    void aFinishedWriterReplacesTheWholeModelDirectory() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("model.json"), "old");
        Files.writeString(model.resolve("history_p1.json"), "old run's extra file");
        int r = StagedDirectory.write(model, d -> {
            assertFalse(d.equals(model.toAbsolutePath()), "writes elsewhere first");
            assertEquals("old", read(model.resolve("model.json")), "the old directory stays until the end");
            write(d.resolve("model.json"), "new");
            return 0;
        });
        assertEquals(0, r);
        assertEquals(List.of("checksums.sha256", "model.json"), names(model), "nothing of the old run is left");
        assertEquals("new", read(model.resolve("model.json")));
        assertEquals(List.of("model"), names(dir), "no staging or old directory left");
    }

    @Test
    void aFailingWriterLeavesThePreviousDirectoryUntouched() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("model.json"), "old");
        assertThrows(IllegalStateException.class, () -> StagedDirectory.write(model, d -> {
            write(d.resolve("model.params"), "half");
            throw new IllegalStateException("diverged");
        }));
        assertEquals(List.of("model.json"), names(model));
        assertEquals("old", read(model.resolve("model.json")));
        assertEquals(List.of("model"), names(dir));
    }

    @Test
    void aNewDirectoryAppearsOnlyWhenFinished() throws Exception {
        Path model = dir.resolve("a/b/model");
        assertThrows(IllegalStateException.class, () -> StagedDirectory.write(model, d -> {
            throw new IllegalStateException("bad input");
        }));
        assertFalse(Files.exists(model));
        StagedDirectory.write(model, d -> write(d.resolve("x"), "1"));
        assertTrue(Files.isRegularFile(model.resolve("x")));
    }

    @Test
    void aFileInTheWayIsRefused() throws Exception {
        Path file = dir.resolve("model");
        Files.writeString(file, "x");
        InputException e = assertThrows(InputException.class, () -> StagedDirectory.write(file, d -> 0));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int write(Path p, String s) {
        try {
            Files.writeString(p, s);
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
