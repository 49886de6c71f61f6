package io.gexflow.io.h5ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An h5ad {@code obs} or {@code var} data frame: the row index ({@code _index}) and the columns in the
 * file's {@code column-order}.
 */
public record DataFrame(List<String> index, Map<String, FrameColumn> columns) {
    public DataFrame {
        index = Collections.unmodifiableList(new ArrayList<>(index));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public int size() {
        return index.size();
    }

    /** The column, or null. */
    public FrameColumn column(String name) {
        return columns.get(name);
    }

    /** A column as one text value per row (see {@link FrameColumn#text(int)}). */
    public List<String> texts(String name) {
        FrameColumn c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name + " (columns: " + columns.keySet() + ")");
        }
        List<String> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(c.text(i));
        }
        return out;
    }
}
