package io.gexflow.data.perturb;

import java.util.ArrayList;
import java.util.List;

/**
 * The held-out interventions of the transfer protocol (spec perturbation.md, "sVAE+ (SpikeSlabVAE) and baselines"):
 * interventions that have no cell in the training split (the model never fitted them) and more than
 * {@code minCells} cells in the held-out split. Their cells form a data set whose dosage columns are those
 * interventions only (the new embeddings), in the original column order; controls and combinations are left out.
 *
 * @param interventions the kept interventions' names
 * @param data          their held-out cells, dosage over {@code interventions}
 */
public record HeldOutInterventions(List<String> interventions, PerturbationData data) {
    public HeldOutInterventions {
        interventions = List.copyOf(interventions);
    }

    /**
     * @param all       every cell of the file
     * @param split     each cell's split label (null for none)
     * @param heldOut   the held-out split's label (e.g. test)
     * @param training  the training split's label (interventions with cells there are not held out)
     * @param minCells  an intervention needs more than this many held-out cells
     */
    public static HeldOutInterventions of(PerturbationData all, List<?> split, String heldOut, String training, int minCells) {
        int nT = all.treatments().size();
        boolean[] seen = new boolean[nT];
        int[] count = new int[nT];
        long[] off = all.dosage().offsets();
        int[] idx = all.dosage().indices();
        for (int i = 0; i < all.cells().size(); i++) {
            Object s = split.get(i);
            String label = s == null ? null : s.toString();
            for (long k = off[i]; k < off[i + 1]; k++) {
                if (training.equals(label)) {
                    seen[idx[(int) k]] = true;
                } else if (heldOut.equals(label) && off[i + 1] - off[i] == 1) {
                    count[idx[(int) k]]++;
                }
            }
        }
        int[] column = new int[nT];
        List<String> kept = new ArrayList<>();
        for (int a = 0; a < nT; a++) {
            column[a] = !seen[a] && count[a] > minCells ? kept.size() : -1;
            if (column[a] >= 0) {
                kept.add(all.treatments().get(a));
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < all.cells().size(); i++) {
            Object s = split.get(i);
            if (s != null && heldOut.equals(s.toString()) && off[i + 1] - off[i] == 1 && column[idx[(int) off[i]]] >= 0) {
                rows.add(i);
            }
        }
        int n = rows.size();
        long[] newOff = new long[n + 1];
        int[] newIdx = new int[n];
        float[] ones = new float[n];
        int[] rowIds = new int[n];
        for (int r = 0; r < n; r++) {
            rowIds[r] = rows.get(r);
            newOff[r + 1] = r + 1;
            newIdx[r] = column[idx[(int) off[rowIds[r]]]];
            ones[r] = 1f;
        }
        PerturbationData sel = all.select(rowIds);
        SparseRows dosage = new SparseRows(n, kept.size(), newOff, newIdx, ones);
        return new HeldOutInterventions(kept, new PerturbationData(sel.cells(), sel.genes(), kept, sel.counts(), dosage));
    }
}
