package io.gexflow.models.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Per-gene validation MAE of every ridge penalty of a path without forming its coefficients. With the
 * spectrum {@code G = V diag(s) V^T}, {@code Z = V^T C} ({@link GramSpectrum}) and the validation
 * landmarks centred on the training means, {@code U = (Xv - 1 mean(x)^T) V} (computed once), ridge
 * predicts {@code mean(y) + U diag(1 / (s + lambda/n)) Z}: one (rows x L) by (L x T) product per
 * penalty on the engine, where forming {@code B} first would cost an extra (L x L) by (L x T) one.
 */
final class RidgeValidation {
    /** Doubles per temporary chunk (predictions of a chunk of rows), ~64 MiB. */
    private static final long CHUNK_DOUBLES = 8 << 20;
    private final GramSpectrum spectrum;
    private final LinearBaselines.ValidationSet valid;
    private final int nIn;
    /** U, rows x L, row-major. */
    private final double[] u;

    RidgeValidation(GramSpectrum spectrum, LinearBaselines.ValidationSet valid) {
        this.spectrum = spectrum;
        this.valid = valid;
        this.nIn = spectrum.vectors().numRows;
        int rows = valid.rows();
        DMatrixRMaj v = spectrum.vectors();
        double[] shift = new double[nIn]; // mean(x)^T V
        double[] meanX = spectrum.stats().meanX();
        for (int j = 0; j < nIn; j++) {
            for (int i = 0; i < nIn; i++) {
                shift[i] += meanX[j] * v.data[j * nIn + i];
            }
        }
        u = new double[Math.multiplyExact(rows, nIn)];
        int chunk = EngineRows.chunkRows(Math.max(rows, 1), 2L * nIn, CHUNK_DOUBLES);
        EngineRows xRows = new EngineRows(nIn, chunk);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray vectors = manager.create(EngineProducts.values(v), new Shape(nIn, nIn));
            for (int start = 0; start < rows; start += chunk) {
                int m = Math.min(chunk, rows - start);
                try (NDManager step = manager.newSubManager()) {
                    double[] block = xRows.rows(step, valid.x(), start, m).matMul(vectors).toDoubleArray();
                    for (int q = 0; q < block.length; q++) {
                        u[start * nIn + q] = block[q] - shift[q % nIn];
                    }
                }
            }
        }
    }

    /** MAE per target of ridge with {@code lambda > 0} on the validation rows. */
    double[] perGeneMae(double lambda) {
        double[] scale = spectrum.ridgeScale(lambda);
        DMatrixRMaj z = spectrum.projected();
        int nOut = z.numCols;
        int rows = valid.rows();
        double[] meanY = spectrum.stats().meanY();
        double[] sum = new double[nOut];
        int chunk = EngineRows.chunkRows(Math.max(rows, 1), nIn + nOut, CHUNK_DOUBLES);
        double[] scaled = new double[chunk * nIn];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zz = manager.create(EngineProducts.values(z), new Shape(nIn, nOut));
            for (int start = 0; start < rows; start += chunk) {
                int m = Math.min(chunk, rows - start);
                for (int q = 0; q < m * nIn; q++) {
                    scaled[q] = u[start * nIn + q] * scale[q % nIn];
                }
                double[] p;
                try (NDManager step = manager.newSubManager()) {
                    NDArray us = step.create(java.util.Arrays.copyOf(scaled, m * nIn), new Shape(m, nIn));
                    p = us.matMul(zz).toDoubleArray();
                }
                float[] y = valid.y();
                for (int i = 0; i < m; i++) {
                    int yb = (start + i) * nOut;
                    int pb = i * nOut;
                    for (int t = 0; t < nOut; t++) {
                        sum[t] += Math.abs(meanY[t] + p[pb + t] - y[yb + t]);
                    }
                }
            }
        }
        for (int t = 0; t < nOut; t++) {
            sum[t] /= rows;
        }
        return sum;
    }
}
