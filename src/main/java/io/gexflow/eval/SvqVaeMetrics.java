package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.provenance.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json} of {@code gexflow evaluate-svqvae} (S-VQ-VAE and VQ-VAE on LINCS or MNIST), the
 * report's input; written as {@link MetricsJson} says, the file the hand-built maps gave before these
 * records. A component marked NON_NULL is absent from the file when null (e.g. the label-code numbers of an unsupervised VQ-VAE).
 *
 * @param classes     the class names, in label order
 * @param imageShape  rows and columns of an image (MNIST); absent for expression profiles
 * @param scale       what the MSEs are measured on
 * @param definitions what each number means, by key ({@link #DEFINITIONS})
 * @param models      by the {@code --model} name
 */
@MetricsJson
public record SvqVaeMetrics(
        String track,
        String dataset,
        List<String> classes,
        int nTrain,
        int nTest,
        int nFeatures,
        @JsonInclude(JsonInclude.Include.NON_NULL) int[] imageShape,
        String scale,
        Map<String, String> definitions,
        Map<String, Model> models,
        Provenance provenance) {

    public static final String TRACK = "svqvae";

    /** The metric definitions written with every evaluation. */
    public static final Map<String, String> DEFINITIONS = standardDefinitions();

    private static Map<String, String> standardDefinitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("mse.train", "the training forward pass: label code (S-VQ-VAE) or nearest code (VQ-VAE), model after the last epoch");
        d.put("mse.*_label_code", "x against d(e_y), y the sample's label (the reference notebook's test loss)");
        d.put("mse.*_nearest_code", "x against d(e_k), k = argmin_j ||z_e(x) - e_j|| (the paper's text for test inputs)");
        d.put("mse.train_last_epoch", "mean of the minibatch MSEs in the last training epoch (what the reference code prints)");
        d.put("perplexity", "exp(-sum_k p_k log(p_k + 1e-10)), p_k the fraction of rows assigned to code k");
        d.put("perplexity.*_label_assignment", "rows assigned to their label's code (what the reference S-VQ-VAE reports)");
        d.put("perplexity.*_nearest_code", "rows assigned to their nearest code (what the reference VQ-VAE reports)");
        d.put("perplexity.train_as_reference", "the reference code's kind for the model: label for S-VQ-VAE, nearest for VQ-VAE");
        d.put("perplexity.train_last_epoch", "that kind, averaged over the last epoch's minibatches (as the reference prints it)");
        d.put("accuracy.*_nearest_code", "class predicted as the nearest code's class (S-VQ-VAE)");
        d.put("accuracy.*_majority_code", "class predicted as the majority training class of the nearest code");
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * One evaluated model.
     *
     * @param model        the kind's id ({@code svqvae} or {@code vqvae})
     * @param architecture the network's label
     * @param settings     its model.json settings, as written there
     * @param summary      its model.json summary, as written there
     * @param closestPairs the closest pairs of codes (Euclidean)
     * @param epochs       epochs of its training history; absent without one
     */
    @MetricsJson
    public record Model(
            String model,
            String label,
            String architecture,
            int codes,
            List<String> codeNames,
            int latentDim,
            Map<String, Object> settings,
            Map<String, Object> summary,
            Mse mse,
            Perplexity perplexity,
            Accuracy accuracy,
            List<Pair> closestPairs,
            Graph graph,
            Generation generation,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer epochs,
            Files files) {}

    /** Reconstruction MSEs; the label-code ones for S-VQ-VAE only, the last epoch's with a history only. */
    @MetricsJson
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mse(Double trainLabelCode, double trainNearestCode, Double testLabelCode, double testNearestCode,
            double train, Double trainLastEpoch) {}

    /** Code-use perplexities; the last epoch's with a history only. */
    @MetricsJson
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Perplexity(double trainLabelAssignment, double trainNearestCode, double testLabelAssignment,
            double testNearestCode, double trainAsReference, Double trainLastEpoch) {}

    /** Classification accuracies; the nearest-code ones for S-VQ-VAE only. */
    @MetricsJson
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accuracy(Double trainNearestCode, Double testNearestCode, double trainMajorityCode,
            double testMajorityCode, double chance) {}

    /** Two codes (by name) and their Euclidean distance. */
    @MetricsJson
    public record Pair(String a, String b, double distance) {}

    /** The nearest-partner graph of the codes and its Louvain communities. */
    @MetricsJson
    public record Graph(List<List<String>> communities, double modularity, int edges, String method) {}

    /** Samples generated around each code. */
    @MetricsJson
    public record Generation(List<CodeSamples> perCode, String sampler, String groups) {}

    /** One code's generated samples; no covariance when it had fewer than two training rows (then none generated). */
    @MetricsJson
    public record CodeSamples(String code, int trainingRows, int generated,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double covarianceTrace) {}

    /** The analysis files beside metrics.json; the history copy only when the model has one. */
    @MetricsJson
    public record Files(String decodedCodes, String codeFrequency, String codeDistances, String codeGraph,
            String generated, @JsonInclude(JsonInclude.Include.NON_NULL) String history) {}
}
