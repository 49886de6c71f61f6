package io.gexflow.data.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.InputException;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.io.arrow.SparseCountsFile;
import io.gexflow.io.arrow.SparseCountsReader;
import io.gexflow.io.arrow.SparseCountsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbationFileTest {
    @TempDir
    Path dir;

    /** Random sparse counts: about a fifth of the entries stored; cells cycle through control, A, B, A+B. */
    static PerturbationData random(int cells, int genes, long seed) {
        Random r = new Random(seed);
        long[] off = new long[cells + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        long[] doff = new long[cells + 1];
        List<Integer> didx = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            ids.add("cell" + i);
            for (int g = 0; g < genes; g++) {
                if (r.nextInt(5) == 0) {
                    idx.add(g);
                    val.add((float) (1 + r.nextInt(40)));
                }
            }
            off[i + 1] = idx.size();
            switch (i % 4) {
                case 1 -> didx.add(0);
                case 2 -> didx.add(1);
                case 3 -> {
                    didx.add(0);
                    didx.add(1);
                }
                default -> { }
            }
            doff[i + 1] = didx.size();
        }
        float[] ones = new float[didx.size()];
        java.util.Arrays.fill(ones, 1f);
        float[] v = new float[val.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = val.get(k);
        }
        List<String> genesNames = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            genesNames.add("g" + g);
        }
        return new PerturbationData(ids, genesNames, List.of("A", "B"),
                new SparseRows(cells, genes, off, idx.stream().mapToInt(Integer::intValue).toArray(), v),
                new SparseRows(cells, 2, doff, didx.stream().mapToInt(Integer::intValue).toArray(), ones));
    }

    @Test
    void roundTripKeepsCountsDosageAndObs() throws Exception {
        PerturbationData d = random(10_000, 37, 3); // several record batches
        List<String> labels = PerturbationFile.treatmentLabels(d, "control");
        List<String> split = new ArrayList<>();
        List<Integer> n = new ArrayList<>();
        for (int i = 0; i < d.cells().size(); i++) {
            split.add(i % 10 < 8 ? "train" : i % 10 == 8 ? "val" : "test");
            n.add(i);
        }
        Path f = dir.resolve("counts.arrow");
        PerturbationFile.write(f, d, List.of(ObsColumn.utf8("treatment"), ObsColumn.utf8("split"), ObsColumn.int32("n")),
                Map.of("treatment", labels, "split", split, "n", n), Map.of("gexflow.provenance", "{\"verb\":\"test\"}"));
        PerturbationFile back = PerturbationFile.read(f);
        assertEquals(d, back.data());
        assertEquals(d.counts(), back.data().counts());
        assertEquals(d.dosage(), back.data().dosage());
        assertEquals(List.of("control", "A", "B", "A+B"), back.obs().get("treatment").subList(0, 4));
        assertEquals(new ArrayList<Object>(split), back.obs().get("split"));
        assertEquals(new ArrayList<Object>(n), back.obs().get("n"));
        assertEquals("{\"verb\":\"test\"}", back.metadata().get("gexflow.provenance"));
        assertEquals("[\"A\",\"B\"]", back.metadata().get(SparseCountsFile.META_TREATMENTS));
        assertTrue(back.data().isControl(0));
        assertFalse(back.data().isControl(3));
        PerturbationData train = back.split(f, "train");
        assertEquals(8_000, train.cells().size());
        assertArrayEquals(d.counts().denseRow(11), train.counts().denseRow(9));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".part")));
    }

    @Test
    void batchesAreCutByRows() {
        PerturbationData d = random(11, 5, 1);
        Path f = dir.resolve("small.arrow");
        try (SparseCountsWriter w = new SparseCountsWriter(f, d.genes(), d.treatments(), List.of(), Map.of(), 3)) {
            for (int i = 0; i < 11; i++) {
                int[] t = java.util.Arrays.copyOfRange(d.dosage().indices(), (int) d.dosage().offsets()[i],
                        (int) d.dosage().offsets()[i + 1]);
                w.write(d.cells().get(i), List.of(), t, d.counts().indices(), d.counts().values(),
                        (int) d.counts().offsets()[i], (int) d.counts().offsets()[i + 1]);
            }
        }
        int batches = 0;
        try (SparseCountsReader r = new SparseCountsReader(f)) {
            while (r.nextBatch()) {
                batches++;
            }
        }
        assertEquals(4, batches);
        assertEquals(d, PerturbationFile.read(f).data());
        assertEquals(d.counts(), PerturbationFile.read(f).data().counts());
    }

    @Test
    void independentReaderOpensTheFile() throws Exception {
        PerturbationData d = random(9, 6, 4);
        Path f = dir.resolve("js.arrow");
        PerturbationFile.write(f, d, List.of(ObsColumn.utf8("split")), Map.of("split", java.util.Collections.nCopies(9, "train")),
                Map.of());
        com.fasterxml.jackson.databind.JsonNode js = io.gexflow.io.Json.MAPPER.readTree(
                io.gexflow.testutil.Node.run("read-counts.mjs", f.toString()));
        assertEquals(9, js.get("rows").asInt());
        assertEquals("[\"id:Utf8\",\"split:Utf8\",\"treatments:List<Utf8>\",\"indices:List<Int32>\",\"values:List<Float32>\"]",
                js.get("columns").toString());
        assertEquals("sparse-csr", js.get("layout").asText());
        assertEquals("[\"A\",\"B\"]", js.get("treatments").toString());
        for (int i = 0; i < 9; i++) {
            float[] dense = new float[6];
            for (int k = 0; k < js.get("indices").get(i).size(); k++) {
                dense[js.get("indices").get(i).get(k).asInt()] = (float) js.get("values").get(i).get(k).asDouble();
            }
            assertArrayEquals(d.counts().denseRow(i), dense, "cell " + i);
            assertEquals(List.of(List.of(), List.of("A"), List.of("B"), List.of("A", "B")).get(i % 4).toString(),
                    js.get("treatmentsPerCell").get(i).toString().replace("\"", "").replace(",", ", "));
        }
    }

    @Test
    void aFailedWriteLeavesNothing() throws Exception {
        Path f = dir.resolve("bad.arrow");
        SparseCountsWriter w = new SparseCountsWriter(f, List.of("g0", "g1"), List.of("A"), List.of(), Map.of(), 2);
        w.write("c0", List.of(), new int[] {0}, new int[] {0, 1}, new float[] {1, 2}, 0, 2);
        assertThrows(IllegalArgumentException.class,
                () -> w.write("c1", List.of(), new int[0], new int[] {2}, new float[] {1}, 0, 1));
        w.abort();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither the file nor its temporary sibling");
        }
    }

    @Test
    void aDenseMatrixFileIsNotACountsFile() throws Exception {
        Path f = dir.resolve("dense.arrow");
        try (io.gexflow.io.arrow.ArrowMatrixWriter w = new io.gexflow.io.arrow.ArrowMatrixWriter(f, List.of("g"), List.of(),
                Map.of())) {
            w.write("s", List.of(), new float[] {1});
        }
        InputException e = assertThrows(InputException.class, () -> PerturbationFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a gexflow sparse counts file"), e.getMessage());
    }
}
