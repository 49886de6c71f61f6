package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.arrow.DenseMatrix;
import io.gexflow.io.arrow.MatrixFile;
import io.gexflow.testutil.Blobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DedupCommandTest {
    @TempDir Path dir;
    Blobs blobs;
    Path input;

    /** 1,200 samples x 300 features (1.4 MB) in 4 blobs, with 3 duplicates injected and one far copy. */
    @BeforeEach
    void data() {
        blobs = Blobs.generate(new int[] {700, 300, 150, 50}, 300, 21);
        blobs.copy(5, 900, 0, 1);       // exact copy
        blobs.copy(5, 1100, 0.02, 2);   // ~0.35 away
        blobs.copy(17, 18, 0.01, 3);    // ~0.17 away, next in line
        blobs.copy(30, 400, 0.2, 4);    // ~3.5 away: not a duplicate
        input = blobs.write(dir.resolve("geo.arrow"), 128);
    }

    private record Run(int exit, String out, String err) {}

    /** Runs {@code gexflow dedup ...} in-process; registers the verb when Main does not (yet). */
    private static Run execute(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("dedup"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** The verb on the test matrix with test settings; {@code more} holds option-value pairs that override them. */
    private Run dedup(String name, String... more) {
        Map<String, String> opts = new java.util.LinkedHashMap<>();
        opts.put("--input", input.toString());
        opts.put("--out", dir.resolve(name + ".arrow").toString());
        opts.put("--out-tsv", dir.resolve(name + ".tsv").toString());
        opts.put("--clusters", "4");
        opts.put("--batch-size", "100");
        opts.put("--seed", "3");
        opts.put("--threads", "2");
        for (int i = 0; i < more.length; i += 2) {
            opts.put(more[i], more[i + 1]);
        }
        List<String> args = new ArrayList<>();
        opts.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        Run r = execute(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    private Map<String, String[]> tsv(String name) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(name + ".tsv"));
        assertEquals("id\tcluster\tkept\tduplicate_of", lines.get(0));
        Map<String, String[]> rows = new TreeMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", -1);
            assertEquals(4, f.length, l);
            rows.put(f[0], f);
        }
        return rows;
    }

    @Test
    void dropsTheInjectedDuplicatesAndListsEverySample() throws Exception {
        dedup("d");
        Map<String, String[]> t = tsv("d");
        assertEquals(1200, t.size(), "every sample is listed");
        Map<String, String> dropped = new TreeMap<>();
        t.forEach((id, f) -> {
            if (f[2].equals("false")) {
                dropped.put(id, f[3]);
                assertEquals(t.get(f[3])[1], f[1], "a duplicate shares its original's cluster");
            } else {
                assertEquals("true", f[2]);
                assertEquals("", f[3]);
            }
        });
        assertEquals(Map.of("s900", "s5", "s1100", "s5", "s18", "s17"), dropped);

        DenseMatrix in = ArrowMatrixReader.readAll(input);
        DenseMatrix outM = ArrowMatrixReader.readAll(dir.resolve("d.arrow"));
        assertEquals(1197, outM.rows());
        assertEquals(in.features(), outM.features());
        List<String> expected = new ArrayList<>(in.ids());
        expected.removeAll(List.of("s18", "s900", "s1100"));
        assertEquals(expected, outM.ids(), "kept rows in input order");
        for (int r = 0; r < outM.rows(); r++) {
            int src = in.ids().indexOf(outM.ids().get(r));
            assertArrayEquals(Arrays.copyOfRange(in.x(), src * 300, src * 300 + 300),
                    Arrays.copyOfRange(outM.x(), r * 300, r * 300 + 300));
            assertEquals(in.obs().get("blob").get(src), outM.obs().get("blob").get(r));
        }
        assertEquals("[\"g0\"]", outM.metadata().get("gexflow.landmarks"), "input metadata carried over");
        JsonNode prov = Json.MAPPER.readTree(outM.metadata().get(MatrixFile.META_PROVENANCE));
        assertEquals("dedup", prov.get("verb").asText());
        assertEquals(3, prov.get("seed").asInt());
        JsonNode summary = Json.MAPPER.readTree(outM.metadata().get(DedupCommand.META_DEDUP));
        assertEquals(1200, summary.get("samples").asInt());
        assertEquals(3, summary.get("dropped").asInt());
    }

    @Test
    void sameSeedSameFilesAndTheDuplicatesDoNotHangOnTheSeed() throws Exception {
        dedup("a");
        dedup("b");
        dedup("c", "--seed", "99");
        assertEquals(Files.readString(dir.resolve("a.tsv")), Files.readString(dir.resolve("b.tsv")));
        assertEquals(ArrowMatrixReader.readAll(dir.resolve("a.arrow")).ids(), ArrowMatrixReader.readAll(dir.resolve("c.arrow")).ids());
    }

    @Test
    void streamingUnderOneMebibyteGivesTheInMemoryResult() throws Exception {
        // 1 MiB holds 862 of the 1,200 rows: k-means reads mini-batches in rounds, and with 2 clusters
        // one cluster is larger than the budget, so it is compared in pieces with extra passes
        // (no early stop, so that k-means runs all 120 steps, ~8 mini-batches a round)
        dedup("mem", "--clusters", "2", "--max-no-improvement", "0");
        dedup("stream", "--clusters", "2", "--max-no-improvement", "0", "--memory-mb", "1");
        assertEquals(Files.readString(dir.resolve("mem.tsv")), Files.readString(dir.resolve("stream.tsv")));
        DenseMatrix a = ArrowMatrixReader.readAll(dir.resolve("mem.arrow"));
        DenseMatrix b = ArrowMatrixReader.readAll(dir.resolve("stream.arrow"));
        assertEquals(a.ids(), b.ids());
        assertArrayEquals(a.x(), b.x());
        assertEquals(1197, a.rows());
    }

    @Test
    void distancesCanComeFromAnotherMatrixOfTheSameSamples() throws Exception {
        // the first 40 features only: the same duplicates, rows written with all 300 features
        float[][] cut = new float[1200][];
        for (int i = 0; i < 1200; i++) {
            cut[i] = Arrays.copyOf(blobs.x[i], 40);
        }
        Path probes = writeRows(dir.resolve("probes.arrow"), cut, false);
        dedup("p", "--distance-input", probes.toString());
        assertEquals(3, Files.readString(dir.resolve("p.tsv")).lines().filter(l -> l.contains("\tfalse\t")).count());
        assertEquals(300, ArrowMatrixReader.readAll(dir.resolve("p.arrow")).cols());

        Path shuffled = writeRows(dir.resolve("other.arrow"), cut, true);
        Run r = execute("--input", input.toString(), "--distance-input", shuffled.toString(), "--out",
                dir.resolve("x.arrow").toString(), "--out-tsv", dir.resolve("x.tsv").toString(), "--clusters", "4");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("same samples in the same order"), r.err());
        assertFalse(Files.exists(dir.resolve("x.arrow")));
        assertFalse(Files.exists(dir.resolve("x.tsv")));
    }

    private Path writeRows(Path file, float[][] x, boolean reversedIds) {
        try (var w = new io.gexflow.io.arrow.ArrowMatrixWriter(file, Blobs.features(x[0].length), List.of(), Map.of())) {
            for (int i = 0; i < x.length; i++) {
                w.write("s" + (reversedIds ? x.length - 1 - i : i), List.of(), x[i]);
            }
        }
        return file;
    }

    @Test
    void aBudgetTooSmallForSeedingIsRefusedAndHelpNamesTheMemoryBound() {
        Run r = execute("--input", input.toString(), "--out", dir.resolve("z.arrow").toString(), "--out-tsv",
                dir.resolve("z.tsv").toString(), "--memory-mb", "0");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--memory-mb 0 holds 0 rows"), r.err());
        Run help = execute("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--memory-mb") && help.out().contains("Memory: at most"), help.out());
    }
}
