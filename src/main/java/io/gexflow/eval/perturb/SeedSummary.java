package io.gexflow.eval.perturb;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gexflow.eval.MetricsJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error bars over seeds (issue 12, "with error bars over at least 3 seeds"): runs named {@code NAME_seedN} are the
 * seeds of one model {@code NAME}; each number's mean and sample standard deviation over the runs that define it.
 *
 * @param runs   the runs' names, in seed order
 * @param seeds  the runs' seeds (null where a run records none)
 * @param values each number's statistics, by name
 */
@MetricsJson
public record SeedSummary(List<String> runs, List<Long> seeds, Map<String, Stat> values) {
    private static final Pattern SEEDED = Pattern.compile("(.+)_seed(\\d+)");

    public SeedSummary {
        runs = List.copyOf(runs);
        seeds = Collections.unmodifiableList(new ArrayList<>(seeds));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The model a run belongs to: its name without a trailing {@code _seed<digits>}. */
    public static String group(String run) {
        Matcher m = SEEDED.matcher(run);
        return m.matches() ? m.group(1) : run;
    }

    /**
     * One number over seeds.
     *
     * @param mean   mean of the defined values (absent when none is)
     * @param sd     sample standard deviation (n - 1 in the denominator) of the defined values; absent below two
     * @param n      how many runs define it
     * @param values each run's value, in the runs' order (null where a run has none, or it is not finite)
     */
    @MetricsJson
    public record Stat(@JsonInclude(JsonInclude.Include.NON_NULL) Double mean,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double sd, int n, List<Double> values) {
        public Stat {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        public static Stat of(List<Double> perRun) {
            List<Double> v = new ArrayList<>(perRun.size());
            double sum = 0;
            int n = 0;
            for (Double x : perRun) {
                boolean ok = x != null && Double.isFinite(x);
                v.add(ok ? x : null);
                if (ok) {
                    sum += x;
                    n++;
                }
            }
            if (n == 0) {
                return new Stat(null, null, 0, v);
            }
            double mean = sum / n;
            Double sd = null;
            if (n > 1) {
                double ss = 0;
                for (Double x : v) {
                    if (x != null) {
                        ss += (x - mean) * (x - mean);
                    }
                }
                sd = Math.sqrt(ss / (n - 1));
            }
            return new Stat(mean, sd, n, v);
        }
    }
}
