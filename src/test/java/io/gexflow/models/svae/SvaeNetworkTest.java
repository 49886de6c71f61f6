package io.gexflow.models.svae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The spike-and-slab prior of a batch: controls N(0, I), treated cells N(mask * mu_a, I) with the initial masks on. */
class SvaeNetworkTest {
    @Test
    void priorMeansFollowTheMaskAndTheInterventionOfEachCell() {
        SvaeHyperParameters hp = new SvaeHyperParameters("svae+", 3, 8, 1, true, 0.1, 1, 4, 1e-3, 0, 1, 10, 0, 0.1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            SvaeNetwork net = new SvaeNetwork(hp, 5, 2);
            net.initialize(m);
            float[] logits = net.maskLogitsParameter().getArray().toFloatArray();
            for (float l : logits) {
                assertEquals(SvaeNetwork.MASK_LOGIT_INIT, l);
            }
            float[] mu = net.muParameter().getArray().toFloatArray();
            // cells: control, intervention 1, intervention 0; uniforms 0.5 (no logistic noise): mask = 1[sigmoid(5) > 0.5]
            NDArray x = m.create(new float[] {1, 2, 0, 3, 1, 0, 0, 4, 2, 2, 5, 1, 1, 1, 0}, new Shape(3, 5));
            NDArray dose = m.create(new float[] {0, 0, 0, 1, 1, 0}, new Shape(3, 2));
            NDArray eps = m.zeros(new Shape(3, 3));
            NDArray u = m.ones(new Shape(3, 3)).mul(0.5f);
            SvaeNetwork.Pass p = SvaeNetwork.Pass.of(net.forward(new ParameterStore(m, false), new NDList(x, dose, eps, u), false));
            float[] prior = p.priorMean().toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertEquals(0f, prior[k], 1e-9f);
                assertEquals(mu[3 + k], prior[3 + k], 1e-6);
                assertEquals(mu[k], prior[6 + k], 1e-6);
            }
            // z = mean when eps = 0; the NB means add up to each cell's library size
            assertEquals(p.qMean().toFloatArray()[0], p.z().toFloatArray()[0], 1e-6);
            float[] nb = p.nbMean().sum(new int[] {1}).toFloatArray();
            assertEquals(7f, nb[0], 1e-3);
            assertEquals(8f, nb[1], 1e-3);
            assertEquals(8f, nb[2], 1e-3);
            // uniforms near 0: logistic noise ln(1e-6) ~ -13.8 outweighs the logit 5, every mask is off, every prior mean 0
            NDArray low = m.zeros(new Shape(3, 3));
            SvaeNetwork.Pass off = SvaeNetwork.Pass.of(net.forward(new ParameterStore(m, false), new NDList(x, dose, eps, low), false));
            for (float v : off.priorMean().toFloatArray()) {
                assertEquals(0f, v, 1e-9f);
            }
        }
    }

    @Test
    void vaeHasNoInterventionParameters() {
        SvaeHyperParameters hp = SvaeHyperParameters.defaults(SvaeVariant.VAE, 1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            SvaeNetwork net = new SvaeNetwork(hp, 4, 3);
            net.initialize(m);
            assertNull(net.muParameter());
            assertNull(net.maskLogitsParameter());
        }
    }
}
