package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.provenance.Provenance;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json} of {@code gexflow evaluate} (the D-GEX track: models that predict the target
 * genes from the landmarks, scored on one test split), the report's input; written as
 * {@link MetricsJson} says, the file the hand-built maps gave before these records.
 *
 * @param track        always {@code dgex}
 * @param scale        what the errors are measured on
 * @param convert      what CONVERT matched, lost and dropped for the test data (from the split's schema
 *                     metadata); absent when the split carries none
 * @param models       by the {@code --model} name
 * @param comparisons  each model against the baseline (empty without one)
 */
@MetricsJson
public record RegressionMetrics(
        String track,
        String dataset,
        String testSet,
        String scale,
        int nTestSamples,
        int nLandmarks,
        int nTargets,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode convert,
        Map<String, Model> models,
        List<Comparison> comparisons,
        Provenance provenance) {

    public static final String TRACK = "dgex";

    /**
     * One evaluated model.
     *
     * @param kind         {@code dgex} or {@code baseline}
     * @param overallMae   mean over target genes of the per-gene MAE (the paper's overall error)
     * @param sdMae        standard deviation of the per-gene MAEs
     * @param perGeneMae   the TSV (beside metrics.json) of each gene's MAE
     * @param architecture D-GEX only
     * @param bestEpoch    D-GEX only: the kept epoch
     * @param history      D-GEX only, when the model has one: its training history's copy beside metrics.json
     */
    @MetricsJson
    public record Model(
            String label,
            String kind,
            String type,
            double overallMae,
            double sdMae,
            String perGeneMae,
            @JsonInclude(JsonInclude.Include.NON_NULL) Architecture architecture,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer bestEpoch,
            @JsonInclude(JsonInclude.Include.NON_NULL) String history) {

        /** A baseline (no architecture, epoch or history). */
        public static Model baseline(String label, String type, double overallMae, double sdMae, String perGeneMae) {
            return new Model(label, "baseline", type, overallMae, sdMae, perGeneMae, null, null, null);
        }
    }

    /** A D-GEX network's shape, as its {@code model.json} settings give it. */
    @MetricsJson
    public record Architecture(int hiddenLayers, int hiddenUnits, double dropout) {}

    /**
     * A model against the baseline.
     *
     * @param relativeImprovement   (baseline MAE - model MAE) / baseline MAE, {@link GeneErrors#relativeImprovement}
     * @param fractionGenesImproved share of target genes with a lower MAE than the baseline's
     */
    @MetricsJson
    public record Comparison(String model, String baseline, double relativeImprovement, double fractionGenesImproved) {}
}
