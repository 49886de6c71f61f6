package io.gexflow.models.perturb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Multiplication by a constant that is safe inside a gradient collector.
 *
 * <p>DJL 0.32's PyTorch {@code NDArray.mul(Number)} and {@code div(Number)} wrap the constant in a
 * temporary array over a Java direct buffer and close it as soon as the forward op returns. PyTorch's
 * autograd keeps that tensor for the backward pass (d(a c)/da = c), but its memory belongs to the buffer,
 * which the garbage collector may free and reuse before {@code backward}: the gradient then reads whatever
 * lies there. Measured on the sVAE+ (seed 1, lr 1e-2, 500-cell simulation): with the default heap one run in
 * three got a mask-logit gradient of -1.3e33 in every entry (Adam's second moment overflowed, so the logits
 * never moved again) or NaN; with a 2 MB young generation every run differed; with no garbage collection
 * (Epsilon GC) every run was the same.
 *
 * <p>Here the constant is an array of the given manager, which keeps it (and its buffer) until the manager
 * closes; give the batch's manager, which closes after backward and the optimiser step.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code c * a}, owned by {@code owner} (the constant too). */
    public static NDArray times(NDArray a, double c, NDManager owner) {
        return owner.create((float) c).mul(a);
    }

    /** {@code c * a}, owned by {@code a}'s manager (the constant too). */
    public static NDArray times(NDArray a, double c) {
        return times(a, c, a.getManager());
    }
}
