package io.gexflow.models.svqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code Conv2d(in, out, kernel, stride)} (no padding, no groups, no dilation) computed as
 * one matrix product of the unfolded input ("im2col"), with weight (out, in, k, k) and bias (out) laid
 * out as PyTorch's:
 *
 * <pre>
 * y[n, o, i, j] = bias[o] + sum over c, a, b of w[o, c, a, b] x[n, c, i*s + a, j*s + b]
 * </pre>
 *
 * <p>Why not the engine's convolution: on AMD EPYC (Zen 5, AVX-512) the oneDNN 3.5.3 kernels in
 * PyTorch 2.5.1's CPU natives ({@code jit:avx512_core}, blocked layouts whose channel counts are padded
 * to 8 or 16) return NaN for finite inputs and weights, from time to time and then deterministically
 * for that input, when they run on more than one thread: S-VQ-VAE's MNIST network went NaN within
 * its first epoch there. A slice, stack and matrix product (BLAS) avoids those kernels on every CPU and
 * keeps the arithmetic of the definition; see the closing note of the issue for the measurements.
 */
public final class GemmConv2d extends KernelBlock {
    public GemmConv2d(int inChannels, int outChannels, int kernel, int stride) {
        super(inChannels, outChannels, kernel, stride, new Shape(outChannels, inChannels, kernel, kernel));
    }

    @Override
    protected NDArray apply(NDArray x, NDArray w, NDArray b) {
        return apply(x, w, b, stride);
    }

    /** The convolution of x (N, C, H, W) with w (O, C, k, k) and b (O), stride s, no padding. */
    public static NDArray apply(NDArray x, NDArray w, NDArray b, int s) {
        Shape xs = x.getShape();
        Shape ws = w.getShape();
        long n = xs.get(0);
        long c = xs.get(1);
        long o = ws.get(0);
        int k = (int) ws.get(2);
        long oh = (xs.get(2) - k) / s + 1;
        long ow = (xs.get(3) - k) / s + 1;
        if (ws.get(1) != c || oh < 1 || ow < 1) {
            throw new IllegalArgumentException("cannot convolve " + xs + " with " + ws + " at stride " + s);
        }
        // columns (N * oh * ow, C * k * k): for each output pixel, the input pixels under the kernel in the
        // weight's (c, a, b) order; then one matrix product with the weight as (C k k, O)
        NDList patches = new NDList(k * k);
        for (int a = 0; a < k; a++) {
            for (int bb = 0; bb < k; bb++) {
                patches.add(x.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", a, a + (oh - 1) * s + 1, s, bb,
                        bb + (ow - 1) * s + 1, s)));
            }
        }
        NDArray cols = NDArrays.stack(patches, 4).transpose(0, 2, 3, 1, 4).reshape(n * oh * ow, c * k * k);
        NDArray y = cols.matMul(w.reshape(o, c * k * k).transpose());
        return y.reshape(n, oh, ow, o).transpose(0, 3, 1, 2).add(b.reshape(1, o, 1, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, (in.get(2) - kernel) / stride + 1,
                (in.get(3) - kernel) / stride + 1)};
    }
}
