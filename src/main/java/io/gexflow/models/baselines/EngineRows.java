package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hands consecutive rows of a row-major float32 array to the engine as a float64 array, through one
 * reused native buffer (so a chunk costs one bulk copy and one conversion on the engine, and memory
 * stays at one chunk whatever the number of rows).
 */
final class EngineRows {
    private final int cols;
    private final ByteBuffer buffer;

    /** Room for {@code maxRows} rows of {@code cols} values. */
    EngineRows(int cols, int maxRows) {
        this.cols = cols;
        this.buffer = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(cols, maxRows), Float.BYTES))
                .order(ByteOrder.nativeOrder());
    }

    /**
     * Rows {@code start .. start + count - 1} of {@code data} as a (count x cols) float64 array owned by
     * {@code manager}. The buffer is reused by the next call: the float32 copy lives only inside this one.
     */
    NDArray rows(NDManager manager, float[] data, int start, int count) {
        int values = Math.multiplyExact(count, cols);
        buffer.clear();
        buffer.asFloatBuffer().put(data, Math.multiplyExact(start, cols), values);
        buffer.limit(values * Float.BYTES);
        try (NDArray single = manager.create(buffer, new Shape(count, cols), DataType.FLOAT32)) {
            return single.toType(DataType.FLOAT64, true);
        }
    }

    /** How many rows of {@code doublesPerRow} float64 values fit in {@code budget} doubles (at least 1, at most n). */
    static int chunkRows(int n, long doublesPerRow, long budget) {
        return (int) Math.max(1, Math.min(n, budget / Math.max(1, doublesPerRow)));
    }
}
