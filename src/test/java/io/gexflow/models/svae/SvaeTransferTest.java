package io.gexflow.models.svae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.gexflow.data.perturb.PerturbationData;
import io.gexflow.data.perturb.SparseRows;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfer to held-out interventions: new embeddings fitted on frozen networks raise the held-out ELBO. */
class SvaeTransferTest {
    @TempDir Path dir;

    @Test
    void newEmbeddingsFitTheHeldOutInterventions() {
        TinySimulation.Sim sim = TinySimulation.of(5, 3, 5, 60, 30, 4.0);
        PerturbationData all = sim.data();
        // train on controls and t0..t2 (t3, t4 have no training cells); hold out t3, t4 (and 8 cells of t2: too few)
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < all.cells().size(); i++) {
            int a = all.isControl(i) ? -1 : all.dosage().indices()[(int) all.dosage().offsets()[i]];
            if (a >= 3 || (a == 2 && held.size() < 8 && i % 2 == 0)) {
                held.add(i);
            } else {
                train.add(i);
            }
        }
        SvaeHyperParameters hp = new SvaeHyperParameters("svae+", 3, 32, 1, true, 0.1, 15, 64, 3e-3, 1e-6, 1, 10, 5, 0.1, 2);
        Path params = dir.resolve(SvaeModel.PARAMS);
        PerturbationData trainData = all.select(train.stream().mapToInt(Integer::intValue).toArray());
        SvaeTrainer.Result r = SvaeTrainer.train(trainData, hp, params, Device.cpu(), s -> {});
        Json.writeFile(dir.resolve(ModelDescriptor.FILE), SvaeModel.descriptor(hp, trainData, SvaeModel.summary(r, "cpu"), Map.of()));
        PerturbationData heldOut = renumber(all.select(held.stream().mapToInt(Integer::intValue).toArray()), 2);
        try (SvaeModel m = SvaeModel.load(dir)) {
            SvaeTransfer.Result none = SvaeTransfer.run(m, heldOut, 0, 64, 50, 9, s -> {});
            SvaeTransfer.Result fit = SvaeTransfer.run(m, heldOut, 30, 64, 50, 9, s -> {});
            assertEquals(List.of("t3", "t4"), fit.treatments(), "t2 has 8 held-out cells, too few");
            assertEquals(120, fit.cells()[0] + fit.cells()[1]);
            assertTrue(fit.lastLoss() < fit.firstLoss(), fit.firstLoss() + " -> " + fit.lastLoss());
            for (int a = 0; a < 2; a++) {
                assertTrue(fit.iwelbo()[a] >= fit.elbo()[a] - 1e-3, "IWELBO >= ELBO on the same draws");
            }
            assertTrue(fit.meanElbo() > none.meanElbo(), "fitted " + fit.meanElbo() + " vs initial " + none.meanElbo());
            System.out.println("transfer: initial ELBO " + none.meanElbo() + " IWELBO " + none.meanIwelbo() + "; fitted ELBO "
                    + fit.meanElbo() + " IWELBO " + fit.meanIwelbo());
        }
    }

    /** The held-out cells with the dosage over treatments t{from}.. only (t2's cells keep a column, shifted). */
    private static PerturbationData renumber(PerturbationData d, int from) {
        SparseRows dose = d.dosage();
        int[] idx = dose.indices().clone();
        for (int k = 0; k < idx.length; k++) {
            idx[k] -= from;
        }
        // t2 -> column 0 ("t2"), t3 -> 1, t4 -> 2
        SparseRows shifted = new SparseRows(dose.rows(), dose.columns() - from, dose.offsets(), idx, dose.values());
        return new PerturbationData(d.cells(), d.genes(), d.treatments().subList(from, d.treatments().size()), d.counts(),
                shifted);
    }
}
