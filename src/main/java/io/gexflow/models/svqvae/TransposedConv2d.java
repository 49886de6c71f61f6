package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code ConvTranspose2d(in, out, kernel, stride)} (no padding, no groups), which DJL's
 * PyTorch engine does not implement ({@code Conv2dTranspose} throws "Not implemented"). Weight layout
 * as PyTorch's, (in, out, k, k); the definition:
 *
 * <pre>
 * y[n, o, i*s + a, j*s + b] += x[n, c, i, j] * w[c, o, a, b]   (summed over c, i, j, a, b), then + bias[o]
 * </pre>
 *
 * giving (H - 1) s + k rows. Built from differentiable DJL operations:
 * <ul>
 *   <li>stride = kernel (the patches do not overlap, the MNIST decoder's first layer): one matrix
 *       product of the pixels (N H W, in) with w as (in, out k k), then the patches put in place by a
 *       reshape and a transpose;</li>
 *   <li>otherwise ("col2im"): one matrix product gives every pixel's contribution for every kernel
 *       offset (a, b); each offset's slab is spread to stride s (s - 1 zeros between pixels), padded into
 *       place and the slabs are summed.</li>
 * </ul>
 * Neither route calls the engine's convolution kernels: see {@link GemmConv2d} for why.
 */
public final class TransposedConv2d extends KernelBlock {
    public TransposedConv2d(int inChannels, int outChannels, int kernel, int stride) {
        super(inChannels, outChannels, kernel, stride, new Shape(inChannels, outChannels, kernel, kernel));
    }

    @Override
    protected NDArray apply(NDArray x, NDArray w, NDArray b) {
        return apply(x, w, b, kernel, stride);
    }

    /** The transposed convolution of x (N, in, H, W) with w (in, out, k, k) and b (out). */
    public static NDArray apply(NDArray x, NDArray w, NDArray b, int k, int s) {
        Shape xs = x.getShape();
        long n = xs.get(0);
        long c = xs.get(1);
        long h = xs.get(2);
        long wd = xs.get(3);
        long o = w.getShape().get(1);
        NDArray y;
        if (s == k) {
            y = x.transpose(0, 2, 3, 1).reshape(n * h * wd, c).matMul(w.reshape(c, o * k * k))
                    .reshape(n, h, wd, o, k, k).transpose(0, 3, 1, 4, 2, 5).reshape(n, o, h * k, wd * k);
        } else {
            // col2im: z[n, (o, a, b), (i, j)] = sum_c w[c, o, a, b] x[n, c, i, j], then each kernel offset's
            // slab of z goes to rows i*s + a and columns j*s + b of the output, and the slabs add up
            NDArray z = x.transpose(0, 2, 3, 1).reshape(n * h * wd, c).matMul(w.reshape(c, o * k * k))
                    .reshape(n, h, wd, o, k, k);
            y = null;
            for (int a = 0; a < k; a++) {
                for (int bb = 0; bb < k; bb++) {
                    NDArray slab = z.get(new NDIndex(":, :, :, :, {}, {}", a, bb)).transpose(0, 3, 1, 2);
                    if (s > 1) {
                        slab = insertZeros(slab, s);
                    }
                    NDArray placed = slab.pad(new Shape(bb, k - 1 - bb, a, k - 1 - a), 0);
                    y = y == null ? placed : y.add(placed);
                }
            }
        }
        return y.add(b.reshape(1, o, 1, 1));
    }

    /** (N, C, H, W) -> (N, C, (H-1)s+1, (W-1)s+1) with s - 1 zeros between neighbouring pixels. */
    static NDArray insertZeros(NDArray x, int s) {
        Shape xs = x.getShape();
        long n = xs.get(0);
        long c = xs.get(1);
        long h = xs.get(2);
        long w = xs.get(3);
        NDManager m = x.getManager();
        NDArray a = x.reshape(n, c, h, 1, w, 1);
        a = a.concat(m.zeros(new Shape(n, c, h, s - 1, w, 1), x.getDataType()), 3);
        a = a.concat(m.zeros(new Shape(n, c, h, s, w, s - 1), x.getDataType()), 5);
        return a.reshape(n, c, h * s, w * s).get(new NDIndex(":, :, :{}, :{}", (h - 1) * s + 1, (w - 1) * s + 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, (in.get(2) - 1) * stride + kernel,
                (in.get(3) - 1) * stride + kernel)};
    }
}
