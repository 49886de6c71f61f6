package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
}
