package io.gexflow.io.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.testutil.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowMatrixTest {
    @TempDir Path dir;

    private static float[][] randomRows(int n, int f, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][f];
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private Path write(String name, float[][] x, int batchRows) {
        Path file = dir.resolve(name);
        List<String> features = List.of("g1", "g2", "g3");
        try (ArrowMatrixWriter w = new ArrowMatrixWriter(file, features,
                List.of(ObsColumn.utf8("split"), ObsColumn.int32("label"), ObsColumn.float64("dose")),
                Map.of(MatrixFile.META_PROVENANCE, "{\"verb\":\"test\"}"), batchRows)) {
            for (int i = 0; i < x.length; i++) {
                w.write("s" + i, Arrays.asList(i % 2 == 0 ? "train" : null, i, i * 0.5), x[i]);
            }
        }
        return file;
    }

    @Test
    void roundTripAcrossSeveralBatches() {
        float[][] x = randomRows(11, 3, 1);
        Path file = write("m.arrow", x, 4);
        DenseMatrix m = ArrowMatrixReader.readAll(file);
        assertEquals(11, m.rows());
        assertEquals(List.of("g1", "g2", "g3"), m.features());
        for (int i = 0; i < 11; i++) {
            assertEquals("s" + i, m.ids().get(i));
            assertArrayEquals(x[i], Arrays.copyOfRange(m.x(), i * 3, i * 3 + 3));
            assertEquals(i % 2 == 0 ? "train" : null, m.obs().get("split").get(i));
            assertEquals(i, m.obs().get("label").get(i));
            assertEquals(i * 0.5, (Double) m.obs().get("dose").get(i), 0.0);
        }
        assertEquals("{\"verb\":\"test\"}", m.metadata().get(MatrixFile.META_PROVENANCE));
    }

    @Test
    void readerStreamsOneBatchAtATime() {
        Path file = write("b.arrow", randomRows(10, 3, 2), 4);
        try (ArrowMatrixReader r = new ArrowMatrixReader(file)) {
            int[] sizes = new int[3];
            int k = 0;
            while (r.nextBatch()) {
                sizes[k++] = r.batchRows();
            }
            assertArrayEquals(new int[] {4, 4, 2}, sizes);
        }
    }

    @Test
    void independentReaderOpensTheFile() throws Exception {
        float[][] x = randomRows(5, 3, 3);
        Path file = write("js.arrow", x, 2);
        JsonNode js = Json.MAPPER.readTree(Node.run("read-matrix.mjs", file.toString()));
        assertEquals(5, js.get("rows").asInt());
        assertEquals("[\"g1\",\"g2\",\"g3\"]", js.get("features").toString());
        assertEquals("test", js.get("provenance").get("verb").asText());
        for (int i = 0; i < 5; i++) {
            assertEquals("s" + i, js.get("ids").get(i).asText());
            for (int j = 0; j < 3; j++) {
                assertEquals(x[i][j], (float) js.get("x").get(i).get(j).asDouble(), 0f);
            }
        }
        assertTrue(js.get("obs").get("split").get(1).isNull());
        assertEquals(4, js.get("obs").get("label").get(4).asInt());
    }

    @Test
    void abortLeavesNoFile() throws Exception {
        Path file = dir.resolve("half.arrow");
        ArrowMatrixWriter w = new ArrowMatrixWriter(file, List.of("a"), List.of(), Map.of(), 2);
        w.write("s", List.of(), new float[] {1f});
        w.abort();
        assertFalse(Files.exists(file));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "temporary file left behind");
        }
    }

    @Test
    void notAnArrowFileIsAOneLineError() throws Exception {
        Path bad = dir.resolve("bad.arrow");
        Files.writeString(bad, "hello");
        InputException e = assertThrows(InputException.class, () -> new ArrowMatrixReader(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
