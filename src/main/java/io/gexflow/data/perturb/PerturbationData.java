package io.gexflow.data.perturb;

import java.util.List;

/**
 * Single-cell counts under interventions, in memory: what every perturbation family trains and is evaluated on.
 *
 * @param cells      cell ids, one per row of {@code counts}
 * @param genes      gene ids, one per column of {@code counts}
 * @param treatments treatment names, one per column of {@code dosage}
 * @param counts     cells x genes raw counts (CSR)
 * @param dosage     cells x treatments dosage matrix D (CSR): one-hot for a single perturbation, multi-hot for a
 *                   combination, an empty row for a control cell
 */
public record PerturbationData(List<String> cells, List<String> genes, List<String> treatments, SparseRows counts,
        SparseRows dosage) {
    public PerturbationData {
        cells = List.copyOf(cells);
        genes = List.copyOf(genes);
        treatments = List.copyOf(treatments);
        if (counts.rows() != cells.size() || counts.columns() != genes.size()) {
            throw new IllegalArgumentException("counts are " + counts.rows() + " x " + counts.columns() + " but there are "
                    + cells.size() + " cells and " + genes.size() + " genes");
        }
        if (dosage.rows() != cells.size() || dosage.columns() != treatments.size()) {
            throw new IllegalArgumentException("dosage is " + dosage.rows() + " x " + dosage.columns() + " but there are "
                    + cells.size() + " cells and " + treatments.size() + " treatments");
        }
    }

    /** Library size per cell: its observed total count. */
    public double[] librarySizes() {
        return counts.rowSums();
    }

    /** Whether cell {@code i} is a control (no treatment). */
    public boolean isControl(int i) {
        return dosage.offsets()[i + 1] == dosage.offsets()[i];
    }

    /** The subset of cells {@code rowIds}, in that order. */
    public PerturbationData select(int[] rowIds) {
        List<String> c = new java.util.ArrayList<>(rowIds.length);
        for (int i : rowIds) {
            c.add(cells.get(i));
        }
        return new PerturbationData(c, genes, treatments, counts.select(rowIds), dosage.select(rowIds));
    }
}
