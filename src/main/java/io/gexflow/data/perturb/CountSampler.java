package io.gexflow.data.perturb;

import java.util.Random;

/**
 * Draws counts in Java (DJL's PyTorch engine has no gamma or Poisson sampler), from a seeded generator, for
 * the simulators and for the models' sampled treatment effects:
 * NB(mean mu, inverse dispersion theta) as the gamma-Poisson mixture x ~ Poisson(lambda),
 * lambda ~ Gamma(shape theta, scale mu / theta).
 */
public final class CountSampler {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    private CountSampler() {}

    /** log Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
    public static double lgamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape below 1 by the boost Gamma(shape + 1) U^(1/shape). */
    public static double gamma(double shape, Random r) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(shape + 1, r) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = r.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * Poisson(lambda): multiplication of uniforms below 30, else Hörmann's transformed rejection with
     * squeeze (PTRS, 1993).
     */
    public static long poisson(double lambda, Random r) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 30) {
            double limit = Math.exp(-lambda);
            double prod = r.nextDouble();
            long k = 0;
            while (prod > limit) {
                prod *= r.nextDouble();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(lambda);
        double loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5;
            double v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1)) {
                return k;
            }
        }
    }

    /** NB(mean mu, inverse dispersion theta) as a gamma-Poisson mixture. */
    public static long negativeBinomial(double mu, double theta, Random r) {
        if (mu <= 0) {
            return 0;
        }
        return poisson(gamma(theta, r) * mu / theta, r);
    }
}
