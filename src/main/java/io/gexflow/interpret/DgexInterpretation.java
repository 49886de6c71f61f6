package io.gexflow.interpret;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.gexflow.data.RegressionData;
import io.gexflow.eval.interpret.CrossMoments;
import io.gexflow.eval.interpret.MajorWeightMap;
import io.gexflow.eval.interpret.MajorWeights;
import io.gexflow.eval.interpret.OlsR2;
import io.gexflow.eval.interpret.R2Accumulator;
import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.io.Json;
import io.gexflow.family.ModelDescriptor;
import io.gexflow.models.dgex.DgexModel;
import io.gexflow.models.dgex.DgexNetwork;
import io.gexflow.report.Charts;
import io.gexflow.report.Html;
import io.gexflow.report.WeightMapChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The D-GEX interpretation extras of the spec (dgex.md, Metrics, "Interpretation extras") for one trained
 * network, written as {@value #JSON} plus TSVs and PNGs into one directory.
 *
 * <p><b>Major weights.</b> For every weight matrix of every target-partition network (input -&gt;
 * hidden 1, hidden 1 -&gt; hidden 2, ..., last hidden -&gt; output), the weights beyond each threshold
 * (default 4 and 5 sd) of that matrix's weight distribution, positive and negative (see
 * {@link MajorWeights} for the exact definition), counted per matrix and per unit; the map of where they
 * lie ({@link MajorWeightMap}, drawn by {@link WeightMapChart}), downsampled to at most
 * {@value WeightMapChart#MAP_WIDTH} x {@value WeightMapChart#MAP_HEIGHT} blocks.
 *
 * <p><b>Adjusted R^2.</b> Per target gene, OLS with intercept on (a) the raw landmark genes (p = L) and
 * (b) the activations of the last hidden layer of the network that predicts the gene (p = hidden
 * units), both fitted on the <em>training</em> samples with the network in evaluation mode (no dropout);
 * adjusted {@code R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1)}, which puts the two predictor sets of different
 * size on one footing (the paper's comparison). On the <em>test</em> samples the same coefficients give
 * an out-of-sample R^2 (no adjustment: over-fitting already lowers it), a check that the hidden layer's
 * advantage is not just its larger p. The network's own R^2 (its output is a linear read-out of the
 * same hidden layer, so on the training samples it cannot beat the OLS fit) is reported beside them.
 */
public final class DgexInterpretation {
    private static final Logger LOG = LoggerFactory.getLogger(DgexInterpretation.class);
    public static final String JSON = "interpretation.json";
    public static final String R2_TSV = "adjusted_r2.tsv";
    public static final String R2_TRAIN_PNG = "adjusted_r2_train.png";
    public static final String R2_TEST_PNG = "r2_test.png";

    private DgexInterpretation() {}

    /**
     * Runs both analyses and writes every output into {@code outDir}; returns what went into
     * {@value #JSON}.
     *
     * @param thresholds major-weight thresholds in sd, at least two, increasing (the map uses the first two)
     * @param batch rows per forward pass
     * @param provenance recorded as is
     */
    public static Map<String, Object> run(Path modelDir, Path trainFile, Path testFile, Path outDir, double[] thresholds,
            int batch, Object provenance) {
        if (thresholds.length < 2) {
            throw new IllegalArgumentException("need at least two thresholds (e.g. 4,5)");
        }
        Path json = modelDir.resolve(ModelDescriptor.FILE);
        ModelDescriptor desc = Json.readFile(json, ModelDescriptor.class);
        if (!DgexModel.TYPE.equals(desc.type())) {
            throw new InputException(json, "is a '" + desc.type() + "' model, not a D-GEX network");
        }
        RegressionData train = RegressionData.read(trainFile);
        RegressionData test = RegressionData.read(testFile);
        for (RegressionData d : List.of(train, test)) {
            if (!d.inputs().equals(desc.inputs()) || !d.outputs().equals(desc.outputs())) {
                throw new InputException(d == train ? trainFile : testFile, "genes differ from the model's (" + json + ")");
            }
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("directory", String.valueOf(modelDir.toAbsolutePath().normalize().getFileName()));
        model.put("label", desc.summary() == null ? "D-GEX" : String.valueOf(desc.summary().getOrDefault("label", "D-GEX")));
        for (String k : List.of("hidden_layers", "hidden_units", "dropout", "target_partitions")) {
            model.put(k, desc.settings().get(k));
        }
        out.put("model", model);
        out.put("n_landmarks", desc.inputs().size());
        out.put("n_targets", desc.outputs().size());
        out.put("training_samples", train.rows());
        out.put("test_samples", test.rows());
        try (DgexModel m = DgexModel.load(modelDir, desc)) {
            int layers = ((Number) desc.settings().get("hidden_layers")).intValue();
            out.put("major_weights", majorWeights(m, layers, desc, thresholds, outDir, (String) model.get("label")));
            out.put("adjusted_r2", adjustedR2(m, layers, train, test, batch, outDir, (String) model.get("label")));
        }
        out.put("provenance", provenance);
        Json.writeFile(outDir.resolve(JSON), out);
        return out;
    }

    // ------------------------------------------------------------------ major weights

    private static Map<String, Object> majorWeights(DgexModel m, int layers, ModelDescriptor desc, double[] thresholds,
            Path outDir, String label) {
        List<Map<String, Object>> matrices = new ArrayList<>();
        int[][] parts = m.partitions();
        for (int p = 0; p < parts.length; p++) {
            DgexNetwork net = m.networks().get(p);
            List<Linear> linears = net.linears();
            for (int l = 0; l < linears.size(); l++) {
                NDArray wArr = linears.get(l).getParameters().get("weight").getArray();
                int to = (int) wArr.getShape().get(0);
                int from = (int) wArr.getShape().get(1);
                float[] w = wArr.toFloatArray();
                String fromName = l == 0 ? "input" : "hidden " + l;
                String toName = l == layers ? "output" : "hidden " + (l + 1);
                String name = fromName + " -> " + toName;
                String stem = String.format(Locale.ROOT, "major_weights_p%d_w%d", p, l + 1);
                MajorWeights mw = MajorWeights.count(w, to, from, thresholds);
                MajorWeightMap map = MajorWeightMap.of(w, to, from, thresholds[0], thresholds[1], WeightMapChart.MAP_WIDTH,
                        WeightMapChart.MAP_HEIGHT);
                String where = parts.length > 1 ? " (target partition " + (p + 1) + " of " + parts.length + ")" : "";
                String fromLabel = l == 0 ? "input landmark genes" : "hidden layer " + l + " units";
                String toLabel = l == layers ? "output target genes" + (parts.length > 1 ? " of the partition" : "")
                        : "hidden layer " + (l + 1) + " units";
                writeBytes(outDir.resolve(stem + ".png"), WeightMapChart.png(map, "Major weights, " + name.replace("->", "\u2192") + where,
                        String.format(Locale.ROOT, "%s: beyond %s sd %,d positive / %,d negative; beyond %s sd %,d / %,d (of %,d weights)",
                                label, num(thresholds[0]), mw.positive(0), mw.negative(0), num(thresholds[1]), mw.positive(1),
                                mw.negative(1), mw.weights()),
                        fromLabel, toLabel));
                List<String> fromIds = l == 0 ? desc.inputs() : hiddenIds(l, from);
                List<String> toIds = l == layers ? partitionIds(desc.outputs(), parts[p]) : hiddenIds(l + 1, to);
                AtomicFile.writeString(outDir.resolve(stem + ".tsv"), unitsTsv(mw, fromIds, toIds));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("partition", p);
                e.put("matrix", l + 1);
                e.put("name", name);
                e.put("from", fromName);
                e.put("to", toName);
                e.put("from_units", from);
                e.put("to_units", to);
                e.put("weights", mw.weights());
                e.put("mean", mw.mean());
                e.put("sd", mw.sd());
                List<Map<String, Object>> counts = new ArrayList<>();
                for (int k = 0; k < thresholds.length; k++) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("sd", thresholds[k]);
                    c.put("positive", mw.positive(k));
                    c.put("negative", mw.negative(k));
                    c.put("total", mw.total(k));
                    c.put("fraction", (double) mw.total(k) / mw.weights());
                    c.put("from_units_with_major", mw.fromUnitsWithMajor(k));
                    c.put("to_units_with_major", mw.toUnitsWithMajor(k));
                    counts.add(c);
                }
                e.put("counts", counts);
                e.put("map_png", stem + ".png");
                e.put("map_block", List.of(map.blockFrom(), map.blockTo()));
                e.put("units_tsv", stem + ".tsv");
                matrices.add(e);
                LOG.info("{}{}: {} x {} weights, sd {}; beyond {} sd: {} (+{} / -{})", name, where, to, from,
                        String.format(Locale.ROOT, "%.4g", mw.sd()), num(thresholds[0]), mw.total(0), mw.positive(0), mw.negative(0));
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("definition", "weight w of a matrix is major at k sd when (w - mean) / sd > k (positive) or < -k (negative), "
                + "mean and population sd over all weights of that matrix (biases excluded)");
        r.put("thresholds_sd", Arrays.stream(thresholds).boxed().toList());
        r.put("matrices", matrices);
        return r;
    }

    private static List<String> hiddenIds(int layer, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add("h" + layer + "_" + i);
        }
        return ids;
    }

    private static List<String> partitionIds(List<String> outputs, int[] cols) {
        List<String> ids = new ArrayList<>(cols.length);
        for (int c : cols) {
            ids.add(outputs.get(c));
        }
        return ids;
    }

    /** One row per unit on either side: side, index, id, then positive/negative counts per threshold. */
    static String unitsTsv(MajorWeights mw, List<String> fromIds, List<String> toIds) {
        double[] th = mw.thresholds();
        StringBuilder sb = new StringBuilder("side\tindex\tunit");
        for (double t : th) {
            sb.append("\tpositive_").append(num(t)).append("sd\tnegative_").append(num(t)).append("sd");
        }
        sb.append('\n');
        for (int i = 0; i < mw.fromUnits(); i++) {
            sb.append("from\t").append(i).append('\t').append(fromIds.get(i));
            for (int k = 0; k < th.length; k++) {
                sb.append('\t').append(mw.fromPositive(k, i)).append('\t').append(mw.fromNegative(k, i));
            }
            sb.append('\n');
        }
        for (int j = 0; j < mw.toUnits(); j++) {
            sb.append("to\t").append(j).append('\t').append(toIds.get(j));
            for (int k = 0; k < th.length; k++) {
                sb.append('\t').append(mw.toPositive(k, j)).append('\t').append(mw.toNegative(k, j));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ adjusted R^2

    private static Map<String, Object> adjustedR2(DgexModel m, int layers, RegressionData train, RegressionData test,
            int batch, Path outDir, String label) {
        int nIn = train.inputs().size();
        int nOut = train.outputs().size();
        int[][] parts = m.partitions();
        List<DgexNetwork> nets = m.networks();
        int units = (int) nets.get(0).linears().get(layers - 1).getParameters().get("weight").getArray().getShape().get(0);
        double[] r2Land;
        double[] adjLand;
        double[] r2Hid = new double[nOut];
        double[] adjHid = new double[nOut];
        double[] r2Net = new double[nOut];
        double[] testLand;
        double[] testHid = new double[nOut];
        double[] testNet = new double[nOut];
        int[] partOf = new int[nOut];
        List<Integer> usedHidden = new ArrayList<>();
        List<Double> jitterHidden = new ArrayList<>();
        List<String> hidSkip = new ArrayList<>();
        Optional<String> landSkip;
        OlsR2.Fit land;
        int landUsed;
        long landRows;
        try (NDManager base = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(base, false);
            CrossMoments landMoments = new CrossMoments(base, nIn, nOut);
            List<CrossMoments> hidMoments = new ArrayList<>();
            List<R2Accumulator> netTrain = new ArrayList<>();
            for (int[] cols : parts) {
                hidMoments.add(new CrossMoments(base, units, cols.length));
                netTrain.add(new R2Accumulator(base, cols.length));
            }
            // pass 1, training samples: cross-products of landmarks and hidden activations with the targets
            forBatches(base, train, batch, parts, (xb, yb, yParts) -> {
                landMoments.add(xb, yb);
                for (int p = 0; p < parts.length; p++) {
                    NDArray h = nets.get(p).lastHidden(ps, xb);
                    hidMoments.get(p).add(h, yParts[p]);
                    netTrain.get(p).add(yParts[p], nets.get(p).output(ps, h));
                }
            });
            CrossMoments.Centered lc = landMoments.centered();
            landSkip = OlsR2.whyNot(lc, "the " + nIn + " landmark genes");
            land = landSkip.isPresent() ? null : OlsR2.fit(lc);
            landUsed = OlsR2.usedPredictors(lc);
            landRows = lc.rows();
            if (land == null) {
                LOG.warn("landmarks: adjusted R^2 {}", landSkip.get());
                r2Land = nan(nOut);
                adjLand = nan(nOut);
            } else {
                LOG.info("landmarks: OLS on {} predictors ({} used), {} training samples", nIn, land.used(), land.rows());
                r2Land = land.r2();
                adjLand = land.adjustedR2();
            }
            List<OlsR2.Fit> hid = new ArrayList<>();
            for (int p = 0; p < parts.length; p++) {
                CrossMoments.Centered hc = hidMoments.get(p).centered();
                String where = parts.length > 1 ? " of partition " + (p + 1) : "";
                Optional<String> skip = OlsR2.whyNot(hc, "the " + units + " units of the last hidden layer" + where);
                OlsR2.Fit f = skip.isPresent() ? null : OlsR2.fit(hc);
                hid.add(f);
                usedHidden.add(f == null ? OlsR2.usedPredictors(hc) : f.used());
                jitterHidden.add(f == null ? null : f.jitter());
                skip.ifPresent(hidSkip::add);
                double[] nt = netTrain.get(p).r2();
                for (int k = 0; k < parts[p].length; k++) {
                    int t = parts[p][k];
                    partOf[t] = p;
                    r2Hid[t] = f == null ? Double.NaN : f.r2()[k];
                    adjHid[t] = f == null ? Double.NaN : f.adjustedR2()[k];
                    r2Net[t] = nt[k];
                }
                if (f == null) {
                    LOG.warn("last hidden layer{}: adjusted R^2 {}", where, skip.get());
                } else {
                    LOG.info("last hidden layer{}: OLS on {} units ({} used, jitter {})", where, units, f.used(), f.jitter());
                }
            }
            // pass 2, test samples: out-of-sample R^2 of the same coefficients, and of the network
            NDArray bl = land == null ? null : coef(base, land, nIn, nOut);
            NDArray bl0 = land == null ? null : base.create(land.intercept());
            List<NDArray> bh = new ArrayList<>();
            List<NDArray> bh0 = new ArrayList<>();
            for (int p = 0; p < parts.length; p++) {
                OlsR2.Fit f = hid.get(p);
                bh.add(f == null ? null : coef(base, f, units, parts[p].length));
                bh0.add(f == null ? null : base.create(f.intercept()));
            }
            R2Accumulator landTest = new R2Accumulator(base, nOut);
            List<R2Accumulator> hidTest = new ArrayList<>();
            List<R2Accumulator> netTest = new ArrayList<>();
            for (int[] cols : parts) {
                hidTest.add(new R2Accumulator(base, cols.length));
                netTest.add(new R2Accumulator(base, cols.length));
            }
            forBatches(base, test, batch, parts, (xb, yb, yParts) -> {
                if (bl != null) {
                    landTest.add(yb, xb.toType(DataType.FLOAT64, false).matMul(bl).add(bl0));
                }
                for (int p = 0; p < parts.length; p++) {
                    NDArray h = nets.get(p).lastHidden(ps, xb);
                    if (bh.get(p) != null) {
                        hidTest.get(p).add(yParts[p], h.toType(DataType.FLOAT64, false).matMul(bh.get(p)).add(bh0.get(p)));
                    }
                    netTest.get(p).add(yParts[p], nets.get(p).output(ps, h));
                }
            });
            testLand = land == null ? nan(nOut) : landTest.r2();
            for (int p = 0; p < parts.length; p++) {
                double[] ht = hid.get(p) == null ? nan(parts[p].length) : hidTest.get(p).r2();
                double[] nt = netTest.get(p).r2();
                for (int k = 0; k < parts[p].length; k++) {
                    testHid[parts[p][k]] = ht[k];
                    testNet[parts[p][k]] = nt[k];
                }
            }
        }
        AtomicFile.writeString(outDir.resolve(R2_TSV), r2Tsv(train.outputs(), partOf, adjLand, adjHid, r2Land, r2Hid, r2Net,
                testLand, testHid, testNet));

        double fracAdj = fractionHigher(adjHid, adjLand);
        double fracTest = fractionHigher(testHid, testLand);
        // a scatter of hidden vs landmarks needs both fits; what was not computed is said in the JSON instead
        Optional<String> notDrawn = landSkip.isPresent() ? landSkip
                : hidSkip.isEmpty() ? Optional.empty() : Optional.of(hidSkip.get(0));
        if (notDrawn.isEmpty()) {
            writeBytes(outDir.resolve(R2_TRAIN_PNG), Charts.png(Charts.scatter(
                    "Adjusted R\u00b2 per target gene, training samples", "adjusted R\u00b2 on the " + nIn + " landmark genes", adjLand,
                    "adjusted R\u00b2 on the last hidden layer (" + units + " units)", adjHid,
                    String.format(Locale.ROOT, "%s: the hidden layer explains more on %s of %d genes (points above the diagonal)", label,
                            Html.pct1(fracAdj), countFinite(adjHid, adjLand)))));
            writeBytes(outDir.resolve(R2_TEST_PNG), Charts.png(Charts.scatter(
                    "Out-of-sample R\u00b2 per target gene, test samples", "R\u00b2 of the landmark OLS fit", testLand,
                    "R\u00b2 of the hidden-layer OLS fit", testHid,
                    String.format(Locale.ROOT, "%s, coefficients from the training samples: the hidden layer is higher on %s of %d genes"
                            + " (above the diagonal)", label, Html.pct1(fracTest), countFinite(testHid, testLand)))));
        }

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("definition", "per target gene, OLS with intercept fitted on the training samples; adjusted R^2 = "
                + "1 - (1 - R^2)(n - 1)/(n - p - 1), n training samples, p predictors used; test R^2 = 1 - SSE/SST on the "
                + "test samples with the training coefficients (not adjusted)");
        r.put("activations", "last hidden layer (hidden " + layers + ", after tanh), network in evaluation mode (no dropout)");
        r.put("training_samples", landRows);
        r.put("test_samples", test.rows());
        r.put("hidden_layer", layers);
        r.put("hidden_units", units);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("predictors", nIn);
        l.put("predictors_used", landUsed);
        l.put("jitter", land == null ? null : land.jitter());
        l.put("computed", land != null);
        landSkip.ifPresent(why -> {
            l.put("not_computed", why);
            l.put("samples_needed", landUsed + 2);
        });
        l.putAll(stats("adjusted_r2", adjLand));
        l.putAll(stats("r2", r2Land));
        l.putAll(stats("test_r2", testLand));
        r.put("landmarks", l);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("predictors", units);
        h.put("predictors_used", usedHidden);
        h.put("jitter", jitterHidden);
        h.put("computed", hidSkip.isEmpty());
        if (!hidSkip.isEmpty()) {
            h.put("not_computed", String.join("; ", hidSkip));
            h.put("samples_needed", usedHidden.stream().mapToInt(Integer::intValue).max().orElse(0) + 2);
        }
        h.putAll(stats("adjusted_r2", adjHid));
        h.putAll(stats("r2", r2Hid));
        h.putAll(stats("test_r2", testHid));
        r.put("hidden", h);
        Map<String, Object> n = new LinkedHashMap<>();
        n.putAll(stats("r2", r2Net));
        n.putAll(stats("test_r2", testNet));
        r.put("network", n);
        r.put("genes", nOut);
        r.put("fraction_hidden_higher_adjusted_r2", finite(fracAdj));
        r.put("fraction_hidden_higher_test_r2", finite(fracTest));
        r.put("tsv", R2_TSV);
        r.put("train_png", notDrawn.isEmpty() ? R2_TRAIN_PNG : null);
        r.put("test_png", notDrawn.isEmpty() ? R2_TEST_PNG : null);
        notDrawn.ifPresent(why -> r.put("figures_not_drawn", "the R^2 scatters need both fits; " + why));
        if (notDrawn.isEmpty()) {
            LOG.info("adjusted R^2 (training): landmarks mean {}, hidden layer mean {}; hidden higher on {} of genes",
                    fmt(mean(adjLand)), fmt(mean(adjHid)), Html.pct1(fracAdj));
        } else {
            LOG.info("adjusted R^2 (training): landmarks {}, hidden layer {}; no comparison (see interpretation.json)",
                    landSkip.isPresent() ? "not computed" : "mean " + fmt(mean(adjLand)),
                    hidSkip.isEmpty() ? "mean " + fmt(mean(adjHid)) : "not computed");
        }
        return r;
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The slopes of a fit as a float64 engine array, p x T. */
    private static NDArray coef(NDManager m, OlsR2.Fit f, int p, int t) {
        return m.create(f.coef(), new Shape(p, t));
    }

    private interface BatchBody {
        void accept(NDArray x, NDArray y, NDArray[] yParts);
    }

    /** Runs {@code body} over row batches of {@code d}, one sub-manager per batch, targets split by partition. */
    private static void forBatches(NDManager base, RegressionData d, int batch, int[][] parts, BatchBody body) {
        int nIn = d.inputs().size();
        int nOut = d.outputs().size();
        for (int from = 0; from < d.rows(); from += batch) {
            int rows = Math.min(batch, d.rows() - from);
            try (NDManager m = base.newSubManager()) {
                NDArray xb = m.create(FloatBuffer.wrap(d.x(), from * nIn, rows * nIn).slice(), new Shape(rows, nIn));
                NDArray yb = m.create(FloatBuffer.wrap(d.y(), from * nOut, rows * nOut).slice(), new Shape(rows, nOut));
                NDArray[] yParts = new NDArray[parts.length];
                for (int p = 0; p < parts.length; p++) {
                    if (parts.length == 1) {
                        yParts[p] = yb;
                        continue;
                    }
                    int[] cols = parts[p];
                    float[] sub = new float[rows * cols.length];
                    for (int i = 0; i < rows; i++) {
                        int row = (from + i) * nOut;
                        for (int k = 0; k < cols.length; k++) {
                            sub[i * cols.length + k] = d.y()[row + cols[k]];
                        }
                    }
                    yParts[p] = m.create(sub, new Shape(rows, cols.length));
                }
                body.accept(xb, yb, yParts);
            }
        }
    }

    static String r2Tsv(List<String> genes, int[] partOf, double[]... cols) {
        StringBuilder sb = new StringBuilder("gene\tpartition\tadjusted_r2_landmarks\tadjusted_r2_hidden\tr2_landmarks\tr2_hidden"
                + "\tr2_network\ttest_r2_landmarks\ttest_r2_hidden\ttest_r2_network\n");
        for (int t = 0; t < genes.size(); t++) {
            sb.append(genes.get(t)).append('\t').append(partOf[t]);
            for (double[] c : cols) {
                sb.append('\t').append(Double.isFinite(c[t]) ? String.format(Locale.ROOT, "%.6f", c[t]) : "NaN");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Fraction of genes (both values finite) where {@code a > b}. */
    static double fractionHigher(double[] a, double[] b) {
        int n = 0;
        int higher = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                n++;
                if (a[i] > b[i]) {
                    higher++;
                }
            }
        }
        return n == 0 ? Double.NaN : (double) higher / n;
    }

    private static int countFinite(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                n++;
            }
        }
        return n;
    }

    /** Mean, sd (population), median over the finite values, keyed {@code <prefix>_mean} etc.; null when none. */
    static Map<String, Object> stats(String prefix, double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        Map<String, Object> s = new LinkedHashMap<>();
        if (f.length == 0) {
            s.put(prefix + "_mean", null);
            s.put(prefix + "_sd", null);
            s.put(prefix + "_median", null);
            return s;
        }
        double mean = Arrays.stream(f).sum() / f.length;
        double ss = 0;
        for (double x : f) {
            ss += (x - mean) * (x - mean);
        }
        s.put(prefix + "_mean", mean);
        s.put(prefix + "_sd", Math.sqrt(ss / f.length));
        s.put(prefix + "_median", f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2);
        return s;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try (AtomicFile f = new AtomicFile(file)) {
            Files.write(f.temp(), bytes);
            f.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
