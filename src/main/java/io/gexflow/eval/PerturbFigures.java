package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code figures.json} of {@code gexflow evaluate-perturb}: what the report's figures draw, so that the report reads
 * files of measured values only (no model classes): per run, the data and model ATEs it scored (every gene when
 * conditions x genes is at most {@value #ALL_GENES_LIMIT}, else each condition's top 20 genes by |data ATE|), the
 * estimated target graph beside the simulation's true one, and the training history.
 *
 * @param ateGenes {@code all} or {@code top20}: which genes the ATE points hold
 * @param runs     by the {@code --model} name (and {@code additive})
 */
@MetricsJson
public record PerturbFigures(String ateGenes, Map<String, Run> runs) {
    public static final String FILE = "figures.json";
    public static final int ALL_GENES_LIMIT = 20_000;

    /**
     * @param ateData  data ATE of each plotted (condition, gene)
     * @param ateModel the run's model ATE at the same points
     * @param graph    simulations, models with mask probabilities: the target graph
     * @param history  the run's training history (history.json of its model directory)
     */
    @MetricsJson
    public record Run(@JsonInclude(JsonInclude.Include.NON_NULL) double[] ateData,
            @JsonInclude(JsonInclude.Include.NON_NULL) double[] ateModel,
            @JsonInclude(JsonInclude.Include.NON_NULL) Graph graph,
            @JsonInclude(JsonInclude.Include.NON_NULL) History history) {}

    /**
     * The true target graph of a simulation beside a model's mask probabilities, its latents matched to the true ones
     * (Hungarian, as the target F1).
     *
     * @param treatments the rows
     * @param truth      1 where the treatment shifts the true latent (treatments x true latents)
     * @param estimate   sigmoid(mask logits) of the inferred latent matched to each true latent (NaN: none matched)
     */
    @MetricsJson
    public record Graph(List<String> treatments, int[][] truth, double[][] estimate) {}
}
