package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.eval.perturb.SeedSummary;
import io.gexflow.provenance.Provenance;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json} of {@code gexflow evaluate-perturb} (the perturbation track, spec perturbation.md
 * "Metrics"): every model and the additive baseline on the held-out cells of one counts file; the report's input.
 *
 * @param track           always {@code perturb}
 * @param dataset         the data's name (its directory, or the file's name without .arrow)
 * @param simulation      {@code svae} or {@code samsvae} when the data is a simulation (then the recovery values)
 * @param nTrainCells     cells of the training split (the additive baseline's fit)
 * @param nTestCells      held-out cells (IWELBO)
 * @param nGenes          genes
 * @param nTreatments     columns of the dosage matrix
 * @param testConditions  the conditions (single treatments and combinations) of the held-out cells
 * @param definitions     what each number means
 * @param models          by the {@code --model} name; the additive baseline as {@code additive}
 * @param summary         per model (runs {@code NAME_seedN} grouped as {@code NAME}): each number's mean and standard
 *                        deviation over seeds ({@link SeedSummary})
 */
@MetricsJson
public record PerturbMetrics(
        String track,
        String dataset,
        @JsonInclude(JsonInclude.Include.NON_NULL) String simulation,
        int nTrainCells,
        int nTestCells,
        int nGenes,
        int nTreatments,
        List<String> testConditions,
        Settings settings,
        Map<String, String> definitions,
        Map<String, Model> models,
        Map<String, SeedSummary> summary,
        Provenance provenance) {

    public static final String TRACK = "perturb";
    public static final String ADDITIVE = "additive";

    public static final Map<String, String> DEFINITIONS = Map.of(
            "iwelbo", "held-out IWELBO (nats per cell): global variables drawn K times from the guide, shared across cells; "
                    + "mean over test cells of logsumexp_k log w_ik - log K",
            "ate", "ATE of a condition: mean over its cells (all cells of the file) of log2(1e4 x / sum x + 1) minus the same mean over controls; "
                    + "model ATE from samples at a fixed library size; Pearson r and R^2 (data as truth) over conditions x genes; "
                    + "per treatment set: all conditions, and those with cells in the train / val / test split",
            "ate_top20", "the same over each condition's 20 genes of largest |data ATE|",
            "recovery", "simulations: MCC = mean |correlation| of Hungarian-matched true and inferred latents (all cells); "
                    + "latent R^2 of each true latent on all inferred ones; target graph precision/recall/F1 with the "
                    + "estimated graph sigmoid(mask logits) > 0.5 (models without masks: each treatment's top-2 latents by |mean effect|); "
                    + "target_f1_oracle (models without masks): the F1 of the estimated graph |mean effect| >= t at the t that "
                    + "maximises it, with the same matching: t is chosen with the truth, so it bounds every single threshold on the effects",
            "transfer", "sVAE family: held-out interventions (no training cells, more than 10 held-out cells) get new embeddings "
                    + "fitted on the frozen networks; ELBO and IWELBO (importance samples from q(z|x)) per cell, averaged per "
                    + "intervention, then over interventions (nats)",
            "summary", "runs NAME_seedN are seeds of one model NAME: per number the mean and the sample standard deviation "
                    + "(n - 1) over the runs that define it, and each run's value");

    /** The evaluation's sampling settings. */
    @MetricsJson
    public record Settings(int iwelboParticles, int ateSamples, double ateLibrary, int ateGlobalDraws, long seed) {}

    /**
     * One evaluated model.
     *
     * @param kind      {@code samsvae} (a trained model of the family) or {@code baseline}
     * @param type      samsvae, cpavae, cvae, or additive
     * @param guide     meanfield / correlated (trained models only)
     * @param iwelbo    trained models only
     * @param bestEpoch trained models only: the kept epoch
     * @param ate       agreement of model and data ATEs per treatment set: {@code all} conditions of the file, and
     *                  the {@code train}, {@code val} and {@code test} conditions (those with cells in that split;
     *                  a set without conditions is absent); SAMS-VAE family, additive baseline, and sVAE variants with
     *                  interventions (their generative model's effects)
     * @param recovery  simulations and trained models only
     * @param transfer  sVAE-family models given a transfer-svae result: held-out evidence after the transfer protocol
     * @param seed      trained models: the training seed (model.json's provenance)
     */
    @MetricsJson
    public record Model(
            String kind,
            String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String guide,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double iwelbo,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer bestEpoch,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Ate> ate,
            @JsonInclude(JsonInclude.Include.NON_NULL) Recovery recovery,
            @JsonInclude(JsonInclude.Include.NON_NULL) Transfer transfer,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long seed) {

        /** This model with a transfer result. */
        public Model withTransfer(Transfer t) {
            return new Model(kind, type, guide, iwelbo, bestEpoch, ate, recovery, t, seed);
        }
    }

    /**
     * Held-out evidence of an sVAE-family model on interventions it never saw (transfer-svae's transfer.json).
     *
     * @param elbo          mean over held-out interventions of their cells' mean ELBO (nats); absent when none was held out
     * @param iwelbo        the same for the IWELBO
     * @param interventions held-out interventions scored
     * @param cells         their cells
     * @param samples       importance samples per cell
     * @param none          why nothing was scored (the data hold no held-out intervention); absent otherwise
     */
    @MetricsJson
    public record Transfer(
            @JsonInclude(JsonInclude.Include.NON_NULL) Double elbo,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double iwelbo,
            int interventions,
            int cells,
            int samples,
            @JsonInclude(JsonInclude.Include.NON_NULL) String none) {}

    /** ATE agreement over all genes and over the top-20 genes per condition. */
    @MetricsJson
    public record Ate(double pearson, double r2, double pearsonTop20, double r2Top20, int conditions) {}

    /**
     * Latent and target-graph recovery on a simulation.
     *
     * @param targetF1 absent (with precision and recall) for the conditional VAE, which has no per-treatment latent effects
     * @param targetF1Oracle models without masks (CPA-VAE, iVAE, VAE): the target F1 of the best single threshold on
     *     |mean effect| (the threshold chosen with the truth: an upper bound on every single threshold on the effects;
     *     the per-treatment top-2 rule is another kind of rule and can score above it); absent for models with masks
     *     and the conditional VAE
     * @param targetOracleThreshold that threshold on |mean effect|
     */
    @MetricsJson
    public record Recovery(
            double mccPearson,
            double mccSpearman,
            double latentR2,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double targetPrecision,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double targetRecall,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double targetF1,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double targetF1Oracle,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double targetOracleThreshold) {

        /** Recovery without the oracle threshold (a model with masks, or none defined). */
        public Recovery(double mccPearson, double mccSpearman, double latentR2, Double targetPrecision, Double targetRecall,
                Double targetF1) {
            this(mccPearson, mccSpearman, latentR2, targetPrecision, targetRecall, targetF1, null, null);
        }
    }
}
