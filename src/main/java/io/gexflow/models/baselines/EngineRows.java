package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Hands consecutive rows of a row-major float32 array to the engine as a float64 array. The conversion
 * runs in Java into one reused native buffer that the engine array wraps without a copy: the engine's
 * own element-wise conversion allocates a fresh array per chunk and measured ~60 ns per value here,
 * slower than the products themselves. Memory stays at one chunk whatever the number of rows.
 */
final class EngineRows {
    private final int cols;
    private final ByteBuffer buffer;
    private final DoubleBuffer values;

    /** Room for {@code maxRows} rows of {@code cols} values. */
    EngineRows(int cols, int maxRows) {
        this.cols = cols;
        this.buffer = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(cols, maxRows), Double.BYTES))
                .order(ByteOrder.nativeOrder());
        this.values = buffer.asDoubleBuffer();
    }

    /**
     * Rows {@code start .. start + count - 1} of {@code data} as a (count x cols) float64 array owned by
     * {@code manager}. It shares this object's buffer: close it (with its manager) before the next call.
     */
    NDArray rows(NDManager manager, float[] data, int start, int count) {
        int n = Math.multiplyExact(count, cols);
        int from = Math.multiplyExact(start, cols);
        for (int i = 0; i < n; i++) {
            values.put(i, data[from + i]);
        }
        buffer.clear();
        buffer.limit(n * Double.BYTES);
        return manager.create(buffer, new Shape(count, cols), DataType.FLOAT64);
    }

    /** How many rows of {@code doublesPerRow} float64 values fit in {@code budget} doubles (at least 1, at most n). */
    static int chunkRows(int n, long doublesPerRow, long budget) {
        return (int) Math.max(1, Math.min(n, budget / Math.max(1, doublesPerRow)));
    }
}
