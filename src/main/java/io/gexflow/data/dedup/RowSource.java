package io.gexflow.data.dedup;

/**
 * The rows of a samples x features matrix, reached only by whole passes: gather a set of rows, or
 * visit every row in order. Either all rows are in memory (then both cost no I/O), or each call is
 * one sequential pass over a file and holds only what it returns (plus one record batch).
 */
public interface RowSource {
    int rows();

    int cols();

    /** Whether every row is already in memory, so gathering holds nothing more. */
    boolean inMemory();

    /**
     * The rows at {@code indices} (any order, repeats allowed), in that order; a repeated index gives
     * the same array. At most one pass over the data; the result holds one array per distinct index.
     * Callers must not modify the arrays.
     */
    float[][] gather(int[] indices);

    /** Visits every row in input order, one chunk at a time. */
    void scan(ChunkVisitor visitor);

    /** Passes over the underlying file so far (0 for rows that were in memory from the start). */
    int passes();

    @FunctionalInterface
    interface ChunkVisitor {
        /** {@code rows[i]} is row {@code firstRow + i}; the arrays are read-only. */
        void visit(int firstRow, float[][] rows);
    }
}
