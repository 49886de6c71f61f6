package io.gexflow.models.baselines;

import io.gexflow.eval.GeneErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;

/**
 * The paper's linear baselines (spec dgex.md): LR (OLS), LR-L1 (lasso, {@link LassoPath}) and LR-L2
 * (ridge, {@link GramSpectrum#ridge(double)}, one eigendecomposition for the whole grid; lambda = 0
 * is {@link OlsFit#solve(double)}), each fitted for all targets at once; for the penalised two
 * the penalty is chosen on the validation split as the grid value with the lowest overall
 * validation MAE (mean over target genes of the per-gene MAE, the paper's metric). The grid is
 * walked from the largest lambda down, so among equal errors the larger penalty wins.
 */
public final class LinearBaselines {
    /** Default grid of LR-L1, in the (1/2n) convention of {@link LassoPath}. */
    public static final List<Double> DEFAULT_L1_LAMBDAS = List.of(0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001);
    /** Default grid of LR-L2, in the summed-squares convention of {@link OlsFit#solve(double)}. */
    public static final List<Double> DEFAULT_L2_LAMBDAS = List.of(10000.0, 1000.0, 100.0, 10.0, 1.0, 0.1, 0.01);

    public enum Penalty {
        NONE("none", "LR"), L1("l1", "LR-L1"), L2("l2", "LR-L2");

        private final String key;
        private final String label;

        Penalty(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** The name used on the command line and in model.json settings. */
        public String key() {
            return key;
        }

        /** The paper's name of the baseline. */
        public String label() {
            return label;
        }

        public static Penalty of(String key) {
            for (Penalty p : values()) {
                if (p.key.equalsIgnoreCase(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("penalty must be none, l1 or l2, got '" + key + "'");
        }

        public List<Double> defaultLambdas() {
            return switch (this) {
                case NONE -> List.of(0.0);
                case L1 -> DEFAULT_L1_LAMBDAS;
                case L2 -> DEFAULT_L2_LAMBDAS;
            };
        }
    }

    /** Validation of a grid value; {@code validationMae} is NaN without a validation split. */
    public record Trial(double lambda, double validationMae, Integer sweeps, Integer notConverged, Long nonZero) {}

    /** The chosen fit and every grid value tried, in the order tried (decreasing lambda). */
    public record Result(Penalty penalty, DMatrixRMaj coefficients, double lambda, List<Trial> trials) {}

    /** Lasso convergence settings. */
    public record LassoSettings(double tolerance, int maxSweeps) {
        public static final LassoSettings DEFAULT = new LassoSettings(LassoPath.DEFAULT_TOLERANCE, LassoPath.DEFAULT_MAX_SWEEPS);
    }

    /** Validation data: x is rows x L, y rows x T, row-major. */
    public record ValidationSet(float[] x, float[] y, int rows) {}

    private LinearBaselines() {}

    /**
     * Fits the baseline. {@code valid} may be null only for {@link Penalty#NONE} or a one-value grid.
     *
     * @param log receives one line per grid value
     */
    public static Result fit(CrossProducts train, Penalty penalty, List<Double> lambdas, ValidationSet valid,
            LassoSettings lasso, Consumer<String> log) {
        List<Double> grid = new ArrayList<>(lambdas);
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("empty lambda grid");
        }
        for (double l : grid) {
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("lambdas must be finite and >= 0, got " + l);
            }
        }
        if (grid.stream().distinct().count() != grid.size()) {
            throw new IllegalArgumentException("lambda grid has duplicates: " + grid);
        }
        if (penalty == Penalty.NONE && !(grid.size() == 1 && grid.get(0) == 0)) {
            throw new IllegalArgumentException("penalty none takes no lambda grid");
        }
        if (valid == null && grid.size() > 1) {
            throw new IllegalArgumentException("choosing lambda from a grid needs a validation split");
        }
        grid.sort(Comparator.reverseOrder());
        List<Trial> trials = new ArrayList<>();
        DMatrixRMaj best = null;
        double bestLambda = Double.NaN;
        double bestMae = Double.POSITIVE_INFINITY;
        OlsFit ols = penalty == Penalty.L1 ? null : new OlsFit(train);
        // ridge: one eigendecomposition of the Gram matrix serves every positive lambda of the grid, and the
        // validation errors come from it without forming each lambda's coefficients (RidgeValidation)
        GramSpectrum spectrum = penalty == Penalty.L2 && grid.stream().anyMatch(l -> l > 0) ? new GramSpectrum(train.centered()) : null;
        RidgeValidation ridgeValid = spectrum != null && valid != null ? new RidgeValidation(spectrum, valid) : null;
        LassoPath path = penalty == Penalty.L1 ? new LassoPath(train.centered(), lasso.tolerance(), lasso.maxSweeps()) : null;
        for (double lambda : grid) {
            DMatrixRMaj coef = null; // null: formed only if this lambda is chosen
            Trial trial;
            double[] perGene = null;
            if (path != null) {
                LassoPath.Step s = path.fit(lambda);
                coef = path.coefficientMatrix();
                trial = new Trial(lambda, Double.NaN, s.maxSweeps(), s.notConverged(), s.nonZero());
            } else if (spectrum != null && lambda > 0) {
                if (ridgeValid != null) {
                    perGene = ridgeValid.perGeneMae(lambda);
                } else {
                    coef = spectrum.ridge(lambda);
                }
                trial = new Trial(lambda, Double.NaN, null, null, null);
            } else {
                coef = ols.solve(lambda);
                trial = new Trial(lambda, Double.NaN, null, null, null);
            }
            if (valid != null && perGene == null) {
                perGene = Validation.perGeneMae(coef, valid.x(), valid.y(), valid.rows());
            }
            double mae = perGene == null ? Double.NaN : GeneErrors.mean(perGene);
            trial = new Trial(lambda, mae, trial.sweeps(), trial.notConverged(), trial.nonZero());
            trials.add(trial);
            if (log != null) {
                log.accept(String.format(Locale.ROOT, "%s lambda %g: validation MAE %.6f%s", penalty.label(), lambda, mae,
                        trial.sweeps() == null ? "" : String.format(Locale.ROOT, " (%d non-zero coefficients, <= %d sweeps, %d targets not converged)",
                                trial.nonZero(), trial.sweeps(), trial.notConverged())));
            }
            if (trials.size() == 1 || mae < bestMae) {
                best = coef;
                bestMae = mae;
                bestLambda = lambda;
            }
        }
        if (best == null) {
            best = spectrum.ridge(bestLambda);
        }
        return new Result(penalty, best, bestLambda, trials);
    }
}
