package io.gexflow.models.svqvae;

import io.gexflow.io.AtomicFile;
import io.gexflow.io.InputException;
import io.gexflow.eval.History;
import io.gexflow.eval.SvqVaeMetrics;
import io.gexflow.io.Json;
import io.gexflow.io.arrow.ArrowMatrixWriter;
import io.gexflow.io.arrow.MatrixFile;
import io.gexflow.io.arrow.ObsColumn;
import io.gexflow.family.ModelDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Everything EVALUATE reports for one trained model, on its training and test splits: reconstruction
 * MSE (with the label's code and with the nearest code), codebook-usage perplexity (label assignment
 * and nearest-code assignment), nearest-code classification, and the paper's analyses of the codes
 * (decoded codes, nearest-code frequency per class, pairwise distances, nearest-partner graph with
 * Louvain communities, samples generated from N(e_y, Sigma_y)), written as files beside metrics.json.
 */
public final class SvqVaeEvaluator {
    /** Closest code pairs listed in metrics.json. */
    public static final int CLOSEST_PAIRS = 10;

    private SvqVaeEvaluator() {}

    /** Names of a model's analysis files (relative to the metrics directory). */
    public record Files(String decodedCodes, String frequency, String distances, String graph, String generated) {
        static Files of(String name) {
            return new Files("decoded_codes_" + name + ".arrow", "code_frequency_" + name + ".tsv",
                    "code_distances_" + name + ".tsv", "code_graph_" + name + ".tsv", "generated_" + name + ".arrow");
        }
    }

    /** Mean squared error over all entries between every row of x and the decoded code {@code decoded[code[i]]}. */
    public static double mse(float[] x, int cols, float[] decoded, int[] code) {
        double s = 0;
        int rows = code.length;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int d = code[i] * cols;
            for (int j = 0; j < cols; j++) {
                double e = x[base + j] - decoded[d + j];
                s += e * e;
            }
        }
        return s / ((double) rows * cols);
    }

    /**
     * Evaluates {@code model} and writes its analysis files into {@code outDir}; returns its entry of
     * metrics.json.
     *
     * @param samplesPerGroup generated samples per class (S-VQ-VAE) or per used code (VQ-VAE)
     */
    public static SvqVaeMetrics.Model evaluate(String name, Path modelDir, SvqVaeModel model, LabelledData train,
            LabelledData test, Path outDir, int samplesPerGroup, long seed, Map<String, String> arrowMetadata) {
        if (!model.features().equals(train.features())) {
            throw new InputException(modelDir.resolve(ModelDescriptor.FILE), "features differ from " + train.file().getFileName());
        }
        List<String> classes = train.classes();
        if (model.kind() == SvqModelKind.SVQVAE && !model.codeNames().equals(classes)) {
            throw new InputException(modelDir.resolve(ModelDescriptor.FILE), "its codes " + model.codeNames()
                    + " are not the classes of " + train.file().getFileName());
        }
        boolean supervised = model.kind() == SvqModelKind.SVQVAE;
        int p = train.cols();
        int kCodes = model.codes();
        int dim = model.latentDim();
        int nClasses = classes.size();
        float[] zTrain = model.encode(train.x(), train.rows());
        float[] zTest = model.encode(test.x(), test.rows());
        int[] kTrain = model.nearest(zTrain, train.rows());
        int[] kTest = model.nearest(zTest, test.rows());
        float[] codebook = model.codebook();
        float[] decoded = model.decode(codebook, kCodes);

        Double mseTrainLabel = supervised ? mse(train.x(), p, decoded, train.labels()) : null;
        double mseTrainNearest = mse(train.x(), p, decoded, kTrain);
        Double mseTestLabel = supervised ? mse(test.x(), p, decoded, test.labels()) : null;
        double mseTestNearest = mse(test.x(), p, decoded, kTest);
        double pplTrainLabel = CodeStatistics.perplexity(train.labels(), nClasses);
        double pplTrainNearest = CodeStatistics.perplexity(kTrain, kCodes);
        double pplTestLabel = CodeStatistics.perplexity(test.labels(), nClasses);
        double pplTestNearest = CodeStatistics.perplexity(kTest, kCodes);

        long[][] freqTrain = CodeStatistics.frequency(train.labels(), nClasses, kTrain, kCodes);
        long[][] freqTest = CodeStatistics.frequency(test.labels(), nClasses, kTest, kCodes);
        int[] majority = CodeStatistics.majorityClass(freqTrain, kCodes);
        var accuracy = new SvqVaeMetrics.Accuracy(
                supervised ? CodeStatistics.accuracy(kTrain, train.labels()) : null,
                supervised ? CodeStatistics.accuracy(kTest, test.labels()) : null,
                CodeStatistics.accuracy(CodeStatistics.mapped(kTrain, majority), train.labels()),
                CodeStatistics.accuracy(CodeStatistics.mapped(kTest, majority), test.labels()),
                1.0 / nClasses);

        Files files = Files.of(name);
        List<String> codeNames = model.codeNames();
        writeMatrix(outDir.resolve(files.decodedCodes()), train.features(), codeNames, null, decoded, arrowMetadata);
        writeFrequency(outDir.resolve(files.frequency()), classes, codeNames, freqTrain, freqTest);

        double[][] dist = CodeGeometry.distances(codebook, kCodes, dim);
        writeDistances(outDir.resolve(files.distances()), codeNames, dist);
        List<SvqVaeMetrics.Pair> pairs = new ArrayList<>();
        for (CodeGeometry.Pair pr : CodeGeometry.closestPairs(dist)) {
            if (pairs.size() == CLOSEST_PAIRS) {
                break;
            }
            pairs.add(new SvqVaeMetrics.Pair(codeNames.get(pr.a()), codeNames.get(pr.b()), pr.distance()));
        }

        CodeGraph graph = CodeGraph.of(CodeGeometry.nearestPartners(dist), seed);
        writeGraph(outDir.resolve(files.graph()), codeNames, graph, dist);
        List<List<String>> communities = new ArrayList<>();
        for (List<Integer> c : graph.members()) {
            communities.add(c.stream().map(codeNames::get).toList());
        }
        var graphMetrics = new SvqVaeMetrics.Graph(communities, graph.modularity(), graph.edges().size(),
                "arc from every code to its nearest other code (Euclidean); arcs taken as undirected "
                + "unweighted edges; Louvain (CWTS networkanalysis 1.3.0, modularity, " + CodeGraph.RANDOM_STARTS
                + " seeded random starts)");

        // generation: S-VQ-VAE per class around e_y; VQ-VAE per code around e_k, Sigma over the rows assigned to it
        int[] group = supervised ? train.labels() : kTrain;
        List<String> genIds = new ArrayList<>();
        List<String> genLabels = new ArrayList<>();
        List<float[]> zs = new ArrayList<>();
        Random random = new Random(seed);
        List<SvqVaeMetrics.CodeSamples> genInfo = new ArrayList<>();
        for (int c = 0; c < kCodes; c++) {
            int[] rows = rowsOf(group, c);
            if (rows.length < 2) {
                genInfo.add(new SvqVaeMetrics.CodeSamples(codeNames.get(c), rows.length, 0, null));
                continue;
            }
            GaussianSampler sampler = new GaussianSampler(zTrain, dim, rows);
            float[] mu = java.util.Arrays.copyOfRange(codebook, c * dim, (c + 1) * dim);
            float[] z = new float[samplesPerGroup * dim];
            for (int s = 0; s < samplesPerGroup; s++) {
                sampler.sample(mu, random, z, s * dim);
                genIds.add(codeNames.get(c) + "_" + s);
                genLabels.add(codeNames.get(c));
            }
            zs.add(z);
            genInfo.add(new SvqVaeMetrics.CodeSamples(codeNames.get(c), rows.length, samplesPerGroup, sampler.totalVariance()));
        }
        float[] zAll = new float[genIds.size() * dim];
        int at = 0;
        for (float[] z : zs) {
            System.arraycopy(z, 0, zAll, at, z.length);
            at += z.length;
        }
        float[] generated = model.decode(zAll, genIds.size());
        writeMatrix(outDir.resolve(files.generated()), train.features(), genIds, genLabels, generated, arrowMetadata);
        var generation = new SvqVaeMetrics.Generation(genInfo,
                "z = e + Zc^T w / sqrt(n - 1), w ~ N(0, I_n), Zc the centred z_e of the group's training rows: "
                + "exactly N(e, Sigma) with Sigma their sample covariance, no factorisation",
                supervised ? "classes (label)" : "codes (nearest-code assignment of training rows)");

        Path history = modelDir.resolve(History.FILE);
        String historyCopy = null;
        Double mseLastEpoch = null;
        Double pplLastEpoch = null;
        Integer epochs = null;
        if (java.nio.file.Files.isRegularFile(history)) {
            History h = History.read(history, SvqVaeTrainer.TRAIN_MSE, SvqVaeTrainer.PERPLEXITY);
            historyCopy = "history_" + name + ".json";
            Json.writeFile(outDir.resolve(historyCopy), h);
            mseLastEpoch = h.last().get(SvqVaeTrainer.TRAIN_MSE);
            pplLastEpoch = h.last().get(SvqVaeTrainer.PERPLEXITY);
            epochs = h.epochs().size();
        }
        var mse = new SvqVaeMetrics.Mse(mseTrainLabel, mseTrainNearest, mseTestLabel, mseTestNearest,
                supervised ? mseTrainLabel : mseTrainNearest, mseLastEpoch);
        var perplexity = new SvqVaeMetrics.Perplexity(pplTrainLabel, pplTrainNearest, pplTestLabel, pplTestNearest,
                supervised ? pplTrainLabel : pplTrainNearest, pplLastEpoch);
        var fileNames = new SvqVaeMetrics.Files(files.decodedCodes(), files.frequency(), files.distances(), files.graph(),
                files.generated(), historyCopy);
        return new SvqVaeMetrics.Model(model.kind().id(), model.kind().label(), model.architecture().label(), kCodes,
                model.codeNames(), dim, model.descriptor().settings(), model.descriptor().summary(), mse, perplexity,
                accuracy, pairs, graphMetrics, generation, epochs, fileNames);
    }

    static int[] rowsOf(int[] group, int c) {
        int n = 0;
        for (int g : group) {
            if (g == c) {
                n++;
            }
        }
        int[] rows = new int[n];
        int i = 0;
        for (int r = 0; r < group.length; r++) {
            if (group[r] == c) {
                rows[i++] = r;
            }
        }
        return rows;
    }

    private static void writeMatrix(Path file, List<String> features, List<String> ids, List<String> labels, float[] x,
            Map<String, String> metadata) {
        List<ObsColumn> obs = labels == null ? List.of() : List.of(ObsColumn.utf8(LabelledData.LABEL));
        ArrowMatrixWriter w = new ArrowMatrixWriter(file, features, obs, metadata);
        try {
            for (int i = 0; i < ids.size(); i++) {
                w.write(ids.get(i), labels == null ? List.of() : List.of(labels.get(i)), x, i * features.size());
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    /** Wide TSV: split, class, rows, then the count of every code. */
    private static void writeFrequency(Path file, List<String> classes, List<String> codes, long[][] train, long[][] test) {
        StringBuilder sb = new StringBuilder("split\tclass\trows");
        for (String c : codes) {
            sb.append('\t').append(tsv(c));
        }
        sb.append('\n');
        for (int s = 0; s < 2; s++) {
            long[][] f = s == 0 ? train : test;
            for (int c = 0; c < classes.size(); c++) {
                long total = 0;
                for (long v : f[c]) {
                    total += v;
                }
                sb.append(s == 0 ? "train" : "test").append('\t').append(tsv(classes.get(c))).append('\t').append(total);
                for (long v : f[c]) {
                    sb.append('\t').append(v);
                }
                sb.append('\n');
            }
        }
        AtomicFile.writeString(file, sb.toString());
    }

    private static void writeDistances(Path file, List<String> codes, double[][] d) {
        StringBuilder sb = new StringBuilder("code");
        for (String c : codes) {
            sb.append('\t').append(tsv(c));
        }
        sb.append('\n');
        for (int i = 0; i < codes.size(); i++) {
            sb.append(tsv(codes.get(i)));
            for (int j = 0; j < codes.size(); j++) {
                sb.append('\t').append(String.format(Locale.ROOT, "%.6f", d[i][j]));
            }
            sb.append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    private static void writeGraph(Path file, List<String> codes, CodeGraph g, double[][] d) {
        StringBuilder sb = new StringBuilder("code\tnearest_partner\tdistance\tcommunity\n");
        for (int i = 0; i < codes.size(); i++) {
            int j = g.partner()[i];
            sb.append(tsv(codes.get(i))).append('\t').append(j < 0 ? "" : tsv(codes.get(j))).append('\t')
                    .append(j < 0 ? "" : String.format(Locale.ROOT, "%.6f", d[i][j])).append('\t').append(g.community()[i])
                    .append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    /** Class names may hold anything but tabs and newlines in a TSV cell. */
    static String tsv(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Schema metadata of the analysis matrices. */
    public static Map<String, String> metadata(LabelledData train, String provenanceJson) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MatrixFile.META_PROVENANCE, provenanceJson);
        m.put(LabelledData.META_DATASET, train.dataset());
        if (train.imageShape() != null) {
            m.put(LabelledData.META_IMAGE_SHAPE, Json.compact(train.imageShape()));
        }
        return m;
    }
}
