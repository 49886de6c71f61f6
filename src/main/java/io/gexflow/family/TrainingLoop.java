package io.gexflow.family;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import io.gexflow.data.Minibatches;
import io.gexflow.eval.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The one training loop of every family trained by gradient steps: epochs; a seeded shuffle of the
 * training rows every epoch ({@link Minibatches}, one {@code java.util.Random(seed)} the family may draw
 * from first, in {@link Fit#begin}); minibatches in that order; per batch the family's forward pass,
 * the check of every NAMED loss term ({@link NumericsGuard}: the first non-finite one is named with its
 * epoch and batch), backward, the family's optimiser step and (when the family asks) the gradient and
 * parameter checks; per epoch the means of the terms and of the family's batch statistics, the family's
 * validation values, the checkpoint choice (lowest value of a column, or the last epoch), early stopping
 * after {@code patience} epochs without improvement, a progress line, and one {@link History}.
 *
 * <p>The order of every random draw, batch and floating-point operation is the one the families'
 * own loops had, so a seed gives the same parameters as before the loop was shared.
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /** A loss term: its name in the numerics checks and debug file, and its column in the history. */
    public record Term(String name, String column) {}

    /**
     * How a run is driven.
     *
     * @param selection {@link History#LAST} or {@link History#minimum(String)} of a column the family's
     *     {@link Fit#endEpoch} reports
     * @param patience stop after this many epochs without a new best (0: never stop early)
     */
    public record Settings(int epochs, int batchSize, long seed, String selection, int patience) {
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, got " + patience);
            }
            if (!History.LAST.equals(selection) && !selection.startsWith("min ")) {
                throw new IllegalArgumentException("selection is 'last' or 'min <column>', not '" + selection + "'");
            }
        }

        /** The column whose minimum picks the kept epoch, or null when the last epoch is kept. */
        String minimised() {
            return History.LAST.equals(selection) ? null : selection.substring(4);
        }
    }

    /** Where the loop is: for a family's messages. */
    public record Position(int epoch, int epochs, int batch, List<History.Epoch> done) {
        /** The previous epoch's value of a column, or null in the first epoch. */
        public Double previous(String column) {
            return done.isEmpty() ? null : done.get(done.size() - 1).get(column);
        }
    }

    /** One training run of a family: its network, loss and optimiser, driven batch by batch by the loop. */
    public interface Fit {
        /** The loss terms {@link #forward} returns, the differentiated total first. */
        List<Term> terms();

        /** Called once before the first epoch with the loop's generator (draws here come before every shuffle). */
        default void begin(Random random) {}

        /** The manager of one batch's arrays (closed after the optimiser step). */
        NDManager newBatchManager();

        /** The gradient collector of one batch (default: the engine's; a DJL {@code Trainer}'s for families that use one). */
        default GradientCollector newGradientCollector() {
            return Engine.getInstance().newGradientCollector();
        }

        /**
         * The forward pass of rows {@code order[from..to)}: the loss terms by {@link Term#name()}, in
         * {@link #terms()} order, the first being the one differentiated.
         */
        Map<String, NDArray> forward(NDManager batch, int[] order, int from, int to, Position at);

        /** Inside the gradient collector, after backward (and the gradient check): read what the batch statistics need. */
        default void afterBackward(Map<String, NDArray> terms) {}

        /** The optimiser step (outside the gradient collector, inside the batch manager). */
        void update();

        /** Parameters the loop checks after backward and after the step, or null for no such checks. */
        default PairList<String, Parameter> checkedParameters() {
            return null;
        }

        /** Extra values of the batch for the {@code --debug-numerics} row. */
        default Map<String, Double> debugValues() {
            return Map.of();
        }

        /** Per-batch statistics, averaged over the epoch's batches after the terms (after the batch manager closed). */
        default Map<String, Double> batchStatistics() {
            return Map.of();
        }

        /** End of an epoch: validation and schedule; returns columns to record after the means. */
        default Map<String, Double> endEpoch(int epoch) {
            return Map.of();
        }

        /** Saves the current parameters (the checkpoint of the kept epoch). */
        void save(Path file);
    }

    /**
     * A {@link Fit} whose network runs under a DJL {@code Trainer}: its batches and gradients come from the
     * trainer's manager and collector.
     */
    public interface TrainerFit extends Fit {
        /** The trainer of the run. */
        ai.djl.training.Trainer trainer();

        @Override
        default NDManager newBatchManager() {
            return trainer().getManager().newSubManager();
        }

        @Override
        default GradientCollector newGradientCollector() {
            return trainer().newGradientCollector();
        }
    }

    /**
     * Runs {@code fit} over {@code rows} training rows and keeps the chosen epoch's parameters in
     * {@code checkpoint}. {@code debugNumerics} is the per-batch TSV of {@link NumericsGuard} (or null);
     * {@code progress} receives one line per epoch. The returned history has family and model set from
     * {@code family}/{@code model}; the caller adds a label and data set.
     */
    public static History run(String family, String model, Fit fit, int rows, Settings s, Path checkpoint,
            Path debugNumerics, Consumer<String> progress) {
        List<Term> terms = fit.terms();
        String minimised = s.minimised();
        List<History.Epoch> epochs = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        Integer bestEpoch = null;
        boolean stoppedEarly = false;
        try (NumericsGuard guard = new NumericsGuard(debugNumerics)) {
            Random random = new Random(s.seed());
            fit.begin(random);
            int[] order = Minibatches.identity(rows);
            for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                long t0 = System.nanoTime();
                Minibatches.shuffle(order, random);
                Map<String, Double> sums = new LinkedHashMap<>();
                int batches = 0;
                for (int from = 0; from < rows; from += s.batchSize()) {
                    int to = Math.min(rows, from + s.batchSize());
                    int b = batches + 1;
                    PairList<String, Parameter> checked = fit.checkedParameters();
                    try (NDManager batch = fit.newBatchManager()) {
                        try (GradientCollector gc = fit.newGradientCollector()) {
                            Map<String, NDArray> t = fit.forward(batch, order, from, to,
                                    new Position(epoch, s.epochs(), b, epochs));
                            guard.checkTerms(epoch, b, t);
                            gc.backward(t.get(terms.get(0).name()));
                            if (checked != null) {
                                guard.checkGradients(epoch, b, checked);
                            }
                            fit.afterBackward(t);
                            for (Term term : terms) {
                                sums.merge(term.column(), (double) t.get(term.name()).getFloat(), Double::sum);
                            }
                        }
                        fit.update();
                        if (checked != null) {
                            guard.checkParameters(epoch, b, checked, fit.debugValues());
                        }
                    }
                    fit.batchStatistics().forEach((k, v) -> sums.merge(k, v, Double::sum));
                    batches++;
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (Map.Entry<String, Double> e : sums.entrySet()) {
                    double mean = e.getValue() / batches;
                    if (!Double.isFinite(mean)) {
                        throw new NumericsGuard.NonFiniteException("non-finite value in epoch " + epoch + ": the mean of '"
                                + e.getKey() + "' over the epoch's batches is " + mean + "; lower the learning rate");
                    }
                    values.put(e.getKey(), mean);
                }
                values.putAll(fit.endEpoch(epoch));
                if (minimised != null) {
                    double v = values.get(minimised);
                    if (v < best) {
                        best = v;
                        bestEpoch = epoch;
                        fit.save(checkpoint);
                    }
                }
                History.Epoch record = new History.Epoch(epoch, values);
                epochs.add(record);
                progress.accept(line(record, s.epochs(), (System.nanoTime() - t0) / 1e9));
                if (minimised != null && s.patience() > 0 && bestEpoch != null && epoch - bestEpoch >= s.patience()
                        && epoch < s.epochs()) {
                    stoppedEarly = true;
                    progress.accept(String.format(Locale.ROOT, "early stop after epoch %d: no lower %s for %d epochs",
                            epoch, minimised, s.patience()));
                    break;
                }
            }
        }
        if (minimised == null) {
            fit.save(checkpoint);
            bestEpoch = epochs.size();
        }
        List<String> termColumns = terms.stream().map(Term::column).toList();
        return new History(family, model, null, null, null, termColumns, s.selection(), bestEpoch,
                minimised == null ? null : best, s.patience() > 0 ? stoppedEarly : null, epochs);
    }

    /** The progress line of an epoch: every value, and the epoch's wall time (which the history leaves out). */
    public static String line(History.Epoch e, int epochs, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d ", e.epoch(), epochs));
        e.values().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        return sb.append(String.format(Locale.ROOT, "  (%.1f s)", seconds)).toString();
    }
}
