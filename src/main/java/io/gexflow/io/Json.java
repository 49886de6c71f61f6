package io.gexflow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one Jackson mapper of the tool: stable key order, pretty output. */
public final class Json {
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();

    private Json() {}

    /** One-line JSON (for Arrow schema metadata). */
    public static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    /** Writes JSON atomically. */
    public static void writeFile(Path file, Object value) {
        AtomicFile.writeString(file, write(value));
    }

    /**
     * Reads a file whose top level must be a JSON object; a missing file, invalid JSON, an empty file
     * or another top level is an {@link InputException} naming the file ({@code whenMissing} says what
     * a missing file means to the caller).
     */
    public static com.fasterxml.jackson.databind.JsonNode readObject(Path file, String whenMissing) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file, whenMissing);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file, "expected a JSON object at the top level");
        }
        return root;
    }

    public static <T> T readFile(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(file, "not valid JSON for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
