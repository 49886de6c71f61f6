package io.gexflow.io.arrow;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

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

    /** The column's Arrow field: utf8, int32 or float64, nullable. */
    Field field() {
        ArrowType t = switch (type) {
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case INT -> new ArrowType.Int(32, true);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        };
        return new Field(name, FieldType.nullable(t), null);
    }

    /** Sets row {@code row} of this column's vector to {@code value} (String, Number or null). */
    void set(FieldVector v, int row, Object value) {
        if (value == null) {
            switch (type) {
                case UTF8 -> ((VarCharVector) v).setNull(row);
                case INT -> ((IntVector) v).setNull(row);
                case FLOAT -> ((Float8Vector) v).setNull(row);
            }
            return;
        }
        switch (type) {
            case UTF8 -> ((VarCharVector) v).setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
            case INT -> ((IntVector) v).setSafe(row, ((Number) value).intValue());
            case FLOAT -> ((Float8Vector) v).setSafe(row, ((Number) value).doubleValue());
        }
    }
}
