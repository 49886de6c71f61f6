package io.gexflow.models.additive;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.TreatmentEffects;
import java.util.List;

/**
 * The additive baseline (spec "Metrics", baselines beyond the papers): each treatment's effect is its mean
 * shift of log-normalised expression f(x) = log2(1e4 x / sum x + 1) against the controls, estimated from the
 * cells that received that treatment alone,
 *
 * <pre>
 * shift_t[g] = mean_{i: D_i = e_t} f(x_i)[g] - mean_{i control} f(x_i)[g]
 * </pre>
 *
 * and a combination's effect is the sum of its singles' shifts: ATE(t1 + t2) = shift_t1 + shift_t2. Fitted
 * in closed form (no training loop). A treatment never seen alone has no estimate ({@link #estimated}) and
 * contributes a zero shift.
 *
 * @param genes        gene ids
 * @param treatments   treatment names (columns of D)
 * @param controlMean  mean f(x) of the control cells
 * @param shift        treatments x genes
 * @param singleCells  per treatment, the number of cells that received it alone
 */
public record AdditiveBaseline(List<String> genes, List<String> treatments, double[] controlMean, double[][] shift,
        int[] singleCells) {
    public static AdditiveBaseline fit(PerturbationData d) {
        Conditions c = Conditions.of(d);
        if (c.controls().length == 0) {
            throw new IllegalArgumentException("the additive baseline needs control cells (empty dosage rows)");
        }
        int nt = d.treatments().size();
        double[] control = TreatmentEffects.meanLogNormalised(d.counts(), c.controls());
        double[][] shift = new double[nt][d.genes().size()];
        int[] singles = new int[nt];
        for (int k = 0; k < c.size(); k++) {
            int[] ts = c.treatments().get(k);
            if (ts.length != 1) {
                continue;
            }
            double[] mean = TreatmentEffects.meanLogNormalised(d.counts(), c.cells().get(k));
            for (int g = 0; g < mean.length; g++) {
                shift[ts[0]][g] = mean[g] - control[g];
            }
            singles[ts[0]] = c.cells().get(k).length;
        }
        return new AdditiveBaseline(d.genes(), d.treatments(), control, shift, singles);
    }

    /** Whether treatment {@code t} was seen alone in the fitted data. */
    public boolean estimated(int t) {
        return singleCells[t] > 0;
    }

    /** The predicted ATE of the combination of these treatments: the sum of their shifts. */
    public double[] ate(int... combination) {
        double[] out = new double[genes.size()];
        for (int t : combination) {
            for (int g = 0; g < out.length; g++) {
                out[g] += shift[t][g];
            }
        }
        return out;
    }

    /** The predicted ATEs of every condition of {@code c} (conditions x genes), for {@code AteAgreement}. */
    public double[][] ate(Conditions c) {
        double[][] out = new double[c.size()][];
        for (int k = 0; k < c.size(); k++) {
            out[k] = ate(c.treatments().get(k));
        }
        return out;
    }

    /** The predicted mean log-normalised expression under a combination: control mean plus the summed shifts. */
    public double[] predictMean(int... combination) {
        double[] out = ate(combination);
        for (int g = 0; g < out.length; g++) {
            out[g] += controlMean[g];
        }
        return out;
    }
}
