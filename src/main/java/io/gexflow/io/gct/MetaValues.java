package io.gexflow.io.gct;

import java.math.BigDecimal;
import java.util.Set;

/** Missing-value markers and number formatting shared by the GCT and GCTX readers. */
final class MetaValues {

    /** Text values that GCT/GCTX files use for "no value". */
    private static final Set<String> MISSING_TEXT = Set.of("-666", "-666.0", "na", "NA", "NaN", "nan", "");

    /** The numeric missing marker of the CMap tools. */
    static final double MISSING_NUMBER = -666;

    /** What {@link GctxWriter} stores for a null metadata value (read back as null). */
    static final String MISSING_WRITTEN = "-666";

    private MetaValues() {
    }

    /** The value, or null when it is a missing marker. */
    static String text(String value) {
        return value == null || MISSING_TEXT.contains(value) ? null : value;
    }

    /**
     * Formats a number from an HDF5 metadata dataset: integers without ".0", other doubles in the
     * shortest form that reads back to the same value, float32 values from their float form (so
     * 0.1f is "0.1", not "0.10000000149011612"); -666 and NaN become null.
     */
    static String number(Object n) {
        if (n instanceof Float f) {
            return decimal(f.doubleValue(), Float.toString(f));
        }
        if (n instanceof Double d) {
            return decimal(d, Double.toString(d));
        }
        if (n instanceof Number num) {
            String s = num.toString();
            return s.equals("-666") ? null : s;
        }
        if (n instanceof Boolean b) {
            return b.toString();
        }
        return n == null ? null : text(n.toString());
    }

    private static String decimal(double d, String javaString) {
        if (Double.isNaN(d) || d == MISSING_NUMBER) {
            return null;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (javaString.indexOf('E') >= 0 && Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21) {
            // 1.0E-5 -> 0.00001, 2.5E7 -> 25000000 (integers were handled above)
            return new BigDecimal(javaString).stripTrailingZeros().toPlainString();
        }
        return javaString;
    }
}
