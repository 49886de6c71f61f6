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
        this.rowIds = rowIds;
        this.columnIds = columnIds;
        this.rowMeta = rowMeta;
        this.colMeta = colMeta;
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
