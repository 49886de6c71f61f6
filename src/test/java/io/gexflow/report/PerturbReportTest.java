package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.eval.History;
import io.gexflow.io.Json;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbReportTest {
    @TempDir Path dir;

    static final String METRICS = """
            {"track": "perturb", "dataset": "svae", "simulation": "svae", "n_train_cells": 91, "n_test_cells": 23,
             "n_genes": 50, "n_treatments": 4, "test_conditions": ["int3"],
             "settings": {"ate_global_draws": 25, "ate_library": 10000.0, "ate_samples": 500, "iwelbo_particles": 20, "seed": 7},
             "definitions": {"iwelbo": "held-out IWELBO <nats>"},
             "models": {
               "additive": {"kind": "baseline", "type": "additive",
                 "ate": {"all": {"conditions": 4, "pearson": 0.827, "pearson_top20": 0.837, "r2": 0.681, "r2_top20": 0.7},
                         "test": {"conditions": 1, "pearson": "NaN", "pearson_top20": "NaN", "r2": -0.045, "r2_top20": -0.004}}},
               "samsvae": {"kind": "samsvae", "type": "samsvae", "guide": "meanfield", "iwelbo": -505.75, "best_epoch": 30,
                 "ate": {"all": {"conditions": 4, "pearson": 0.04, "pearson_top20": 0.026, "r2": -0.003, "r2_top20": -0.008},
                         "test": {"conditions": 1, "pearson": 0.38, "pearson_top20": 0.436, "r2": 0.011, "r2_top20": 0.035}},
                 "recovery": {"latent_r2": 0.686, "mcc_pearson": 0.534, "mcc_spearman": 0.487, "target_f1": 0.25,
                              "target_precision": 0.5, "target_recall": 0.167}},
               "svae_plus": {"kind": "svae", "type": "svae+",
                 "transfer": {"elbo": -812.5, "iwelbo": -790.25, "interventions": 1, "cells": 23, "samples": 50}}}}
            """;

    @Test
    void everyModelTheBaselineRecoveryAndTheReferenceNumbersAreOnThePage() throws Exception {
        Path m = dir.resolve("metrics.json");
        Files.writeString(m, METRICS);
        Path out = dir.resolve("perturb.html");
        PerturbReport.write(m, out);
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<code>additive</code>") && html.contains("<code>samsvae</code>"), html);
        assertTrue(html.contains("-505.75") && html.contains("0.827") && html.contains("0.534"), html);
        assertTrue(html.contains("<code>svae_plus</code>") && html.contains("-790.25"), "held-out IWELBO after transfer");
        assertTrue(html.contains("\u2013"), "NaN shows as a dash");
        assertFalse(html.contains("NaN"), html);
        assertTrue(html.contains("Recovery of the simulation") && html.contains("0.250"), html);
        assertTrue(html.contains("-1769.24") && html.contains("SAMS-VAE (mean-field)"), html);
        assertTrue(html.contains("held-out IWELBO &lt;nats&gt;"), "user text is escaped");
        assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"), "self-contained");
        // the same input, the same bytes
        Path again = dir.resolve("again.html");
        PerturbReport.write(m, again);
        assertEquals(html, Files.readString(again));
    }

    /**
     * The sections of issues 11 and 12: one table of every model with mean +- sd over seeds (values by hand) and the
     * training time from timing.json, the Norman table beside this run's numbers, ATE scatter plots, target graphs and
     * learning curves from figures.json.
     */
    @Test
    void everyModelOverSeedsNormanBesideThisRunAndTheFigures() throws Exception {
        Path m = dir.resolve("metrics.json");
        Files.writeString(m, """
                {"track": "perturb", "dataset": "svae", "simulation": "svae", "n_train_cells": 91, "n_test_cells": 23,
                 "n_genes": 3, "n_treatments": 2, "test_conditions": ["t1"], "settings": {}, "definitions": {},
                 "models": {
                   "cpavae_seed1": {"kind": "samsvae", "type": "cpavae", "iwelbo": -500.0, "seed": 1,
                     "ate": {"all": {"conditions": 2, "pearson": 0.5, "pearson_top20": 0.5, "r2": 0.1, "r2_top20": 0.1}}},
                   "cpavae_seed2": {"kind": "samsvae", "type": "cpavae", "iwelbo": -510.0, "seed": 2,
                     "ate": {"all": {"conditions": 2, "pearson": 0.7, "pearson_top20": 0.7, "r2": 0.2, "r2_top20": 0.2}}},
                   "svae_plus_seed1": {"kind": "svae", "type": "svae+", "seed": 1,
                     "transfer": {"elbo": -812.5, "iwelbo": -790.25, "interventions": 1, "cells": 23, "samples": 50}}},
                 "summary": {
                   "cpavae": {"runs": ["cpavae_seed1", "cpavae_seed2"], "seeds": [1, 2], "values": {
                     "iwelbo": {"mean": -505.0, "sd": 7.0710678, "n": 2, "values": [-500.0, -510.0]},
                     "ate_r_all": {"mean": 0.6, "sd": 0.1414214, "n": 2, "values": [0.5, 0.7]},
                     "ate_r_test": {"mean": 0.6, "sd": 0.1414214, "n": 2, "values": [0.5, 0.7]}}},
                   "svae_plus": {"runs": ["svae_plus_seed1"], "seeds": [1], "values": {
                     "transfer_iwelbo": {"mean": -790.25, "n": 1, "values": [-790.25]}}}}}
                """);
        History h = new History("samsvae", "cpavae", null, null, null, null, null, 2, 9.0, false,
                List.of(new History.Epoch(1, Map.of("train_loss", 12.0, "valid_loss", 11.0)),
                        new History.Epoch(2, Map.of("train_loss", 10.0, "valid_loss", 9.0))));
        Map<String, Object> runs = new java.util.LinkedHashMap<>();
        runs.put("cpavae_seed1", Map.of("ate_data", List.of(1.0, 0.0, -1.0), "ate_model", List.of(0.8, 0.1, -0.7), "history", h));
        runs.put("svae_plus_seed1", Map.of("graph", Map.of("treatments", List.of("t0", "t1"),
                "truth", List.of(List.of(1, 0), List.of(0, 1)), "estimate", List.of(List.of(0.9, 0.2), List.of(0.1, "NaN")))));
        Path f = dir.resolve("figures.json");
        Json.writeFile(f, Map.of("ate_genes", "all", "runs", runs));
        Path t = dir.resolve("timing.json");
        Files.writeString(t, """
                {"note": "wall-clock seconds", "runs": {"cpavae_seed1": 10.0, "cpavae_seed2": 14.0},
                 "summary": {"cpavae": {"mean": 12.0, "sd": 2.8284271, "n": 2, "values": [10.0, 14.0]}}}
                """);
        Path out = dir.resolve("perturb.html");
        PerturbReport.write(m, f, t, out);
        String html = Files.readString(out);
        assertTrue(html.contains("<h2>Every model</h2>"), html);
        // mean +- sd of the two seeds: IWELBO -505.00 +- 7.07, ATE r 0.600 +- 0.141, time 12.0 +- 2.8; one seed: the value
        assertTrue(html.contains("-505.00 \u00b1 7.07") && html.contains("0.600 \u00b1 0.141"), html);
        assertTrue(html.contains("12.0 \u00b1 2.8") && html.contains("training time (s)"), html);
        assertTrue(html.contains("-790.25"), html);
        // the Norman table: CPA-VAE's row carries this run's cpavae, SVAE+'s the transfer IWELBO of svae_plus
        int cpa = html.indexOf("<td>CPA-VAE</td>");
        assertTrue(cpa > 0 && html.substring(cpa, html.indexOf("</tr>", cpa)).contains("-505.00 \u00b1 7.07"), html);
        int sv = html.indexOf("<td>SVAE+</td>");
        assertTrue(sv > 0 && html.substring(sv, html.indexOf("</tr>", sv)).contains("-790.25"), html);
        assertTrue(html.contains("Treatment effects: data against model") && html.contains("Target graphs against the truth")
                && html.contains("Learning curves"), html);
        assertEquals(3, html.split("data:image/png;base64,", -1).length - 1, "one scatter, one graph, one curve");
        // without figures and timing: no figures, no time column
        String plain = PerturbReport.render(m);
        assertFalse(plain.contains("data:image/png") || plain.contains("training time (s)"), plain);
    }
}
