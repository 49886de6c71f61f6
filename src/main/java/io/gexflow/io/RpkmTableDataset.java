package io.gexflow.io;

import io.gexflow.io.gct.GctDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The GEUVADIS / 1000 Genomes quantification table (ArrayExpress E-GEUV-1,
 * {@code GD462.GeneQuantRPKM.50FN.samplename.resk10.txt}, plain or gzipped): a header line, then one
 * gene per line, tab-separated, column 0 the versioned Ensembl id, columns 1-3 annotation, values
 * from column 4 on (one per sample, named in the header). Read whole at open; exposed as a
 * genes x samples dataset like a GCT.
 */
public final class RpkmTableDataset implements GctDataset {
    /** Columns before the first sample. */
    public static final int FIRST_VALUE_COLUMN = 4;
    private final Path file;
    private final List<String> genes = new ArrayList<>();
    private final List<String> samples;
    private final Map<String, List<String>> rowMeta = new LinkedHashMap<>();
    private final float[][] values;

    public RpkmTableDataset(Path file) {
        this.file = file;
        List<float[]> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader r = new BufferedReader(new InputStreamReader(gunzipIfNeeded(raw), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                throw new InputException(file, "empty file");
            }
            String[] h = header.split("\t", -1);
            if (h.length <= FIRST_VALUE_COLUMN) {
                throw new InputException(file, "header has " + h.length + " columns; expected id, 3 annotation columns and samples");
            }
            samples = List.of(h).subList(FIRST_VALUE_COLUMN, h.length);
            List<String> annotation = new ArrayList<>();
            for (int c = 1; c < FIRST_VALUE_COLUMN; c++) {
                rowMeta.put(h[c], annotation = new ArrayList<>());
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != h.length) {
                    throw new InputException(file, "line " + n + " has " + f.length + " fields, the header " + h.length);
                }
                genes.add(f[0]);
                for (int c = 1; c < FIRST_VALUE_COLUMN; c++) {
                    rowMeta.get(h[c]).add(f[c]);
                }
                float[] v = new float[samples.size()];
                for (int s = 0; s < v.length; s++) {
                    try {
                        v[s] = Float.parseFloat(f[FIRST_VALUE_COLUMN + s]);
                    } catch (NumberFormatException e) {
                        throw new InputException(file, "line " + n + ", sample " + samples.get(s) + ": '"
                                + f[FIRST_VALUE_COLUMN + s] + "' is not a number");
                    }
                }
                rows.add(v);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file, "file not found");
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (genes.isEmpty()) {
            throw new InputException(file, "no gene rows");
        }
        values = rows.toArray(float[][]::new);
    }

    private static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        return m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String formatName() {
        return "RPKM table";
    }

    @Override
    public int rowCount() {
        return genes.size();
    }

    @Override
    public int columnCount() {
        return samples.size();
    }

    @Override
    public List<String> rowIds() {
        return genes;
    }

    @Override
    public List<String> columnIds() {
        return samples;
    }

    @Override
    public Map<String, List<String>> rowMetadata() {
        return rowMeta;
    }

    @Override
    public Map<String, List<String>> columnMetadata() {
        return Map.of();
    }

    @Override
    public float[] readColumns(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return readColumns(idx);
    }

    @Override
    public float[] readColumns(int[] columnIndices) {
        float[] out = new float[columnIndices.length * genes.size()];
        for (int k = 0; k < columnIndices.length; k++) {
            for (int g = 0; g < genes.size(); g++) {
                out[k * genes.size() + g] = values[g][columnIndices[k]];
            }
        }
        return out;
    }

    @Override
    public void close() {}
}
