package io.gexflow.models.dgex;

/**
 * The D-GEX network shape (spec dgex.md, "Model"): {@code hiddenLayers} tanh layers of
 * {@code hiddenUnits} units, inverted dropout at {@code dropout} on every hidden layer's output, then
 * a linear output layer.
 */
public record DgexArchitecture(int hiddenLayers, int hiddenUnits, double dropout) {
    public DgexArchitecture {
        if (hiddenLayers < 1) {
            throw new IllegalArgumentException("hidden layers must be >= 1, got " + hiddenLayers);
        }
        if (hiddenUnits < 1) {
            throw new IllegalArgumentException("hidden units must be >= 1, got " + hiddenUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** The paper's base learning rate: 5e-4 with one hidden layer, 3e-4 with two or three. */
    public double paperLearningRate() {
        return hiddenLayers == 1 ? 5e-4 : 3e-4;
    }

    public String label() {
        return String.format(java.util.Locale.ROOT, "D-GEX %dx%d, %d%% dropout", hiddenLayers, hiddenUnits,
                Math.round(dropout * 100));
    }
}
