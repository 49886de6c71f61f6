package io.gexflow.models.svqvae;

/**
 * Hyperparameters of one training run. The paper's (spec svqvae.md): beta 0.25, gamma 0.1, Adam with
 * AMSGrad; MNIST 25 epochs, batch 256, lr 1e-3; LINCS 1,200 epochs, batch 128, lr 1e-4.
 */
public record SvqVaeSettings(
        SvqModelKind kind,
        SvqArchitecture architecture,
        int codes,
        int epochs,
        int batchSize,
        double learningRate,
        double beta,
        double gamma,
        long seed) {
    public static final double PAPER_BETA = 0.25;
    public static final double PAPER_GAMMA = 0.1;

    public SvqVaeSettings {
        if (codes < 1) {
            throw new IllegalArgumentException("codes must be >= 1, got " + codes);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(beta >= 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException("beta and gamma must be >= 0");
        }
    }

    public static int paperEpochs(SvqArchitecture a) {
        return a == SvqArchitecture.MNIST ? 25 : 1200;
    }

    public static int paperBatchSize(SvqArchitecture a) {
        return a == SvqArchitecture.MNIST ? 256 : 128;
    }

    public static double paperLearningRate(SvqArchitecture a) {
        return a == SvqArchitecture.MNIST ? 1e-3 : 1e-4;
    }
}
