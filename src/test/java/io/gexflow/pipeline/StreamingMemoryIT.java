package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.arrow.ArrowMatrixReader;
import io.gexflow.io.gct.GctxWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONVERT and NORMALIZE stream: a GCTX twice the size of the JVM heap they get is converted and
 * normalised by the packaged tool run with -Xmx128m (and as much direct memory).
 */
class StreamingMemoryIT {
    private static final int SAMPLES = 20_000;
    private static final int PROBES = 4_000;
    @TempDir Path dir;

    private String tool(String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx128m", "-XX:MaxDirectMemorySize=128m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", root.resolve("target/gexflow.jar").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void convertAndNormalizeAFileLargerThanTheHeap() throws Exception {
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add("p" + i);
        }
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add("s" + i);
        }
        float[] x = new float[SAMPLES * PROBES];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = 8 + (float) r.nextGaussian();
        }
        Path gctx = dir.resolve("big.gctx");
        GctxWriter.write(gctx, probes, samples, Map.of(), Map.of(), x);
        x = null;
        assertTrue(Files.size(gctx) > 2 * 128L * 1024 * 1024, "file larger than twice the heap");

        Path arrow = dir.resolve("big.arrow");
        tool("convert", "--input", gctx.toString(), "--out", arrow.toString(), "--chunk-samples", "500");
        tool("split", "--input", arrow.toString(), "--out", dir.resolve("split.tsv").toString());
        tool("normalize", "--input", arrow.toString(), "--split", dir.resolve("split.tsv").toString(), "--out-dir",
                dir.resolve("norm").toString());
        long rows = 0;
        for (String s : List.of("train", "valid", "test")) {
            try (ArrowMatrixReader rd = new ArrowMatrixReader(dir.resolve("norm/" + s + ".arrow"))) {
                assertEquals(PROBES, rd.featureCount());
                while (rd.nextBatch()) {
                    rows += rd.batchRows();
                }
            }
        }
        assertEquals(SAMPLES, rows);
    }
}
