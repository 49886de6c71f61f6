import io.gexflow.io.gct.GctxStreamWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark input: a GEO-like float32 GCTX of SAMPLES x PROBES written streaming with
 * GctxStreamWriter (one block of samples in memory at a time), so it runs under the same -Xmx as
 * the steps it feeds. Run as a single-file program on the tool's class path:
 * {@code java -cp 'target/gexflow.jar:target/lib/*' bench/GenerateGctx.java OUT SAMPLES PROBES}.
 * Values: per-probe level in [4, 14] plus per-sample noise (sd ~0.8), from a seeded xorshift.
 */
public class GenerateGctx {
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: GenerateGctx OUT SAMPLES PROBES");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int samples = Integer.parseInt(args[1]);
        int probes = Integer.parseInt(args[2]);
        List<String> rows = new ArrayList<>(probes);
        for (int p = 0; p < probes; p++) {
            rows.add(String.format("%d_at", 200000 + p));
        }
        List<String> cols = new ArrayList<>(samples);
        for (int c = 0; c < samples; c++) {
            cols.add(String.format("GSM%07d", 1_000_000 + c));
        }
        long state = 0x9E3779B97F4A7C15L;
        float[] level = new float[probes];
        for (int p = 0; p < probes; p++) {
            state = next(state);
            level[p] = 4 + 10 * ((state >>> 40) / (float) (1L << 24));
        }
        int block = Math.max(1, Math.min(samples, (1 << 23) / probes)); // ~32 MiB of values at a time
        float[] values = new float[block * probes];
        try (GctxStreamWriter w = new GctxStreamWriter(out, rows, cols, Map.of(), Map.of(), Map.of())) {
            for (int from = 0; from < samples; from += block) {
                int n = Math.min(block, samples - from);
                for (int i = 0; i < n * probes; i++) {
                    // sum of 4 uniforms on [-1, 1): roughly normal, sd 1.15, times 0.7
                    float noise = 0;
                    for (int k = 0; k < 2; k++) {
                        state = next(state);
                        noise += (int) (state >>> 32) / (float) (1L << 31) + (int) state / (float) (1L << 31);
                    }
                    values[i] = level[i % probes] + 0.7f * noise;
                }
                w.write(values, 0, n);
            }
        }
    }

    private static long next(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }
}
