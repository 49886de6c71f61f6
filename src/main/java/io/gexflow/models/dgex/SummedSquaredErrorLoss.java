package io.gexflow.models.dgex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The D-GEX training loss, paper equation 3: squared error summed over the T target genes and
 * averaged over the N samples of the batch,
 * {@code L = (1/N) * sum_n sum_t (y_hat[n,t] - y[n,t])^2}.
 */
public final class SummedSquaredErrorLoss extends Loss {
    public SummedSquaredErrorLoss() {
        super("SummedSquaredError");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray diff = predictions.singletonOrThrow().sub(labels.singletonOrThrow());
        return diff.square().sum(new int[] {1}).mean();
    }
}
