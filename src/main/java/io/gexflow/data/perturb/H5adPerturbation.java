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
 * named as controls (or matching a control prefix written {@code NegCtrl*}) are dropped, so a control cell has an empty row of D and a combination a multi-hot row.
 * Treatments are the guides seen, sorted by name.
 */
public final class H5adPerturbation {
    private H5adPerturbation() {}

    /**
     * How to read the file.
     *
     * @param keepTreatments when not null, only cells all of whose guides are in this set (and control cells)
     * @param maxControls    when not null, at most this many control cells, chosen by a shuffle with {@code seed}
     * @param keepGeneNames  when not null, only the genes whose name is in this set (and, with {@code geneColumn},
     *                       marked by it); a name is the {@code var} column {@code geneNameColumn}, or the index when
     *                       that is null. Every gene with a listed name is kept, so a name twice in {@code var} keeps
     *                       both (Replogle: 1,186 names are 1,187 genes)
     */
    public record Options(String layer, String treatmentColumn, String separator, Set<String> controls, String geneColumn,
            Set<String> keepTreatments, Integer maxControls, long seed, Set<String> keepGeneNames, String geneNameColumn) {
        public Options {
            controls = Set.copyOf(controls);
            keepTreatments = keepTreatments == null ? null : Set.copyOf(keepTreatments);
            keepGeneNames = keepGeneNames == null ? null : Set.copyOf(keepGeneNames);
        }

        public Options(String layer, String treatmentColumn, String separator, Set<String> controls, String geneColumn,
                Set<String> keepTreatments, Integer maxControls, long seed) {
            this(layer, treatmentColumn, separator, controls, geneColumn, keepTreatments, maxControls, seed, null, null);
        }

        public Options(String layer, String treatmentColumn, String separator, Set<String> controls, String geneColumn) {
            this(layer, treatmentColumn, separator, controls, geneColumn, null, null, 0);
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
        if (o.keepGeneNames() != null) {
            keep = namedGenes(f, var, keep, o.keepGeneNames(), o.geneNameColumn());
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
            String[] gs = guides(label, o.separator(), o.controls());
            for (String g : gs) {
                names.put(g, 0);
            }
            guides.add(gs);
        }
        // the cells to read: treatments kept, controls capped; only they are read from the matrix
        List<Integer> rowList = new ArrayList<>();
        List<Integer> controlRows = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            String[] gs = guides.get(i);
            if (gs.length == 0) {
                controlRows.add(i);
            } else if (o.keepTreatments() == null || o.keepTreatments().containsAll(Arrays.asList(gs))) {
                rowList.add(i);
            }
        }
        if (o.maxControls() != null && controlRows.size() > o.maxControls()) {
            int[] order = PerturbationSplits.shuffled(controlRows.size(), new java.util.Random(o.seed()));
            List<Integer> chosen = new ArrayList<>();
            for (int r = 0; r < o.maxControls(); r++) {
                chosen.add(controlRows.get(order[r]));
            }
            controlRows = chosen;
        }
        rowList.addAll(controlRows);
        int[] rows = rowList.stream().mapToInt(Integer::intValue).sorted().toArray();
        names.clear();
        List<String> cellIds = new ArrayList<>(rows.length);
        List<String[]> kept = new ArrayList<>(rows.length);
        for (int i : rows) {
            cellIds.add(obs.index().get(i));
            kept.add(guides.get(i));
            for (String g : guides.get(i)) {
                names.put(g, 0);
            }
        }
        guides = kept;
        cells = rows.length;
        CsrMatrix m = f.matrix(o.layer(), rows, keep);
        SparseRows counts = new SparseRows(m.rows(), m.columns(), m.indptr(), m.indices(), m.values());
        List<String> genes = new ArrayList<>();
        if (keep == null) {
            genes.addAll(var.index());
        } else {
            for (int j : keep) {
                genes.add(var.index().get(j));
            }
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
        return new PerturbationData(cellIds, genes, treatments, counts, new SparseRows(cells, treatments.size(), doff,
                didx, ones));
    }

    /** The genes (of {@code keep}, or all when null) whose name is listed; a listed name found nowhere is an error. */
    static int[] namedGenes(H5adFile f, DataFrame var, int[] keep, Set<String> names, String nameColumn) {
        FrameColumn column = null;
        if (nameColumn != null && !nameColumn.isEmpty()) {
            column = var.column(nameColumn);
            if (column == null) {
                throw new InputException(f.file(), "var has no column '" + nameColumn + "' (columns: " + var.columns().keySet()
                        + ") to match the gene list against");
            }
        }
        int n = var.size();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < (keep == null ? n : keep.length); k++) {
            int j = keep == null ? k : keep[k];
            String name = column == null ? var.index().get(j) : column.text(j);
            if (name != null && names.contains(name)) {
                out.add(j);
                seen.add(name);
            }
        }
        if (seen.size() < names.size()) {
            List<String> missing = new ArrayList<>(new TreeMap<String, Integer>(
                    names.stream().filter(x -> !seen.contains(x)).collect(java.util.stream.Collectors.toMap(x -> x, x -> 0))).keySet());
            throw new InputException(f.file(), missing.size() + " of the " + names.size() + " listed genes are not in var"
                    + (column == null ? "'s index" : "/" + nameColumn) + (keep == null ? "" : " among the genes kept")
                    + ", e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The guides of one label: split on {@code separator} (none when empty), trimmed, empty parts, controls and
     * repeats dropped, in order. Norman's guide_identity {@code AHR_KLF1__AHR_KLF1} with separator {@code _} is
     * AHR and KLF1; {@code AHR_NegCtrl0__AHR_NegCtrl0} with control {@code NegCtrl*} is AHR alone.
     */
    public static String[] guides(String label, String separator, Set<String> controls) {
        String[] parts = separator == null || separator.isEmpty() ? new String[] {label}
                : label.split(java.util.regex.Pattern.quote(separator));
        List<String> gs = new ArrayList<>();
        for (String p : parts) {
            String g = p.trim();
            if (!g.isEmpty() && !isControl(g, controls) && !gs.contains(g)) {
                gs.add(g);
            }
        }
        return gs.toArray(String[]::new);
    }

    /** Whether a guide is a control: named in {@code controls}, or starting with an entry's prefix ending in '*'. */
    public static boolean isControl(String guide, Set<String> controls) {
        if (controls.contains(guide)) {
            return true;
        }
        for (String c : controls) {
            if (c.endsWith("*") && guide.startsWith(c.substring(0, c.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
