package io.gexflow.models.svqvae;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One epoch of training, each value the mean over the epoch's minibatches (as the reference code
 * reports them): the loss and its terms as they enter it ({@link SvqVaeLoss.Terms}), the training MSE
 * (l_r), and the codebook-usage perplexity of the batch by label assignment and by nearest-code
 * assignment. {@code perplexity} is the one the reference code prints: label assignment for S-VQ-VAE,
 * nearest code for VQ-VAE.
 */
public record SvqEpoch(
        int epoch,
        double loss,
        @JsonProperty("train_mse") double trainMse,
        @JsonProperty("codebook_term") double codebookTerm,
        @JsonProperty("commitment_term") double commitmentTerm,
        @JsonProperty("push_term") double pushTerm,
        @JsonProperty("divergence_term") double divergenceTerm,
        double perplexity,
        @JsonProperty("perplexity_label_assignment") double perplexityLabel,
        @JsonProperty("perplexity_nearest_code") double perplexityNearest,
        @JsonProperty("misassigned_fraction") double misassigned,
        double seconds) {}
