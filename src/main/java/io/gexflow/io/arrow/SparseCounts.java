package io.gexflow.io.arrow;

import java.util.List;
import java.util.Map;

/**
 * A whole sparse counts file in memory (see {@link SparseCountsFile}): counts as CSR arrays (cells x genes)
 * and the dosage matrix D as CSR pattern (cells x treatments, every stored entry 1). The io layer's own type;
 * the perturbation data layer turns it into its model-facing form.
 *
 * @param obs per obs column, one value per cell (String, Integer, Double or null)
 */
public record SparseCounts(List<String> ids, List<String> genes, List<String> treatments, long[] offsets, int[] indices,
        float[] values, long[] dosageOffsets, int[] dosageIndices, Map<String, List<Object>> obs,
        Map<String, String> metadata) {
}
