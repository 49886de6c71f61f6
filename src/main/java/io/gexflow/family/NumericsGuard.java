package io.gexflow.family;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.gexflow.io.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches one training run for the first non-finite number, batch by batch, so that it is named where
 * it appears instead of surfacing as "loss is NaN" at the end of an epoch:
 *
 * <ol>
 *   <li>{@link #checkTerms}: every named loss term of the batch (after the forward pass);</li>
 *   <li>{@link #checkGradients}: the L2 norm of every parameter's gradient (after backward, before the
 *       optimiser step), computed in float64 so that a large finite gradient is not mistaken for an
 *       overflow;</li>
 *   <li>{@link #checkParameters}: every parameter after the optimiser step.</li>
 * </ol>
 *
 * The error names the epoch, the batch, the term or parameter, and the last finite value of every
 * loss term. With a debug file ({@code --debug-numerics FILE}), one TSV row per batch records the
 * terms, each parameter's gradient norm and whatever the trainer adds (e.g. code norms); the file is
 * written under a temporary name and renamed into place when the guard closes, also after a failure,
 * since that is when it is wanted.
 */
public final class NumericsGuard implements AutoCloseable {
    private final Path debugFile;
    private final AtomicFile atomic;
    private BufferedWriter out;
    private List<String> header;
    private Map<String, Double> lastFiniteTerms = Map.of();
    private Map<String, Double> terms = Map.of();
    private final Map<String, Double> gradNorms = new LinkedHashMap<>();

    /** @param debugFile per-batch TSV to write, or null for checks only */
    public NumericsGuard(Path debugFile) {
        this.debugFile = debugFile;
        this.atomic = debugFile == null ? null : new AtomicFile(debugFile);
    }

    /** Raised at the first non-finite term, gradient or parameter. */
    public static final class NonFiniteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NonFiniteException(String message) {
            super(message);
        }
    }

    /** Checks the named loss terms of a batch (scalars, in the order they should be reported). */
    public void checkTerms(int epoch, int batch, Map<String, NDArray> named) {
        Map<String, Double> values = new LinkedHashMap<>();
        String bad = null;
        // every temporary of a check is closed with its scope: a parameter's copies would otherwise live in
        // the parameter's (whole-run) manager and pile up batch after batch
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, NDArray> e : named.entrySet()) {
                double v = e.getValue().toType(DataType.FLOAT64, false).getDouble();
                values.put(e.getKey(), v);
                if (bad == null && !Double.isFinite(v)) {
                    bad = e.getKey();
                }
            }
        }
        terms = values;
        if (bad != null) {
            fail(epoch, batch, "loss term '" + bad + "' is " + values.get(bad));
        }
    }

    /**
     * Checks every parameter's gradient (call after backward, before the optimiser step): one float32 sum
     * each; the float64 L2 norm only for the debug file or when the sum is not finite.
     */
    public void checkGradients(int epoch, int batch, PairList<String, Parameter> parameters) {
        gradNorms.clear();
        String bad = null;
        for (Pair<String, Parameter> named : parameters) {
            String name = named.getKey();
            double norm;
            try (NDScope scope = new NDScope()) {
                NDArray g = named.getValue().getArray().getGradient();
                // a float32 sum is finite exactly when every entry is (short of an overflow, which the float64
                // norm then tells apart); the norm itself is computed only for the debug file or a failure
                boolean quickFinite = Float.isFinite(g.sum().getFloat());
                norm = quickFinite && debugFile == null ? 0
                        : Math.sqrt(g.toType(DataType.FLOAT64, false).square().sum().getDouble());
            }
            gradNorms.put(name, norm);
            if (bad == null && !Double.isFinite(norm)) {
                bad = name;
            }
        }
        if (bad != null) {
            fail(epoch, batch, "the gradient of parameter '" + bad + "' is not finite (norm " + gradNorms.get(bad) + ")");
        }
    }

    /**
     * Checks every parameter after the optimiser step and, with a debug file, writes the batch's row
     * (terms, gradient norms, then {@code extra}).
     */
    public void checkParameters(int epoch, int batch, PairList<String, Parameter> parameters, Map<String, Double> extra) {
        for (Pair<String, Parameter> p : parameters) {
            double s;
            try (NDScope scope = new NDScope()) {
                NDArray a = p.getValue().getArray();
                s = a.sum().getFloat();
                if (!Double.isFinite(s)) { // NaN or Inf inside, or a float32 overflow of the sum: tell them apart
                    s = a.toType(DataType.FLOAT64, false).abs().sum().getDouble();
                }
            }
            if (!Double.isFinite(s)) {
                fail(epoch, batch, "parameter '" + p.getKey() + "' is not finite after the optimiser step");
            }
        }
        lastFiniteTerms = terms;
        if (debugFile != null) {
            Map<String, Double> row = new LinkedHashMap<>();
            terms.forEach((k, v) -> row.put("term_" + k, v));
            gradNorms.forEach((k, v) -> row.put("grad_norm_" + k, v));
            row.putAll(extra);
            write(epoch, batch, row);
        }
    }

    private void fail(int epoch, int batch, String what) {
        if (debugFile != null) {
            Map<String, Double> row = new LinkedHashMap<>();
            terms.forEach((k, v) -> row.put("term_" + k, v));
            gradNorms.forEach((k, v) -> row.put("grad_norm_" + k, v));
            write(epoch, batch, row);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("non-finite value in epoch ").append(epoch).append(", batch ").append(batch).append(": ").append(what);
        if (lastFiniteTerms.isEmpty()) {
            sb.append("; no earlier batch was finite");
        } else {
            sb.append("; last finite loss terms:");
            lastFiniteTerms.forEach((k, v) -> sb.append(' ').append(k).append('=').append(fmt(v)));
        }
        if (debugFile == null) {
            sb.append(" (rerun with --debug-numerics FILE for per-batch terms and gradient norms)");
        } else {
            sb.append(" (per-batch values in ").append(debugFile).append(')');
        }
        throw new NonFiniteException(sb.toString());
    }

    private void write(int epoch, int batch, Map<String, Double> row) {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(atomic.temp(), StandardCharsets.UTF_8);
                header = new ArrayList<>(row.keySet());
                out.write("epoch\tbatch\t" + String.join("\t", header));
                out.newLine();
            }
            StringBuilder sb = new StringBuilder().append(epoch).append('\t').append(batch);
            for (String h : header) {
                Double v = row.get(h);
                sb.append('\t').append(v == null ? "" : fmt(v));
            }
            out.write(sb.toString());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + debugFile + ": " + e.getMessage(), e);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public void close() {
        if (out == null) {
            if (atomic != null) {
                atomic.close();
            }
            return;
        }
        try {
            out.close();
            atomic.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + debugFile + ": " + e.getMessage(), e);
        }
    }
}
