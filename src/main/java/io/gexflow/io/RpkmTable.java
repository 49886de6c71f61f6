package io.gexflow.io;

import io.gexflow.io.gct.GctDataset;
import io.gexflow.io.gct.InMemoryDataset;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GEUVADIS / 1000 Genomes quantification table (ArrayExpress E-GEUV-1,
 * {@code GD462.GeneQuantRPKM.50FN.samplename.resk10.txt}, plain or gzipped): a header line, then one
 * gene per line, tab-separated, column 0 the versioned Ensembl id, columns 1-3 annotation, values
 * from column 4 on (one per sample, named in the header). Read whole into a genes x samples data
 * set like a GCT.
 */
public final class RpkmTable {
    /** Columns before the first sample. */
    public static final int FIRST_VALUE_COLUMN = 4;
    private RpkmTable() {}

    public static GctDataset read(Path file) {
        List<String> genes = new ArrayList<>();
        List<String> samples;
        Map<String, List<String>> rowMeta = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        try (TsvReader r = TsvReader.open(file, false)) {
            String[] h = r.next();
            if (h == null) {
                throw new InputException(file, "empty file");
            }
            if (h.length <= FIRST_VALUE_COLUMN) {
                throw new InputException(file, "header has " + h.length + " columns; expected id, 3 annotation columns and samples");
            }
            samples = List.of(h).subList(FIRST_VALUE_COLUMN, h.length);
            List<String> annotation = new ArrayList<>();
            for (int c = 1; c < FIRST_VALUE_COLUMN; c++) {
                rowMeta.put(h[c], annotation = new ArrayList<>());
            }
            for (String[] f; (f = r.next()) != null; ) {
                long n = r.line();
                if (f.length == 1 && f[0].isEmpty()) {
                    continue;
                }
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
        float[] sampleMajor = new float[Math.multiplyExact(genes.size(), samples.size())];
        for (int g = 0; g < genes.size(); g++) {
            float[] v = rows.get(g);
            for (int c = 0; c < v.length; c++) {
                sampleMajor[c * genes.size() + g] = v[c];
            }
        }
        return new InMemoryDataset(file, "RPKM table", List.copyOf(genes), List.copyOf(samples), rowMeta, Map.of(),
                sampleMajor);
    }
}
