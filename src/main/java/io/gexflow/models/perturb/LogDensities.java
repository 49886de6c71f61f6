package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * Element-wise log-densities and reparameterised samples of the perturbation models, as DJL arrays that
 * keep the autograd graph (DJL 0.32's PyTorch engine has {@code gammaln}, {@code softPlus} and
 * {@code sigmoid}; {@link #logSumExp} is written here because {@code NDArray} has none). Every function
 * broadcasts its arguments the way PyTorch does and sums nothing: callers sum over genes or latents.
 */
public final class LogDensities {
    /** log(2 pi) / 2. */
    public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** Added inside the logarithms of the negative binomial (as scVI does) so that mu = 0 gives a finite value. */
    public static final float NB_EPS = 1e-8f;

    private LogDensities() {}

    /**
     * Negative binomial with mean {@code mu} and inverse dispersion {@code theta} (variance mu + mu^2/theta):
     *
     * <pre>
     * log NB(x; mu, theta) = log Gamma(x + theta) - log Gamma(theta) - log Gamma(x + 1)
     *                        + theta log(theta / (theta + mu)) + x log(mu / (theta + mu))
     * </pre>
     *
     * computed as theta (log theta - log(theta + mu)) + x (log mu - log(theta + mu)) with {@link #NB_EPS}
     * inside each logarithm.
     */
    public static NDArray negativeBinomial(NDArray x, NDArray mu, NDArray theta) {
        NDArray logThetaMu = theta.add(mu).add(NB_EPS).log();
        NDArray a = theta.mul(theta.add(NB_EPS).log().sub(logThetaMu));
        NDArray b = x.mul(mu.add(NB_EPS).log().sub(logThetaMu));
        NDArray g = x.add(theta).gammaln().sub(theta.gammaln()).sub(x.add(1f).gammaln());
        return g.add(a).add(b);
    }

    /** Normal: log N(x; loc, scale) = -(x - loc)^2 / (2 scale^2) - log scale - log(2 pi) / 2. */
    public static NDArray normal(NDArray x, NDArray loc, NDArray scale) {
        NDArray z = x.sub(loc).div(scale);
        return Scalars.times(z.square(), -0.5).sub(scale.log()).sub((float) HALF_LOG_TWO_PI);
    }

    /** Standard normal: log N(x; 0, 1) = -x^2 / 2 - log(2 pi) / 2. */
    public static NDArray standardNormal(NDArray x) {
        return Scalars.times(x.square(), -0.5).sub((float) HALF_LOG_TWO_PI);
    }

    /**
     * Bernoulli from logits l: log p(x) = x log sigmoid(l) + (1 - x) log sigmoid(-l) = x l - softplus(l)
     * (softplus(l) = log(1 + e^l), PyTorch's stable form).
     */
    public static NDArray bernoulliLogits(NDArray x, NDArray logits) {
        return x.mul(logits).sub(Activation.softPlus(logits));
    }

    /**
     * Bernoulli with a fixed probability p: log p(x) = x log p + (1 - x) log(1 - p).
     */
    public static NDArray bernoulli(NDArray x, double p) {
        return Scalars.times(x, Math.log(p) - Math.log1p(-p)).add((float) Math.log1p(-p));
    }

    /**
     * A straight-through relaxed Bernoulli sample (the binary Concrete / Gumbel-sigmoid): with logistic
     * noise n = log u - log(1 - u) from uniforms u, the relaxed value is s = sigmoid((l + n) / temperature);
     * the forward value is the hard sample h = 1[s > 0.5] and the gradient is the relaxed one, by
     * returning h + s - stopgrad(s) (d/dl = s (1 - s) / temperature).
     *
     * @param uniforms U(0, 1) draws of the logits' shape (clamped to [1e-6, 1 - 1e-6])
     */
    public static NDArray relaxedBernoulliStraightThrough(NDArray logits, NDArray uniforms, float temperature) {
        NDArray u = uniforms.clip(1e-6f, 1f - 1e-6f);
        NDArray noise = u.log().sub(u.mul(-1f).add(1f).log());
        // noise first: the sum (and the constant) belong to the draws' (batch) manager, not to a parameter's
        NDArray soft = Activation.sigmoid(Scalars.times(noise.add(logits), 1.0 / temperature));
        NDArray hard = soft.stopGradient().gt(0.5f).toType(DataType.FLOAT32, false);
        return soft.sub(soft.stopGradient()).add(hard);
    }

    /** log sum_i exp(x_i) along {@code axis}, stabilised by the (gradient-free) maximum. */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray m = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {axis}).log().add(m.squeeze(axis));
    }
}
