package io.gexflow.io.arrow;

import io.gexflow.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The life of one Arrow IPC file that gexflow writes: the schema's vectors, record batches written as they
 * fill, and the file under its name only when {@link #close()} succeeds ({@link AtomicFile}); {@link #abort()}
 * leaves nothing behind. The dense and the sparse writers fill the vectors; this class owns the rest.
 */
final class ArrowFileSink implements AutoCloseable {
    private final AtomicFile out;
    private final BufferAllocator allocator;
    private VectorSchemaRoot root;
    private FileChannel channel;
    private ArrowFileWriter writer;
    private boolean closed;

    ArrowFileSink(Path file, Schema schema) {
        this.out = new AtomicFile(file);
        this.allocator = new RootAllocator();
        try {
            this.root = VectorSchemaRoot.create(schema, allocator);
            this.channel = FileChannel.open(out.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.writer = new ArrowFileWriter(root, null, channel);
            writer.start();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** The vectors of the batch being filled. */
    VectorSchemaRoot root() {
        return root;
    }

    /** Writes the filled vectors as one record batch of {@code rows} rows (value counts set by the caller). */
    void writeBatch(int rows) {
        root.setRowCount(rows);
        try {
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.target(), e);
        }
    }

    /** Finishes the file and gives it its name. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            writer.end();
            writer.close();
            channel.close();
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + out.target(), e);
        } finally {
            closed = true;
            release();
        }
    }

    /** Drops the partial file. */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the temp file is deleted below anyway
        }
        release();
    }

    boolean isClosed() {
        return closed;
    }

    private void release() {
        if (root != null) {
            root.close();
        }
        allocator.close();
        out.close();
    }
}
