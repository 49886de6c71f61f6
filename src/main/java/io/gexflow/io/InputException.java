package io.gexflow.io;

import java.nio.file.Path;

/**
 * Bad input a user can fix: names the file and the problem in one line.
 * The CLI prints {@link #getMessage()} alone (no stack trace) and exits non-zero.
 */
public class InputException extends RuntimeException {
    private final transient Path file;

    public InputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
