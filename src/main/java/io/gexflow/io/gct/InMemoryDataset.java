package io.gexflow.io.gct;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A genes x samples data set held whole in memory, sample-major ({@code data[c * nRows + r]}): what
 * the text readers (GCT, the GEUVADIS RPKM table) produce. GCTX is read lazily instead.
 */
public final class InMemoryDataset extends AbstractGctDataset {
    private final String formatName;
    private final float[] data;

    public InMemoryDataset(Path file, String formatName, List<String> rowIds, List<String> columnIds,
            Map<String, List<String>> rowMeta, Map<String, List<String>> colMeta, float[] sampleMajor) {
        super(file, rowIds, columnIds, rowMeta, colMeta);
        if (sampleMajor.length != (long) rowIds.size() * columnIds.size()) {
            throw new IllegalArgumentException(sampleMajor.length + " values for " + rowIds.size() + " x " + columnIds.size());
        }
        this.formatName = formatName;
        this.data = sampleMajor;
    }

    @Override
    public String formatName() {
        return formatName;
    }

    @Override
    public float[] readColumns(int from, int to) {
        Objects.checkFromToIndex(from, to, columnCount());
        int n = rowCount();
        return Arrays.copyOfRange(data, from * n, to * n);
    }

    @Override
    public float[] readColumns(int[] columnIndices) {
        int n = rowCount();
        float[] out = new float[Math.multiplyExact(columnIndices.length, n)];
        for (int k = 0; k < columnIndices.length; k++) {
            int c = Objects.checkIndex(columnIndices[k], columnCount());
            System.arraycopy(data, c * n, out, k * n, n);
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held open
    }

}
