package io.gexflow.data.perturb;

import io.gexflow.io.InputException;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.arrow.SparseCounts;
import io.gexflow.io.arrow.SparseCountsReader;
import io.gexflow.io.arrow.SparseCountsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PerturbationData} to and from the perturbation track's sparse counts Arrow file
 * ({@link io.gexflow.io.arrow.SparseCountsFile}): counts as CSR lists per cell, D as each cell's treatment names.
 *
 * @param data     counts, dosage, cell / gene / treatment names
 * @param obs      the file's per-cell columns (e.g. {@value #SPLIT}, {@value #TREATMENT}): one value per cell
 * @param metadata the file's schema metadata (provenance and the rest)
 */
public record PerturbationFile(PerturbationData data, Map<String, List<Object>> obs, Map<String, String> metadata) {
    /** The obs column naming each cell's split: train, val or test. */
    public static final String SPLIT = "split";
    /** The obs column with each cell's treatments joined by "+" (the control label for a control). */
    public static final String TREATMENT = "treatment";

    public PerturbationFile {
        Map<String, List<Object>> o = new LinkedHashMap<>();
        obs.forEach((k, v) -> o.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        obs = Collections.unmodifiableMap(o);
        metadata = Map.copyOf(metadata);
    }

    /** Reads a whole file; memory is the stored counts (see {@link SparseCountsReader#readAll}). */
    public static PerturbationFile read(Path file) {
        SparseCounts s = SparseCountsReader.readAll(file);
        int cells = s.ids().size();
        float[] ones = new float[s.dosageIndices().length];
        java.util.Arrays.fill(ones, 1f);
        SparseRows counts = new SparseRows(cells, s.genes().size(), s.offsets(), s.indices(), s.values());
        SparseRows dosage = new SparseRows(cells, s.treatments().size(), s.dosageOffsets(), s.dosageIndices(), ones);
        return new PerturbationFile(new PerturbationData(s.ids(), s.genes(), s.treatments(), counts, dosage), s.obs(),
                s.metadata());
    }

    /** The cells whose {@code column} equals {@code value}, in file order (e.g. {@code rows("split", "train")}). */
    public int[] rows(String column, String value) {
        List<Object> c = obs.get(column);
        if (c == null) {
            throw new IllegalArgumentException("no obs column " + column + " (columns: " + obs.keySet() + ")");
        }
        return java.util.stream.IntStream.range(0, c.size()).filter(i -> value.equals(c.get(i) == null ? null : c.get(i).toString()))
                .toArray();
    }

    /** The cells of one split (obs column {@value #SPLIT}); an input error when the file has no such column. */
    public PerturbationData split(Path file, String name) {
        if (!obs.containsKey(SPLIT)) {
            throw new InputException(file, "has no '" + SPLIT + "' column (columns: " + obs.keySet() + ")");
        }
        return data.select(rows(SPLIT, name));
    }

    /**
     * Writes {@code data} with the given obs columns (each a list of one String / Integer / Double / null per
     * cell) in record batches; the file appears only when complete.
     */
    public static void write(Path file, PerturbationData data, List<ObsColumn> columns, Map<String, List<?>> obs,
            Map<String, String> metadata) {
        int cells = data.cells().size();
        for (ObsColumn c : columns) {
            List<?> v = obs.get(c.name());
            if (v == null || v.size() != cells) {
                throw new IllegalArgumentException("obs column " + c.name() + " needs " + cells + " values, has "
                        + (v == null ? "none" : v.size()));
            }
        }
        SparseRows x = data.counts();
        SparseRows d = data.dosage();
        for (float v : d.values()) {
            if (v != 1f) {
                throw new IllegalArgumentException("the counts file stores D as treatment names, so every dosage must be 1;"
                        + " found " + v);
            }
        }
        SparseCountsWriter w = new SparseCountsWriter(file, data.genes(), data.treatments(), columns, metadata);
        try {
            List<Object> row = new ArrayList<>(columns.size());
            int[] idx = x.indices();
            for (int i = 0; i < cells; i++) {
                row.clear();
                for (ObsColumn c : columns) {
                    row.add(obs.get(c.name()).get(i));
                }
                int t0 = (int) d.offsets()[i];
                int[] ts = java.util.Arrays.copyOfRange(d.indices(), t0, (int) d.offsets()[i + 1]);
                w.write(data.cells().get(i), row, ts, idx, x.values(), (int) x.offsets()[i], (int) x.offsets()[i + 1]);
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    /** Each cell's treatments joined by "+", or {@code controlLabel} for a control: the {@value #TREATMENT} column. */
    public static List<String> treatmentLabels(PerturbationData data, String controlLabel) {
        List<String> out = new ArrayList<>(data.cells().size());
        SparseRows d = data.dosage();
        for (int i = 0; i < data.cells().size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (long k = d.offsets()[i]; k < d.offsets()[i + 1]; k++) {
                if (sb.length() > 0) {
                    sb.append('+');
                }
                sb.append(data.treatments().get(d.indices()[(int) k]));
            }
            out.add(sb.length() == 0 ? controlLabel : sb.toString());
        }
        return out;
    }
}
