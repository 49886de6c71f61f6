package io.gexflow.cli;

import io.gexflow.data.RegressionData;
import io.gexflow.io.GeneMap;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.gct.GctDataset;
import io.gexflow.provenance.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * GCT/GCTX -> gexflow matrix file, streamed {@code --chunk-samples} samples at a time. With D-GEX
 * gene maps, each gene's value is the mean of its probes and the features are the landmark genes
 * followed by the target genes (landmarks recorded in schema metadata).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a GCT/GCTX file to an Arrow matrix file (samples x features), optionally averaging probes to genes.")
public final class ConvertCommand extends Verb {
    @Option(names = "--input", required = true, description = "GCT (1.2/1.3) or GCTX file; the format is read from the content.")
    Path input;

    @Option(names = "--out", required = true, description = "Output .arrow file.")
    Path out;

    @Option(names = "--landmarks", description = "Landmark gene map (symbol<TAB>ensembl<TAB>probes).")
    Path landmarkMap;

    @Option(names = "--targets", description = "Target gene map (same format); needs --landmarks.")
    Path targetMap;

    enum Format { auto, rpkm_table }

    enum MatchBy { probe, ensembl }

    @Option(names = "--format", defaultValue = "auto",
            description = "auto: GCT/GCTX by content; rpkm_table: the GEUVADIS quantification table (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--match-by", defaultValue = "probe",
            description = "Match map rows by probe ids (microarray) or by Ensembl gene id, version suffix stripped (RNA-Seq) (default ${DEFAULT-VALUE}).")
    MatchBy matchBy;

    @Option(names = "--chunk-samples", defaultValue = "1000", description = "Samples read at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    @Override
    public Integer call() {
        if ((landmarkMap == null) != (targetMap == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--landmarks and --targets go together");
        }
        List<Path> inputs = new ArrayList<>(List.of(input));
        GeneMap lm = null;
        GeneMap tg = null;
        if (landmarkMap != null) {
            lm = GeneMap.read(landmarkMap);
            tg = GeneMap.read(targetMap);
            inputs.add(landmarkMap);
            inputs.add(targetMap);
        }
        Provenance prov = provenance(null, inputs.toArray(Path[]::new));
        try (GctDataset ds = format == Format.rpkm_table ? io.gexflow.io.RpkmTable.read(input) : GctDataset.open(input)) {
            int nRows = ds.rowCount();
            List<String> features = new ArrayList<>();
            int[][] probeRows;
            if (lm == null) {
                features.addAll(ds.rowIds());
                probeRows = new int[nRows][];
                for (int i = 0; i < nRows; i++) {
                    probeRows[i] = new int[] {i};
                }
            } else {
                Map<String, List<Integer>> rowsOf = new HashMap<>();
                for (int i = 0; i < nRows; i++) {
                    rowsOf.computeIfAbsent(key(ds.rowIds().get(i)), k -> new ArrayList<>()).add(i);
                }
                List<int[]> rows = new ArrayList<>();
                for (GeneMap.Gene g : lm.genes()) {
                    rows.add(resolve(g, rowsOf, landmarkMap));
                    features.add(g.symbol());
                }
                for (GeneMap.Gene g : tg.genes()) {
                    if (lm.symbols().contains(g.symbol())) {
                        throw new InputException(targetMap, "gene " + g.symbol() + " is also a landmark");
                    }
                    rows.add(resolve(g, rowsOf, targetMap));
                    features.add(g.symbol());
                }
                probeRows = rows.toArray(int[][]::new);
            }
            Map<String, String> meta = metadata(prov);
            if (lm != null) {
                meta.put(RegressionData.LANDMARKS, Json.compact(lm.symbols()));
            }
            ArrowMatrixWriter w = new ArrowMatrixWriter(out, features, List.<ObsColumn>of(), meta);
            try {
                float[] row = new float[features.size()];
                for (int from = 0; from < ds.columnCount(); from += chunk) {
                    int to = Math.min(ds.columnCount(), from + chunk);
                    float[] block = ds.readColumns(from, to);
                    for (int c = from; c < to; c++) {
                        int base = (c - from) * nRows;
                        for (int f = 0; f < probeRows.length; f++) {
                            double s = 0;
                            for (int p : probeRows[f]) {
                                float v = block[base + p];
                                if (!Float.isFinite(v)) {
                                    throw new InputException(input, "sample " + ds.columnIds().get(c) + ", row "
                                            + ds.rowIds().get(p) + " has no finite value (" + v + ")");
                                }
                                s += v;
                            }
                            row[f] = (float) (s / probeRows[f].length);
                        }
                        w.write(ds.columnIds().get(c), List.of(), row);
                    }
                }
                w.close();
            } catch (RuntimeException e) {
                w.abort();
                throw e;
            }
            System.err.printf("converted %s: %d samples x %d features%s%n", input.getFileName(), ds.columnCount(),
                    features.size(), lm == null ? "" : " (" + lm.genes().size() + " landmark + " + tg.genes().size() + " target genes)");
        }
        return 0;
    }

    /** The id a row is matched by: as written for probes; without the ".N" version for Ensembl ids. */
    private String key(String rowId) {
        if (matchBy == MatchBy.probe) {
            return rowId;
        }
        int dot = rowId.indexOf('.');
        return dot < 0 ? rowId : rowId.substring(0, dot);
    }

    /**
     * The rows averaged into a gene: its probes, or (by Ensembl id) every row of that gene id, since
     * some RNA-Seq tables list a gene on several rows (e.g. PAR genes on chrX and chrY).
     */
    private int[] resolve(GeneMap.Gene g, Map<String, List<Integer>> rowsOf, Path map) {
        List<String> ids = matchBy == MatchBy.probe ? g.probes() : List.of(key(g.ensembl()));
        List<Integer> rows = new ArrayList<>();
        for (String id : ids) {
            List<Integer> r = rowsOf.get(id);
            if (r == null) {
                throw new InputException(map, (matchBy == MatchBy.probe ? "probe " : "Ensembl id ") + id + " of gene "
                        + g.symbol() + " is not a row of " + input.getFileName());
            }
            rows.addAll(r);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
