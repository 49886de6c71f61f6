package io.gexflow.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.provenance.Provenance;
import java.util.List;

/**
 * {@code transfer.json} of {@code gexflow transfer-svae}: an sVAE-family model's held-out evidence after the transfer
 * protocol (spec perturbation.md, "sVAE+ (SpikeSlabVAE) and baselines"): new embeddings fitted for each held-out
 * intervention with more than 10 cells, then ELBO and IWELBO with {@code samples} importance samples per cell,
 * averaged over each intervention's cells, then over interventions.
 *
 * @param type          svae+, svae, ivae, vae or beta-vae
 * @param split         the held-out split whose cells were scored
 * @param trainingSplit interventions with cells in this split are not held out
 * @param interventions each scored intervention
 * @param meanElbo      mean over interventions of their mean ELBO (nats per cell); absent when none was held out
 * @param meanIwelbo    mean over interventions of their mean IWELBO (nats per cell); absent when none was held out
 * @param firstLoss     transfer loss of the first epoch (absent when nothing is fitted: vae / beta-vae, or 0 epochs)
 * @param lastLoss      transfer loss of the last epoch
 * @param none          why nothing was scored, when the data hold no held-out intervention ({@code --if-none skip});
 *                      absent otherwise
 */
@MetricsJson
public record TransferMetrics(
        String type,
        String split,
        String trainingSplit,
        int samples,
        int epochs,
        int batchSize,
        long seed,
        List<Intervention> interventions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double meanElbo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double meanIwelbo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double firstLoss,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double lastLoss,
        @JsonInclude(JsonInclude.Include.NON_NULL) String none,
        Provenance provenance) {

    public static final String FILE = "transfer.json";

    /** The result of a data set without a held-out intervention: no interventions, no bounds, and why. */
    public static TransferMetrics none(String type, String split, String trainingSplit, int samples, int epochs,
            int batchSize, long seed, String why, Provenance provenance) {
        return new TransferMetrics(type, split, trainingSplit, samples, epochs, batchSize, seed, List.of(), null, null,
                null, null, why, provenance);
    }

    /** One held-out intervention: its cells and their mean bounds (nats per cell). */
    @MetricsJson
    public record Intervention(String name, int cells, double elbo, double iwelbo) {}
}
