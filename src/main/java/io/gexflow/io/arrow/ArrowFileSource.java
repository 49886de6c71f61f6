package io.gexflow.io.arrow;

import io.gexflow.io.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/**
 * One Arrow IPC file open for reading, as the dense and the sparse readers both need it: a missing or
 * unreadable file and a file that is not Arrow IPC are one-line input errors, and memory is bounded by the
 * file (a message body is read from the file, so no honest batch needs more than its size: a forged length
 * is refused by the allocator instead of exhausting memory). The readers interpret the schema and batches.
 */
final class ArrowFileSource implements AutoCloseable {
    private final BufferAllocator allocator;
    private FileChannel channel;
    private ArrowFileReader reader;
    private final VectorSchemaRoot root;

    ArrowFileSource(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "file not found");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        this.allocator = new RootAllocator(2 * size + (64L << 20));
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.reader = new ArrowFileReader(channel, allocator);
            this.root = reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            close();
            throw new InputException(file, "not an Arrow IPC file (" + e.getMessage() + ")", e);
        }
    }

    /** The vectors of the batch loaded last. */
    VectorSchemaRoot root() {
        return root;
    }

    /** The schema's custom metadata (empty when it has none). */
    Map<String, String> metadata() {
        Map<String, String> m = root.getSchema().getCustomMetadata();
        return m == null ? Map.of() : m;
    }

    /** Loads the next record batch into {@link #root()}; false at the end. */
    boolean loadNextBatch() throws IOException {
        return reader.loadNextBatch();
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            } else if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
        allocator.close();
    }
}
