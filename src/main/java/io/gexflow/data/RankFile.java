package io.gexflow.data;

import io.gexflow.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The rank indices of the training samples (for each value, the index into the quantile reference that it takes,
 * {@link QuantileNormalizer#ranks}), 2 bytes a value, in a scratch file: written in the pass that builds the
 * reference, then read back in the same order by each later pass, so that no training sample is sorted twice
 * and memory stays one sample wide however many samples there are (issue 14). Deleted on {@link #close}.
 */
public final class RankFile implements AutoCloseable {
    /** Rank indices are stored as 16-bit chars: a sample may have at most this many values. */
    public static final int MAX_FEATURES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long rows;
    private long readRows;

    /** A new scratch file (replaced if present) for samples of {@code features} values. */
    public RankFile(Path file, int features) {
        if (features > MAX_FEATURES) {
            throw new IllegalArgumentException(features + " features: rank indices hold at most " + MAX_FEATURES);
        }
        this.file = file;
        this.buffer = ByteBuffer.allocate(2 * features).order(ByteOrder.nativeOrder());
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InputException(file, "cannot create the scratch file (" + e.getMessage() + ")");
        }
    }

    /** Appends one sample's rank indices. */
    public void append(int[] ranks) {
        buffer.clear();
        for (int r : ranks) {
            buffer.putChar((char) r);
        }
        buffer.flip();
        try {
            long at = 2L * ranks.length * rows;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot write the scratch file (" + e.getMessage() + ")");
        }
        rows++;
    }

    /** How many samples were appended. */
    public long rows() {
        return rows;
    }

    /** The next sample's rank indices into {@code ranks}, from the first one again after {@link #rewind}. */
    public void next(int[] ranks) {
        if (readRows >= rows) {
            throw new IllegalStateException("all " + rows + " samples of " + file + " were read");
        }
        buffer.clear().limit(2 * ranks.length);
        try {
            long at = 2L * ranks.length * readRows;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at + buffer.position());
                if (n < 0) {
                    throw new InputException(file, "the scratch file ends early");
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read the scratch file (" + e.getMessage() + ")");
        }
        buffer.flip();
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = buffer.getChar();
        }
        readRows++;
    }

    /** The next {@link #next} reads the first sample. */
    public void rewind() {
        readRows = 0;
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new InputException(file, "cannot remove the scratch file (" + e.getMessage() + ")");
        }
    }
}
