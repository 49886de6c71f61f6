package io.gexflow.eval.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gexflow.eval.PerturbMetrics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mean and standard deviation over seeds, by hand. */
class SeedSummaryTest {
    @Test
    void meanAndSampleSdOfTheDefinedValues() {
        // 0.5, 0.7, 0.9: mean 0.7; squared deviations .04 + 0 + .04 = .08, / (3 - 1) = .04 -> sd 0.2
        SeedSummary.Stat s = SeedSummary.Stat.of(List.of(0.5, 0.7, 0.9));
        assertEquals(0.7, s.mean(), 1e-12);
        assertEquals(0.2, s.sd(), 1e-12);
        assertEquals(3, s.n());
        // a NaN (undefined r) and a missing value are left out of both, and listed as null
        s = SeedSummary.Stat.of(Arrays.asList(1.0, Double.NaN, null, 4.0));
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(4.5), s.sd(), 1e-12); // (1.5^2 + 1.5^2) / 1
        assertEquals(2, s.n());
        assertEquals(Arrays.asList(1.0, null, null, 4.0), s.values());
        // one value: no sd; none: no mean either
        assertNull(SeedSummary.Stat.of(List.of(3.0)).sd());
        assertNull(SeedSummary.Stat.of(Arrays.asList((Double) null)).mean());
    }

    @Test
    void runsNamedSeedNAreGroupedInSeedOrder() {
        assertEquals("svae_plus", SeedSummary.group("svae_plus_seed12"));
        assertEquals("samsvae", SeedSummary.group("samsvae"));
        assertEquals("x_seedy", SeedSummary.group("x_seedy"));
        Map<String, PerturbMetrics.Model> runs = new LinkedHashMap<>();
        runs.put("m_seed3", model(-10.0, 0.9, 3L));
        runs.put("m_seed1", model(-14.0, 0.5, 1L));
        runs.put("additive", new PerturbMetrics.Model("baseline", "additive", null, null, null,
                Map.of("all", new PerturbMetrics.Ate(0.8, 0.6, 0.7, 0.5, 4)), null, null, null));
        Map<String, SeedSummary> s = ModelSummaries.of(runs);
        assertEquals(List.of("additive", "m"), List.copyOf(s.keySet()));
        SeedSummary m = s.get("m");
        assertEquals(List.of("m_seed1", "m_seed3"), m.runs());
        assertEquals(List.of(1L, 3L), m.seeds());
        assertEquals(List.of(-14.0, -10.0), m.values().get("iwelbo").values());
        assertEquals(-12.0, m.values().get("iwelbo").mean(), 1e-12);
        assertEquals(Math.sqrt(8), m.values().get("iwelbo").sd(), 1e-12); // (2^2 + 2^2) / 1
        assertEquals(0.7, m.values().get("mcc_pearson").mean(), 1e-12);
        assertEquals(List.of("mcc_pearson", "target_f1", "iwelbo", "ate_r_all"), List.copyOf(m.values().keySet()));
        assertEquals(List.of("ate_r_all"), List.copyOf(s.get("additive").values().keySet()));
    }

    private static PerturbMetrics.Model model(double iwelbo, double mcc, long seed) {
        return new PerturbMetrics.Model("samsvae", "samsvae", "meanfield", iwelbo, 3,
                Map.of("all", new PerturbMetrics.Ate(mcc / 2, 0, 0, 0, 4)), new PerturbMetrics.Recovery(mcc, mcc, 0.5, 0.5, 0.5, 0.5),
                null, seed);
    }
}
