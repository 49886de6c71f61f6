package io.gexflow.io.gct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What every genes x samples data set holds in memory: its file, ids and metadata. */
abstract class AbstractGctDataset implements GctDataset {
    private final Path file;
    private final List<String> rowIds;
    private final List<String> columnIds;
    private final Map<String, List<String>> rowMeta;
    private final Map<String, List<String>> colMeta;

    AbstractGctDataset(Path file, List<String> rowIds, List<String> columnIds, Map<String, List<String>> rowMeta,
            Map<String, List<String>> colMeta) {
        this.file = file;
        requireUnique(file, "row", rowIds);
        requireUnique(file, "column", columnIds);
        this.rowIds = rowIds;
        this.columnIds = columnIds;
        this.rowMeta = rowMeta;
        this.colMeta = colMeta;
    }

    /**
     * Ids are keys (cmapPy's GCToo refuses duplicates too): a repeated probe or sample id would be averaged
     * or split under one name without a word, so it is refused naming both positions.
     */
    private static void requireUnique(Path file, String what, List<String> ids) {
        Map<String, Integer> first = new java.util.HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            Integer before = first.putIfAbsent(ids.get(i), i);
            if (before != null) {
                throw new io.gexflow.io.InputException(file, what + " id '" + FormatSniffer.abbreviate(ids.get(i))
                        + "' appears twice (" + what + "s " + (before + 1) + " and " + (i + 1) + ")");
            }
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public int rowCount() {
        return rowIds.size();
    }

    @Override
    public int columnCount() {
        return columnIds.size();
    }

    @Override
    public List<String> rowIds() {
        return rowIds;
    }

    @Override
    public List<String> columnIds() {
        return columnIds;
    }

    @Override
    public Map<String, List<String>> rowMetadata() {
        return rowMeta;
    }

    @Override
    public Map<String, List<String>> columnMetadata() {
        return colMeta;
    }

    @Override
    public String toString() {
        return formatName() + " " + file + " (" + rowCount() + " rows x " + columnCount() + " columns)";
    }
}
