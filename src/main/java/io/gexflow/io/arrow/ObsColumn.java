package io.gexflow.io.arrow;

/** A per-sample annotation column beside {@code id} and {@code x}: labels, treatment, split. */
public record ObsColumn(String name, Type type) {
    public enum Type { UTF8, INT, FLOAT }

    public static ObsColumn utf8(String name) {
        return new ObsColumn(name, Type.UTF8);
    }

    public static ObsColumn int32(String name) {
        return new ObsColumn(name, Type.INT);
    }

    public static ObsColumn float64(String name) {
        return new ObsColumn(name, Type.FLOAT);
    }
}
