package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} computes it, with L2 weight decay (added to the gradient) and
 * clipping of the global gradient norm as {@code torch.nn.utils.clip_grad_norm_} (the reference configs'
 * {@code gradient_clip_val}). For step t:
 *
 * <pre>
 * g = clip(g) + wd w;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
 * w = w - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * The gradients are zeroed after the step.
 */
public final class Adam {
    private final List<Parameter> parameters;
    private final float learningRate;
    private final float weightDecay;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final List<NDArray[]> state = new ArrayList<>();
    private int step;

    public Adam(List<Parameter> parameters, double learningRate, double weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
    }

    /**
     * Scales the gradients so that their global L2 norm is at most {@code maxNorm} (no clipping when
     * {@code maxNorm <= 0}); returns the norm before clipping.
     */
    public double clipGradientNorm(double maxNorm) {
        double sq = 0;
        for (Parameter p : parameters) {
            try (NDArray s = p.getArray().getGradient().square().sum()) {
                sq += s.getFloat();
            }
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Parameter p : parameters) {
                p.getArray().getGradient().muli(scale);
            }
        }
        return norm;
    }

    /** One step over every parameter, then the gradients are zeroed. */
    public void step() {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray grad = w.getGradient();
            if (state.size() <= i) {
                NDArray[] mv = {w.zerosLike(), w.zerosLike()};
                NDScope.unregister(mv); // the optimiser's state outlives any scope the caller has open
                state.add(mv);
            }
            NDArray m = state.get(i)[0];
            NDArray v = state.get(i)[1];
            try (NDScope scope = new NDScope()) {
                NDArray g = weightDecay == 0 ? grad : grad.add(w.mul(weightDecay));
                m.muli(beta1).addi(g.mul(1f - beta1));
                v.muli(beta2).addi(g.square().muli(1f - beta2));
                NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi(epsilon);
                w.subi(m.div(denom).muli((float) (learningRate / bc1)));
                grad.subi(grad);
            }
        }
    }

    public int steps() {
        return step;
    }
}
