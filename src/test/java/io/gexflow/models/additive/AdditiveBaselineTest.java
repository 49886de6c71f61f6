package io.gexflow.models.additive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.SparseRows;
import io.gexflow.eval.perturb.AteAgreement;
import io.gexflow.eval.perturb.Conditions;
import io.gexflow.eval.perturb.TreatmentEffects;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The additive baseline on a hand example: a control, one cell per single treatment, and their combination. */
class AdditiveBaselineTest {
    static double f(double x, double total) {
        return Math.log(1e4 * x / total + 1) / Math.log(2);
    }

    /**
     * Cells (genes g0, g1): control (1, 1), A alone (3, 1), B alone (1, 0); then a combination cell A+B (2, 2)
     * that the baseline must not use for the singles.
     */
    static PerturbationData hand() {
        SparseRows counts = new SparseRows(4, 2, new long[] {0, 2, 4, 5, 7}, new int[] {0, 1, 0, 1, 0, 0, 1},
                new float[] {1, 1, 3, 1, 1, 2, 2});
        SparseRows dosage = new SparseRows(4, 2, new long[] {0, 0, 1, 2, 4}, new int[] {0, 1, 0, 1}, new float[] {1, 1, 1, 1});
        return new PerturbationData(List.of("ctl", "a", "b", "ab"), List.of("g0", "g1"), List.of("A", "B"), counts, dosage);
    }

    @Test
    void shiftsAreSingleMeansMinusControlAndCombinationsAddThem() {
        AdditiveBaseline m = AdditiveBaseline.fit(hand());
        double ctl0 = f(1, 2), ctl1 = f(1, 2);
        assertArrayEquals(new double[] {ctl0, ctl1}, m.controlMean(), 1e-12);
        double[] a = {f(3, 4) - ctl0, f(1, 4) - ctl1};
        double[] b = {f(1, 1) - ctl0, f(0, 1) - ctl1};
        assertArrayEquals(a, m.ate(0), 1e-12);
        assertArrayEquals(b, m.ate(1), 1e-12);
        assertArrayEquals(new double[] {a[0] + b[0], a[1] + b[1]}, m.ate(0, 1), 1e-12);
        assertArrayEquals(new double[] {ctl0 + a[0] + b[0], ctl1 + a[1] + b[1]}, m.predictMean(0, 1), 1e-12);
        assertArrayEquals(new int[] {1, 1}, m.singleCells());
        assertTrue(m.estimated(0) && m.estimated(1));
    }

    @Test
    void conditionsAndDataAte() {
        PerturbationData d = hand();
        Conditions c = Conditions.of(d);
        assertEquals(List.of("A", "B", "A+B"), c.names());
        assertArrayEquals(new int[] {0}, c.controls());
        double[][] data = TreatmentEffects.dataAte(d, c);
        assertArrayEquals(new double[] {f(2, 4) - f(1, 2), f(2, 4) - f(1, 2)}, data[2], 1e-12);
        // the baseline reproduces the singles' data ATE exactly
        double[][] model = AdditiveBaseline.fit(d).ate(c);
        assertArrayEquals(data[0], model[0], 1e-12);
        assertArrayEquals(data[1], model[1], 1e-12);
        AteAgreement agreement = AteAgreement.of(data, model, 1);
        assertEquals(3, agreement.conditions());
        assertEquals(1, agreement.top());
    }

    @Test
    void aTreatmentOnlySeenInACombinationHasNoEstimate() {
        PerturbationData d = hand().select(new int[] {0, 1, 3});
        AdditiveBaseline m = AdditiveBaseline.fit(d);
        assertFalse(m.estimated(1));
        assertArrayEquals(new double[2], m.ate(1), 0);
        assertThrows(IllegalArgumentException.class, () -> AdditiveBaseline.fit(hand().select(new int[] {1, 2})));
    }
}
