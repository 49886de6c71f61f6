package io.gexflow.models.dgex;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Minibatch SGD with momentum, the D-GEX reference protocol's optimiser (no weight decay):
 * <pre>
 *   v_p &lt;- momentum * v_p + lr_p * g_p        (v_p starts at 0)
 *   w_p &lt;- w_p - v_p
 * </pre>
 * with {@code lr_p} the base rate times the parameter's multiplier ({@link ScaledLearningRate}). It is the
 * update DJL's SGD computes (with its defaults: no rescaling, clipping or decay), in the same float32
 * operations, so a seeded run gives the same weights bit for bit; it saves the two gradient copies and
 * the decay pass DJL's native update makes per parameter and step. Like DJL's, it zeroes the gradient
 * afterwards.
 */
public final class MomentumSgd extends Optimizer {
    private final ParameterTracker rate;
    private final float momentum;
    private final Map<String, NDArray> velocity = new ConcurrentHashMap<>();

    public MomentumSgd(ParameterTracker rate, float momentum) {
        super(new Builder());
        this.rate = rate;
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = rate.getNewValue(parameterId, updateCount(parameterId));
        NDArray v = velocity.computeIfAbsent(parameterId, k -> weight.zerosLike());
        // every operation in place: the gradient is scaled where it is (it is zeroed below anyway), so no
        // parameter-sized array is allocated per step (a fresh one per step was a fifth of D-GEX's native time)
        v.muli(momentum).addi(grad.muli(lr));
        weight.subi(v);
        // as DJL's update does, the gradient is zeroed for the next batch (its backward accumulates into it)
        grad.subi(grad);
    }

    /** Only to satisfy {@link Optimizer}'s constructor: the rate and momentum are this class's own. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
