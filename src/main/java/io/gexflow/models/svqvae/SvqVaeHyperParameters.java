package io.gexflow.models.svqvae;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * S-VQ-VAE/VQ-VAE hyper-parameters as {@code model.json} records them ({@code settings}; the data set,
 * latent size, code names and optimiser text beside them are facts of the trained model, not bound here).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SvqVaeHyperParameters(
        String model,
        String architecture,
        int codes,
        int epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("learning_rate") double learningRate,
        double beta,
        double gamma,
        long seed) {

    public static SvqVaeHyperParameters of(SvqVaeSettings s) {
        return new SvqVaeHyperParameters(s.kind().id(), s.architecture().name().toLowerCase(Locale.ROOT), s.codes(),
                s.epochs(), s.batchSize(), s.learningRate(), s.beta(), s.gamma(), s.seed());
    }

    public SvqVaeSettings settings() {
        return new SvqVaeSettings(SvqModelKind.of(model), SvqArchitecture.valueOf(architecture.toUpperCase(Locale.ROOT)),
                codes, epochs, batchSize, learningRate, beta, gamma, seed);
    }
}
