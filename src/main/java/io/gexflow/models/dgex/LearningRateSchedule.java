package io.gexflow.models.dgex;

/**
 * The reference code's schedule: after each epoch, if the MAE on the fixed training-monitor subset
 * rose compared with the previous epoch, multiply the rate by {@code decay}; never go below
 * {@code floor}.
 */
public record LearningRateSchedule(double decay, double floor) {
    public double next(double rate, double maeNow, double maePrevious) {
        double r = maeNow > maePrevious ? rate * decay : rate;
        return Math.max(r, floor);
    }
}
