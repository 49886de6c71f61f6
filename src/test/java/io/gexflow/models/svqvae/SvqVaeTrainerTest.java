package io.gexflow.models.svqvae;

import io.gexflow.eval.History;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the contract's files, and short seeded training runs on small LINCS-like data. */
class SvqVaeTrainerTest {
    @TempDir Path dir;

    private LabelledData lincs(String name, int rows, long seed) {
        int[] labels = new int[rows];
        float[] x = SvqTestData.lincs(rows, 12, 3, seed, labels);
        Path f = dir.resolve(name);
        SvqTestData.write(f, "lincs", List.of("A", "B", "C"), SvqTestData.names("g", 12), labels, x);
        return LabelledData.read(f);
    }

    @Test
    void readsTheContract() {
        LabelledData d = lincs("train.arrow", 9, 1);
        assertEquals("lincs", d.dataset());
        assertEquals(SvqArchitecture.LINCS, d.architecture());
        assertEquals(List.of("A", "B", "C"), d.classes());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, d.labels());
        assertEquals(12, d.cols());
        assertEquals(null, d.imageShape());
    }

    @Test
    void rejectsFilesOutsideTheContract() {
        Path f = dir.resolve("bad.arrow");
        // a label that is not among the classes: written with classes [A, Z], then declared as [A] only
        SvqTestData.write(f, "lincs", List.of("A", "Z"), SvqTestData.names("g", 2), new int[] {1}, new float[] {1, 2});
        Path f1 = dir.resolve("bad-classes.arrow");
        io.gexflow.io.arrow.DenseMatrix m = io.gexflow.io.arrow.ArrowMatrixReader.readAll(f);
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(m.metadata());
        meta.put(LabelledData.META_CLASSES, "[\"A\"]");
        try (io.gexflow.io.arrow.ArrowMatrixWriter w = new io.gexflow.io.arrow.ArrowMatrixWriter(f1, m.features(),
                List.of(io.gexflow.io.arrow.ObsColumn.utf8(LabelledData.LABEL)), meta)) {
            w.write("s0", List.of("Z"), m.x(), 0);
        }
        InputException notAClass = assertThrows(InputException.class, () -> LabelledData.read(f1));
        assertTrue(notAClass.getMessage().contains("row s0: label 'Z' is not in gexflow.classes"), notAClass.getMessage());
        Path g = dir.resolve("mnist_wrong_width.arrow");
        SvqTestData.write(g, "mnist", List.of("0"), SvqTestData.names("p", 5), new int[] {0}, new float[5]);
        InputException e = assertThrows(InputException.class, () -> LabelledData.read(g));
        assertTrue(e.getMessage().contains("784"), e.getMessage());
        Path h = dir.resolve("out_of_range.arrow");
        SvqTestData.write(h, "lincs", List.of("A"), SvqTestData.names("g", 2), new int[] {0}, new float[] {11, 0});
        e = assertThrows(InputException.class, () -> LabelledData.read(h));
        assertTrue(e.getMessage().contains("outside [-10.0, 10.0]"), e.getMessage());
        Path k = dir.resolve("unknown.arrow");
        SvqTestData.write(k, "cifar", List.of("A"), SvqTestData.names("g", 2), new int[] {0}, new float[2]);
        e = assertThrows(InputException.class, () -> LabelledData.read(k));
        assertTrue(e.getMessage().contains("gexflow.dataset"), e.getMessage());
    }

    private History train(LabelledData d, SvqModelKind kind, Path params, long seed, int epochs) {
        SvqVaeSettings s = new SvqVaeSettings(kind, SvqArchitecture.LINCS, 3, epochs, 16, 1e-3, 0.25, 0.1, seed);
        return SvqVaeTrainer.train(d, s, params, e -> {});
    }

    @Test
    void svqvaeLearnsOneCodePerClassDeterministically() throws Exception {
        LabelledData d = lincs("train.arrow", 90, 2);
        Path p1 = dir.resolve("a.params");
        Path p2 = dir.resolve("b.params");
        History h1 = train(d, SvqModelKind.SVQVAE, p1, 5, 8);
        History h2 = train(d, SvqModelKind.SVQVAE, p2, 5, 8);
        assertArrayEquals(Files.readAllBytes(p1), Files.readAllBytes(p2), "same seed, same parameters");
        assertEquals(h1.last().get(SvqVaeTrainer.LOSS), h2.last().get(SvqVaeTrainer.LOSS));
        assertEquals(8, h1.epochs().size());
        assertTrue(h1.last().get(SvqVaeTrainer.TRAIN_MSE) < 0.5 * h1.epochs().get(0).get(SvqVaeTrainer.TRAIN_MSE),
                "reconstruction error falls: " + h1.epochs().get(0).get(SvqVaeTrainer.TRAIN_MSE) + " -> " + h1.last().get(SvqVaeTrainer.TRAIN_MSE));
        // label assignment over 3 balanced classes, a mean over minibatches (the last one holds 10 rows)
        assertTrue(h1.last().get(SvqVaeTrainer.PERPLEXITY_LABEL) > 2.3 && h1.last().get(SvqVaeTrainer.PERPLEXITY_LABEL) <= 3.0, "" + h1.last().get(SvqVaeTrainer.PERPLEXITY_LABEL));
        assertTrue(h1.last().get(SvqVaeTrainer.MISASSIGNED) < 0.2, "codes sit with their classes: " + h1.last().get(SvqVaeTrainer.MISASSIGNED));
        Path p3 = dir.resolve("c.params");
        Path p4 = dir.resolve("d.params");
        train(d, SvqModelKind.SVQVAE, p3, 5, 1);
        train(d, SvqModelKind.SVQVAE, p4, 6, 1);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(p3), Files.readAllBytes(p4)), "another seed, other parameters");
    }

    @Test
    void vqvaeTrainsOnTheNearestCode() {
        LabelledData d = lincs("train.arrow", 90, 3);
        History h = train(d, SvqModelKind.VQVAE, dir.resolve("v.params"), 5, 4);
        assertEquals(h.last().get(SvqVaeTrainer.PERPLEXITY_NEAREST), h.last().get(SvqVaeTrainer.PERPLEXITY), "VQ-VAE reports nearest-code perplexity");
        assertEquals(0.0, h.last().get(SvqVaeTrainer.PUSH_TERM));
        assertTrue(h.last().get(SvqVaeTrainer.TRAIN_MSE) < h.epochs().get(0).get(SvqVaeTrainer.TRAIN_MSE));
    }

    @Test
    void svqvaeNeedsOneCodePerClass() {
        LabelledData d = lincs("train.arrow", 9, 4);
        SvqVaeSettings s = new SvqVaeSettings(SvqModelKind.SVQVAE, SvqArchitecture.LINCS, 4, 1, 4, 1e-3, 0.25, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> SvqVaeTrainer.train(d, s, dir.resolve("x.params"), e -> {}));
    }
}
