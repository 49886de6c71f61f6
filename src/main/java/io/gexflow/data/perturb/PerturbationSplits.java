package io.gexflow.data.perturb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The perturbation spec's splits of cells into train / val / test, seeded. A cell that belongs to no split
 * gets null (the OOD split leaves some combination cells out, as the reference protocol does).
 */
public final class PerturbationSplits {
    public static final String TRAIN = "train";
    public static final String VAL = "val";
    public static final String TEST = "test";
    /** Cells of held-out interventions (the sVAE transfer protocol): in no model's training, validation or test. */
    public static final String HELDOUT = "heldout";

    private PerturbationSplits() {}

    /**
     * A random split of all cells: a seeded shuffle, the first {@code test} fraction to test, then of the rest
     * the first {@code val} fraction to val (the spec's Replogle 64/16/20 is {@code random(n, seed, 0.2, 0.2)}:
     * 80/20, then 80/20 of the rest).
     */
    public static String[] random(int cells, long seed, double test, double val) {
        int[] order = shuffled(cells, new Random(seed));
        String[] out = new String[cells];
        int nTest = (int) Math.round(test * cells);
        int nVal = (int) Math.round(val * (cells - nTest));
        for (int r = 0; r < cells; r++) {
            out[order[r]] = r < nTest ? TEST : r < nTest + nVal ? VAL : TRAIN;
        }
        return out;
    }

    /**
     * Norman's out-of-distribution split of combinations. The distinct combinations (cells with two or more
     * treatments), sorted by name, are shuffled with the seed; the first {@code floor(fracTrain * n)} may go to
     * train / val and the last {@code ceil(fracTest * n)} to test. Combination cells are dealt 20% test
     * candidates and, of the rest, 20% val candidates (independently of {@code fracTrain}, so the cells of a
     * larger fraction are a superset of a smaller one's); a candidate keeps its split only if its combination
     * is in that split's list, else it is left out (null). Single-treatment and control cells: 80% train,
     * 20% val.
     */
    public static String[] normanOod(PerturbationData d, long seed, double fracTrain, double fracTest) {
        int cells = d.cells().size();
        List<String> label = comboLabels(d);
        TreeSet<String> combos = new TreeSet<>();
        for (int i = 0; i < cells; i++) {
            if (label.get(i) != null) {
                combos.add(label.get(i));
            }
        }
        List<String> list = new ArrayList<>(combos);
        Random rng = new Random(seed);
        int[] perm = shuffled(list.size(), rng);
        List<String> shuffled = new ArrayList<>(list.size());
        for (int p : perm) {
            shuffled.add(list.get(p));
        }
        int nTrain = (int) Math.floor(fracTrain * shuffled.size() + 1e-9);
        int nTest = (int) Math.ceil(fracTest * shuffled.size() - 1e-9);
        Set<String> trainCombos = new HashSet<>(shuffled.subList(0, nTrain));
        Set<String> testCombos = new HashSet<>(shuffled.subList(shuffled.size() - nTest, shuffled.size()));

        int[] comboCells = java.util.stream.IntStream.range(0, cells).filter(i -> label.get(i) != null).toArray();
        int[] otherCells = java.util.stream.IntStream.range(0, cells).filter(i -> label.get(i) == null).toArray();
        String[] out = new String[cells];
        String[] comboSplit = random(comboCells.length, rng.nextLong(), 0.2, 0.2);
        for (int k = 0; k < comboCells.length; k++) {
            int i = comboCells[k];
            String s = comboSplit[k];
            boolean keep = s.equals(TEST) ? testCombos.contains(label.get(i)) : trainCombos.contains(label.get(i));
            out[i] = keep ? s : null;
        }
        String[] otherSplit = random(otherCells.length, rng.nextLong(), 0.0, 0.2);
        for (int k = 0; k < otherCells.length; k++) {
            out[otherCells[k]] = otherSplit[k];
        }
        return out;
    }

    /**
     * Marks every cell that received one of {@code heldOut} as {@link #HELDOUT}, whatever its split was (also a
     * cell that was left out); the other cells keep theirs, so the same seed gives the other cells the same split
     * with and without a held-out set. Returns how many cells were marked.
     */
    public static int holdOut(String[] split, PerturbationData d, Set<String> heldOut) {
        SparseRows D = d.dosage();
        boolean[] isHeld = new boolean[d.treatments().size()];
        for (int t = 0; t < isHeld.length; t++) {
            isHeld[t] = heldOut.contains(d.treatments().get(t));
        }
        int marked = 0;
        for (int i = 0; i < split.length; i++) {
            for (long k = D.offsets()[i]; k < D.offsets()[i + 1]; k++) {
                if (isHeld[D.indices()[(int) k]]) {
                    split[i] = HELDOUT;
                    marked++;
                    break;
                }
            }
        }
        return marked;
    }

    /** Each cell's combination as its sorted treatment names joined by "+", or null for fewer than two. */
    static List<String> comboLabels(PerturbationData d) {
        List<String> out = new ArrayList<>(d.cells().size());
        SparseRows D = d.dosage();
        for (int i = 0; i < d.cells().size(); i++) {
            int from = (int) D.offsets()[i];
            int to = (int) D.offsets()[i + 1];
            if (to - from < 2) {
                out.add(null);
                continue;
            }
            String[] names = new String[to - from];
            for (int k = from; k < to; k++) {
                names[k - from] = d.treatments().get(D.indices()[k]);
            }
            Arrays.sort(names);
            out.add(String.join("+", names));
        }
        return out;
    }

    /**
     * At most {@code max} control cells, chosen by a seeded shuffle, and every treated cell: the row ids to keep,
     * ascending (Replogle: 2,000 non-targeting cells).
     */
    public static int[] capControls(PerturbationData d, int max, long seed) {
        int cells = d.cells().size();
        int[] controls = java.util.stream.IntStream.range(0, cells).filter(d::isControl).toArray();
        boolean[] keep = new boolean[cells];
        for (int i = 0; i < cells; i++) {
            keep[i] = !d.isControl(i);
        }
        int[] order = shuffled(controls.length, new Random(seed));
        for (int r = 0; r < Math.min(max, controls.length); r++) {
            keep[controls[order[r]]] = true;
        }
        return java.util.stream.IntStream.range(0, cells).filter(i -> keep[i]).toArray();
    }

    static int[] shuffled(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
