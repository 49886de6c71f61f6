package io.gexflow.models;

import java.util.List;

/** A trained landmark -> target model that EVALUATE can apply. */
public interface ExpressionModel extends AutoCloseable {
    /** Landmark gene ids, in the input column order. */
    List<String> inputs();

    /** Target gene ids, in the output column order. */
    List<String> outputs();

    /** Predicts {@code rows} samples: {@code x} is rows x inputs, row-major; returns rows x outputs. */
    float[] predict(float[] x, int rows);

    @Override
    default void close() {}
}
