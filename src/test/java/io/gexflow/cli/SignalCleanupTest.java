package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verb stopped by SIGTERM (what Nextflow sends a task it kills, and what Ctrl-C's SIGINT does alike)
 * leaves no hidden {@code .part} file and no output: a real {@code gexflow convert} process is stopped
 * while it writes.
 */
class SignalCleanupTest {
    @TempDir Path dir;

    @Test
    @Timeout(120)
    void sigtermDuringConvertLeavesNoPartFile() throws Exception {
        Path gct = dir.resolve("big.gct");
        writeGct(gct, 6000, 400);
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "convert", "--input", gct.toString(),
                "--chunk-samples", "10", "--out", out.resolve("big.arrow").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (parts(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "convert still running when its .part file appeared: " + Files.readString(dir.resolve("log.txt")));
        assertEquals(1, parts(out).size(), "writing under a hidden .part name");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        assertNotEquals(0, p.exitValue());
        assertEquals(List.of(), parts(out), "the shutdown hook removed the .part file");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(0, s.count(), "and no output appeared");
        }
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** A GCT 1.2 file of probes x samples, big enough that converting it takes a few seconds. */
    private static void writeGct(Path file, int probes, int samples) throws IOException {
        Random r = new Random(1);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("#1.2\n" + probes + "\t" + samples + "\nName\tDescription");
            for (int j = 0; j < samples; j++) {
                w.write("\tS" + j);
            }
            w.write('\n');
            for (int i = 0; i < probes; i++) {
                w.write("p" + i + "\tprobe " + i);
                for (int j = 0; j < samples; j++) {
                    w.write(String.format(Locale.ROOT, "\t%.3f", r.nextGaussian()));
                }
                w.write('\n');
            }
        }
    }
}
