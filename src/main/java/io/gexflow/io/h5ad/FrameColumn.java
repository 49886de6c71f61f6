package io.gexflow.io.h5ad;

import java.util.List;

/**
 * One column of an h5ad {@code obs} or {@code var} data frame, typed as the file stores it.
 * {@link #text(int)} gives every kind as a string (null for a missing value) for callers that only
 * need labels, e.g. a guide or treatment column.
 */
public sealed interface FrameColumn {
    int size();

    /** The value at {@code i} as text; null when missing (a categorical code -1, a NaN). */
    String text(int i);

    /** Plain strings ({@code encoding-type} string-array, or a string dataset in the old layout). */
    record Strings(List<String> values) implements FrameColumn {
        public Strings {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public String text(int i) {
            return values.get(i);
        }
    }

    /** Numbers; {@code integer} when the file stores an integer type (then {@link #text} prints no decimals). */
    record Numbers(double[] values, boolean integer) implements FrameColumn {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String text(int i) {
            double v = values[i];
            if (Double.isNaN(v)) {
                return null;
            }
            return integer ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** Booleans (numpy bool, stored by h5py as an HDF5 enum FALSE/TRUE). */
    record Booleans(boolean[] values) implements FrameColumn {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String text(int i) {
            return Boolean.toString(values[i]);
        }
    }

    /** A pandas categorical: {@code codes} index {@code categories}; code -1 is a missing value. */
    record Categorical(int[] codes, List<String> categories, boolean ordered) implements FrameColumn {
        public Categorical {
            categories = List.copyOf(categories);
        }

        @Override
        public int size() {
            return codes.length;
        }

        @Override
        public String text(int i) {
            int c = codes[i];
            return c < 0 ? null : categories.get(c);
        }
    }
}
