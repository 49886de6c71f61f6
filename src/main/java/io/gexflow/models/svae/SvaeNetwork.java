package io.gexflow.models.svae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.gexflow.models.perturb.LogDensities;
import io.gexflow.models.perturb.Scalars;

/**
 * The networks and global parameters of an sVAE-family model as one DJL block (one
 * {@code saveParameters}/{@code loadParameters} covers all of them), built from DJL's own blocks.
 *
 * <ul>
 *   <li>encoder q(z | x) = N(m(x), diag(v(x))) on log(1 + x): hidden layers Linear, BatchNorm, ReLU,
 *       Dropout, then two Linear heads; v = exp(head) + 1e-4 (as scVI);</li>
 *   <li>decoder: hidden layers Linear, BatchNorm, ReLU, then Linear to genes; the NB mean is
 *       library * softmax(decoder(z)) over genes; theta = exp(log_theta), gene-wise, log_theta init 0;</li>
 *   <li>variants with interventions: mu (interventions x latents, init N(0, 1)) and mask logits (init 5).</li>
 * </ul>
 *
 * <p>{@link #forward} takes {@code [counts (N x G), dosage (N x A), eps (N x K), uniforms (N x K)]} (the
 * draws come from the caller's seeded generator) and returns {@link Pass#toList()}. The dosage rows must be
 * one-hot or empty (controls), as in the sVAE papers: the cell's mask logits and mu are D logits and D mu.
 */
public final class SvaeNetwork extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Added to the encoder variance (scVI's var_eps). */
    static final float VAR_EPS = 1e-4f;
    /** Mask logits start here (sigmoid(5) = 0.993: every edge on). */
    static final float MASK_LOGIT_INIT = 5f;

    private final SvaeHyperParameters hp;
    private final int genes;
    private final int interventions;
    private final SequentialBlock encoder;
    private final Linear meanHead;
    private final Linear varHead;
    private final SequentialBlock decoder;
    private final Parameter logTheta;
    private final Parameter mu;
    private final Parameter maskLogits;

    /** The forward pass: posterior, sample, likelihood parameters and prior of a batch. */
    public record Pass(NDArray qMean, NDArray qVar, NDArray z, NDArray nbMean, NDArray theta, NDArray priorMean,
            NDArray maskLogits) {
        public NDList toList() {
            NDList l = new NDList(qMean, qVar, z, nbMean, theta, priorMean);
            if (maskLogits != null) {
                l.add(maskLogits);
            }
            return l;
        }

        public static Pass of(NDList l) {
            return new Pass(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.size() > 6 ? l.get(6) : null);
        }
    }

    public SvaeNetwork(SvaeHyperParameters hp, int genes, int interventions) {
        super(VERSION);
        this.hp = hp;
        this.genes = genes;
        this.interventions = interventions;
        this.encoder = addChildBlock("encoder", hidden(hp, true));
        this.meanHead = addChildBlock("mean", Linear.builder().setUnits(hp.latentDim()).build());
        this.varHead = addChildBlock("var", Linear.builder().setUnits(hp.latentDim()).build());
        SequentialBlock dec = hidden(hp, false);
        dec.add(Linear.builder().setUnits(genes).build());
        this.decoder = addChildBlock("decoder", dec);
        this.logTheta = addParameter(Parameter.builder().setName("log_theta").setType(Parameter.Type.OTHER)
                .optShape(new Shape(genes)).optInitializer(new ConstantInitializer(0f)).build());
        if (hp.variant().hasInterventions()) {
            if (interventions < 1) {
                throw new IllegalArgumentException(hp.model() + " needs at least one intervention");
            }
            this.mu = addParameter(Parameter.builder().setName("mu").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(interventions, hp.latentDim())).optInitializer(new NormalInitializer(1f)).build());
            this.maskLogits = addParameter(Parameter.builder().setName("mask_logits").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(interventions, hp.latentDim()))
                    .optInitializer(new ConstantInitializer(MASK_LOGIT_INIT)).build());
        } else {
            this.mu = null;
            this.maskLogits = null;
        }
    }

    private static SequentialBlock hidden(SvaeHyperParameters hp, boolean dropout) {
        SequentialBlock b = new SequentialBlock();
        for (int l = 0; l < hp.hiddenLayers(); l++) {
            b.add(Linear.builder().setUnits(hp.hiddenUnits()).build());
            if (hp.batchNorm()) {
                // PyTorch/scVI momentum 0.01, eps 1e-3; DJL keeps running = momentum * running + (1 - momentum) * batch
                b.add(BatchNorm.builder().optMomentum(0.99f).optEpsilon(1e-3f).build());
            }
            b.add(Activation.reluBlock());
            if (dropout && hp.dropout() > 0) {
                b.add(Dropout.builder().optRate((float) hp.dropout()).build());
            }
        }
        return b;
    }

    public SvaeHyperParameters hyperParameters() {
        return hp;
    }

    public int genes() {
        return genes;
    }

    public int interventions() {
        return interventions;
    }

    /** The input shapes of a batch of n cells (for {@code initialize}). */
    public Shape[] inputShapes(int n) {
        return new Shape[] {new Shape(n, genes), new Shape(n, interventions), new Shape(n, hp.latentDim()),
            new Shape(n, hp.latentDim())};
    }

    /** Creates every parameter (seed the engine first: Xavier, dropout and the N(0, 1) of mu draw from it). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShapes(2));
    }

    /** q(z | x): mean and variance (N x K) from raw counts. */
    public NDArray[] encode(ParameterStore ps, NDArray counts, boolean training) {
        NDArray h = encoder.forward(ps, new NDList(counts.add(1f).log()), training).singletonOrThrow();
        NDArray m = meanHead.forward(ps, new NDList(h), training).singletonOrThrow();
        NDArray v = varHead.forward(ps, new NDList(h), training).singletonOrThrow().exp().add(VAR_EPS);
        return new NDArray[] {m, v};
    }

    /** The NB means of latents z (M x K) for cells of the given library sizes (M x 1): library * softmax(decoder(z)). */
    public NDArray decodeMean(ParameterStore ps, NDArray z, NDArray library, boolean training) {
        NDArray logits = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
        return logits.softmax(1).mul(library);
    }

    /** The gene-wise NB inverse dispersion theta = exp(log_theta) (G). */
    public NDArray theta(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(logTheta, device, training).exp();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray dosage = inputs.get(1);
        NDArray eps = inputs.get(2);
        NDArray uniforms = inputs.get(3);
        Device device = x.getDevice();
        NDArray[] q = encode(ps, x, training);
        NDArray z = q[0].add(q[1].sqrt().mul(eps));
        NDArray nbMean = decodeMean(ps, z, x.sum(new int[] {1}, true), training);
        NDArray theta = theta(ps, device, training);
        theta.attach(x.getManager());
        NDArray priorMean;
        NDArray maskLogitsValue = null;
        if (mu != null) {
            // an identity op owned by the batch's manager: what the loss derives from it is closed with the batch
            // (arrays derived from a parameter's own array would pile up in the whole-run manager); its constant
            // 1 must outlive backward (Scalars)
            maskLogitsValue = Scalars.times(ps.getValue(maskLogits, device, training), 1, x.getManager());
            NDArray muValue = ps.getValue(mu, device, training);
            // per cell: the Gumbel-sigmoid mask of its intervention's logits (straight-through, tau 1, threshold 0.5)
            NDArray cellMask = LogDensities.relaxedBernoulliStraightThrough(dosage.matMul(maskLogitsValue), uniforms, 1f);
            priorMean = cellMask.mul(dosage.matMul(muValue));
        } else {
            priorMean = q[0].zerosLike();
        }
        return new Pass(q[0], q[1], z, nbMean, theta, priorMean, maskLogitsValue).toList();
    }

    /** The mask logits parameter (null for vae / beta-vae). */
    public Parameter maskLogitsParameter() {
        return maskLogits;
    }

    /** The intervention means mu_a (null for vae / beta-vae). */
    public Parameter muParameter() {
        return mu;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape nk = new Shape(n, hp.latentDim());
        Shape ng = new Shape(n, genes);
        if (mu == null) {
            return new Shape[] {nk, nk, nk, ng, new Shape(genes), nk};
        }
        return new Shape[] {nk, nk, nk, ng, new Shape(genes), nk, new Shape(interventions, hp.latentDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(n, genes));
        meanHead.initialize(manager, dataType, new Shape(n, hp.hiddenUnits()));
        varHead.initialize(manager, dataType, new Shape(n, hp.hiddenUnits()));
        decoder.initialize(manager, dataType, new Shape(n, hp.latentDim()));
    }
}
