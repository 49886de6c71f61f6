package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam with the AMSGrad variant (Reddi et al. 2018), which DJL's {@code Adam} lacks; the reference code
 * trains with {@code torch.optim.Adam(amsgrad=True)}. For step t and gradient g, as PyTorch computes it:
 *
 * <pre>
 * m = b1 m + (1 - b1) g
 * v = b2 v + (1 - b2) g^2
 * v_max = max(v_max, v)
 * w = w - lr / (1 - b1^t) * m / (sqrt(v_max) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * No weight decay. Like DJL's own optimizers, the update zeroes the gradient afterwards.
 */
public final class AmsGrad extends Optimizer {
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray[]> state = new HashMap<>();

    private AmsGrad(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    public float learningRate() {
        return learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        NDArray[] s = state.computeIfAbsent(parameterId,
                id -> new NDArray[] {weight.zerosLike(), weight.zerosLike(), weight.zerosLike()});
        NDArray m = s[0];
        NDArray v = s[1];
        // temporaries are updated in place where DJL allows it: 5 fresh arrays a step, not 9 (LINCS has 2M weights)
        try (NDScope scope = new NDScope()) {
            m.muli(beta1).addi(grad.mul(1f - beta1));
            v.muli(beta2).addi(grad.square().muli(1f - beta2));
            NDArray vMax = s[2].maximum(v);
            NDScope.unregister(vMax);
            s[2].close();
            s[2] = vMax;
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            NDArray denom = vMax.sqrt().divi((float) Math.sqrt(bc2)).addi(epsilon);
            weight.subi(m.div(denom).muli((float) (learningRate / bc1)));
            grad.subi(grad);
        }
    }

    /** Builder: learning rate (required), betas (0.9, 0.999) and eps 1e-8 as PyTorch's defaults. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float learningRate = Float.NaN;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        public Builder optLearningRate(float lr) {
            this.learningRate = lr;
            return this;
        }

        public Builder optBeta1(float b) {
            this.beta1 = b;
            return this;
        }

        public Builder optBeta2(float b) {
            this.beta2 = b;
            return this;
        }

        public Builder optEpsilon(float e) {
            this.epsilon = e;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public AmsGrad build() {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            }
            return new AmsGrad(this);
        }
    }
}
