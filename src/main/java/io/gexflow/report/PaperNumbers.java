package io.gexflow.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The D-GEX paper's reported numbers (Chen et al. 2016, Tables 1 and 2), loaded from the resource
 * {@code io/gexflow/report/dgex_paper.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaperNumbers(
        @JsonProperty("citation") String citation,
        @JsonProperty("metric") String metric,
        @JsonProperty("test_sets") List<TestSet> testSets) {

    public static final String RESOURCE = "dgex_paper.json";

    /** One test set's table: D-GEX grid, baselines and the headline comparisons. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TestSet(
            @JsonProperty("test_set") String testSet,
            @JsonProperty("table") String table,
            @JsonProperty("description") String description,
            @JsonProperty("dropout") double dropout,
            @JsonProperty("layers") List<Integer> layers,
            @JsonProperty("hidden_units") List<Integer> hiddenUnits,
            @JsonProperty("dgex") List<Cell> dgex,
            @JsonProperty("baselines") List<Baseline> baselines,
            @JsonProperty("headlines") List<Headline> headlines) {

        /** The D-GEX cell for an architecture, if the paper's grid has it. */
        public Optional<Cell> cell(int hiddenLayers, int hiddenUnits) {
            return dgex.stream()
                    .filter(c -> c.hiddenLayers() == hiddenLayers && c.hiddenUnits() == hiddenUnits)
                    .findFirst();
        }

        /** The baseline with a model key ({@code lr}, {@code lr_l1}, {@code lr_l2}, {@code knn}). */
        public Optional<Baseline> baseline(String modelKey) {
            return baselines.stream().filter(b -> b.model().equals(modelKey)).findFirst();
        }
    }

    /** D-GEX with {@code hiddenLayers x hiddenUnits}: overall MAE mean and sd over genes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cell(
            @JsonProperty("hidden_layers") int hiddenLayers,
            @JsonProperty("hidden_units") int hiddenUnits,
            @JsonProperty("mean") double mean,
            @JsonProperty("sd") double sd) {}

    /** A baseline (LR, LR-L1, LR-L2, KNN-GE): overall MAE mean and sd over genes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Baseline(
            @JsonProperty("model") String model,
            @JsonProperty("label") String label,
            @JsonProperty("mean") double mean,
            @JsonProperty("sd") double sd) {}

    /** A headline comparison stated in the paper's text; the fraction may be unreported (null). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Headline(
            @JsonProperty("model") String model,
            @JsonProperty("baseline") String baseline,
            @JsonProperty("relative_improvement") double relativeImprovement,
            @JsonProperty("fraction_genes_improved") Double fractionGenesImproved) {}

    /** Loads the bundled paper numbers. */
    public static PaperNumbers load() {
        try (InputStream in = PaperNumbers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource io/gexflow/report/" + RESOURCE + " is missing from the jar");
            }
            return new ObjectMapper().readValue(in, PaperNumbers.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }

    /**
     * The paper's table for a test set name: GTEx-te when the name mentions GTEx, otherwise GEO-te
     * (Table 1), which is the paper's main benchmark.
     */
    public TestSet forTestSet(String testSet) {
        String want = testSet != null && testSet.toLowerCase(Locale.ROOT).contains("gtex") ? "GTEx-te" : "GEO-te";
        return testSets.stream()
                .filter(t -> t.testSet().equals(want))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("paper numbers have no test set " + want));
    }

    /** Whether the test set name is one of the paper's (exactly GEO-te or GTEx-te, case-insensitive). */
    public boolean isPaperTestSet(String testSet) {
        return testSets.stream().anyMatch(t -> t.testSet().equalsIgnoreCase(testSet == null ? "" : testSet.trim()));
    }
}
