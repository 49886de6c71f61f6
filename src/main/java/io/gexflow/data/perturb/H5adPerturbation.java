package io.gexflow.data.perturb;

import io.gexflow.io.InputException;
import io.gexflow.io.h5ad.CsrMatrix;
import io.gexflow.io.h5ad.DataFrame;
import io.gexflow.io.h5ad.FrameColumn;
import io.gexflow.io.h5ad.H5adFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link PerturbationData} from an h5ad file: counts from {@code X} or a layer, genes from {@code var}'s index
 * (optionally only those a boolean {@code var} column marks, e.g. {@code highly_variable}), and the dosage
 * matrix D from an {@code obs} column of guide labels: a label is split on a separator into guides, guides
 * named as controls are dropped, so a control cell has an empty row of D and a combination a multi-hot row.
 * Treatments are the guides seen, sorted by name.
 */
public final class H5adPerturbation {
    private H5adPerturbation() {}

    /** How to read the file. */
    public record Options(String layer, String treatmentColumn, String separator, Set<String> controls, String geneColumn) {
        public Options {
            controls = Set.copyOf(controls);
        }
    }

    public static PerturbationData read(H5adFile f, Options o) {
        DataFrame obs = f.obs();
        DataFrame var = f.var();
        FrameColumn labels = obs.column(o.treatmentColumn());
        if (labels == null) {
            throw new InputException(f.file(), "obs has no column '" + o.treatmentColumn() + "' (columns: "
                    + obs.columns().keySet() + ")");
        }
        int[] keep = null;
        if (o.geneColumn() != null && !o.geneColumn().isEmpty()) {
            FrameColumn g = var.column(o.geneColumn());
            if (!(g instanceof FrameColumn.Booleans b)) {
                throw new InputException(f.file(), "var column '" + o.geneColumn() + "' is "
                        + (g == null ? "missing (columns: " + var.columns().keySet() + ")" : "not boolean")
                        + "; it should mark the genes to keep");
            }
            keep = java.util.stream.IntStream.range(0, b.values().length).filter(i -> b.values()[i]).toArray();
        }
        CsrMatrix m = f.matrix(o.layer());
        SparseRows counts = keep == null ? new SparseRows(m.rows(), m.columns(), m.indptr(), m.indices(), m.values())
                : selectColumns(m, keep);
        List<String> genes = new ArrayList<>();
        if (keep == null) {
            genes.addAll(var.index());
        } else {
            for (int j : keep) {
                genes.add(var.index().get(j));
            }
        }
        // guides per cell
        int cells = obs.size();
        List<String[]> guides = new ArrayList<>(cells);
        TreeMap<String, Integer> names = new TreeMap<>();
        for (int i = 0; i < cells; i++) {
            String label = labels.text(i);
            if (label == null) {
                throw new InputException(f.file(), "obs/" + o.treatmentColumn() + " is missing for cell " + obs.index().get(i));
            }
            String[] parts = o.separator() == null || o.separator().isEmpty() ? new String[] {label}
                    : label.split(java.util.regex.Pattern.quote(o.separator()));
            List<String> gs = new ArrayList<>();
            for (String p : parts) {
                String g = p.trim();
                if (!g.isEmpty() && !o.controls().contains(g) && !gs.contains(g)) {
                    gs.add(g);
                    names.put(g, 0);
                }
            }
            guides.add(gs.toArray(String[]::new));
        }
        List<String> treatments = new ArrayList<>(names.keySet());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int t = 0; t < treatments.size(); t++) {
            index.put(treatments.get(t), t);
        }
        long[] doff = new long[cells + 1];
        for (int i = 0; i < cells; i++) {
            doff[i + 1] = doff[i] + guides.get(i).length;
        }
        int[] didx = new int[(int) doff[cells]];
        for (int i = 0, at = 0; i < cells; i++) {
            int[] t = Arrays.stream(guides.get(i)).mapToInt(index::get).sorted().toArray();
            System.arraycopy(t, 0, didx, at, t.length);
            at += t.length;
        }
        float[] ones = new float[didx.length];
        Arrays.fill(ones, 1f);
        return new PerturbationData(obs.index(), genes, treatments, counts, new SparseRows(cells, treatments.size(), doff,
                didx, ones));
    }

    /** The columns {@code keep} (ascending) of a CSR matrix, renumbered 0..keep.length-1, in one pass per row. */
    static SparseRows selectColumns(CsrMatrix m, int[] keep) {
        int[] map = new int[m.columns()];
        Arrays.fill(map, -1);
        for (int k = 0; k < keep.length; k++) {
            map[keep[k]] = k;
        }
        long[] off = new long[m.rows() + 1];
        int n = 0;
        for (int k = 0; k < m.indices().length; k++) {
            if (map[m.indices()[k]] >= 0) {
                n++;
            }
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        int at = 0;
        for (int i = 0; i < m.rows(); i++) {
            for (long k = m.indptr()[i]; k < m.indptr()[i + 1]; k++) {
                int j = map[m.indices()[(int) k]];
                if (j >= 0) {
                    idx[at] = j;
                    val[at++] = m.values()[(int) k];
                }
            }
            off[i + 1] = at;
        }
        return new SparseRows(m.rows(), keep.length, off, idx, val);
    }
}
