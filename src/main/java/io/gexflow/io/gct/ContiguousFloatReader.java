package io.gexflow.io.gct;

import io.gexflow.io.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.dataset.ContiguousDatasetImpl;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads runs of values of a contiguously stored 32-bit float dataset straight from the file, one positional read
 * per run into a reused buffer. jHDF finds the dataset, its byte order and where its values start (its data
 * address after the user block); jHDF's own slice read allocates and copies a buffer per row of the slice, which
 * was most of {@code convert}'s reading time (issue 14). When opening, the first values are read both ways and
 * must agree, else {@link #open} returns null and the caller keeps jHDF's read.
 */
final class ContiguousFloatReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long start;
    private final ByteOrder order;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private ContiguousFloatReader(Path file, FileChannel channel, long start, ByteOrder order) {
        this.file = file;
        this.channel = channel;
        this.start = start;
        this.order = order;
    }

    /** A reader of the dataset's values, or null when it is not a non-empty contiguous float32 dataset. */
    static ContiguousFloatReader open(Path file, HdfFile hdf, Dataset dataset) {
        if (!(dataset instanceof ContiguousDatasetImpl contiguous) || dataset.isEmpty()
                || !(dataset.getDataType() instanceof FloatingPoint fp) || fp.getSize() != 4) {
            return null;
        }
        int[] dims = dataset.getDimensions();
        if (dims.length != 2) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            ContiguousFloatReader r = new ContiguousFloatReader(file, channel,
                    hdf.getUserBlockSize() + contiguous.getDataAddress(), fp.getByteOrder());
            int check = Math.min(dims[1], 64);
            float[] ours = new float[check];
            r.read(0, check, ours, 0);
            float[] theirs = new float[check];
            contiguous.getSliceDataBuffer(new long[] {0, 0}, new int[] {1, check}).asFloatBuffer().get(theirs);
            for (int i = 0; i < check; i++) {
                if (Float.floatToRawIntBits(ours[i]) != Float.floatToRawIntBits(theirs[i])) {
                    r.close();
                    return null;
                }
            }
            return r;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the caller falls back to jHDF's read, which reports what is wrong with the file
                }
            }
            return null;
        }
    }

    /** Reads values [first, first + count) of the dataset (row-major) into out at offset. */
    void read(long first, int count, float[] out, int offset) {
        long bytes = 4L * count;
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate((int) bytes);
        }
        buffer.clear().limit((int) bytes);
        long at = start + 4 * first;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at + buffer.position());
                if (n < 0) {
                    throw new InputException(file, "truncated HDF5: the matrix's values end before value " + (first + count));
                }
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read the matrix (" + e.getMessage() + ")");
        }
        buffer.flip();
        buffer.order(order).asFloatBuffer().get(out, offset, count);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new InputException(file, "cannot close (" + e.getMessage() + ")");
        }
    }
}
