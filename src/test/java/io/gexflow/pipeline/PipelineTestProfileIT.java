package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1, as a user runs it: {@code ./nextflow run . -profile test}, then again with
 * {@code -resume}; then a D-GEX run stopped during training and resumed. Launched from a scratch
 * directory so the checkout stays clean.
 */
class PipelineTestProfileIT {
    @TempDir Path launch;

    private record Run(int exit, String log) {}

    private Run nextflow(String... args) throws IOException, InterruptedException {
        return nextflowWith("test", args);
    }

    private Run nextflowWith(String profile, String... args) throws IOException, InterruptedException {
        return nextflowIn(launch, profile, line -> false, args);
    }

    /**
     * Runs the pipeline launched from {@code dir} (results and work folder inside it); the first output
     * line for which {@code stopAt} is true stops it with SIGTERM, as Ctrl-C or a scheduler would.
     */
    private Run nextflowIn(Path dir, String profile, java.util.function.Predicate<String> stopAt, String... args)
            throws IOException, InterruptedException {
        Path repo = Path.of("").toAbsolutePath();
        List<String> cmd = new java.util.ArrayList<>(List.of(repo.resolve("nextflow").toString(), "run", repo.toString(),
                "-profile", profile, "-ansi-log", "false", "--outdir", dir.resolve("results").toString(),
                "-w", dir.resolve("work").toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                if (stopAt.test(line) && p.isAlive()) {
                    Thread.sleep(3000); // let the task start its work
                    // SIGTERM through the handle: Process.destroy() would also close the output we still read
                    p.toHandle().destroy();
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.MINUTES), "pipeline finished in time");
        return new Run(p.exitValue(), log.toString());
    }

    /** The D-GEX metrics of this local run, for {@link RunAnywhereIT} to compare its SLURM + podman run with. */
    private static void keepAsReference(Path results) throws IOException {
        for (String track : List.of("dgex", "dgex_gtex")) {
            Path target = RunAnywhereIT.REFERENCE.resolve(track + "/metrics.json");
            Files.createDirectories(target.getParent());
            Files.copy(results.resolve(track + "/metrics.json"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static JsonNode comparison(JsonNode metrics, String model) {
        for (JsonNode c : metrics.get("comparisons")) {
            if (c.get("model").asText().equals(model)) {
                return c;
            }
        }
        throw new AssertionError("no comparison for " + model);
    }

    @Test
    void testProfileRunsTheDgexTrackAndResumesFromCache() throws Exception {
        Run first = nextflow();
        assertEquals(0, first.exit(), first.log());
        Path results = launch.resolve("results");
        keepAsReference(results);
        Path report = results.resolve("report/dgex.html");
        assertTrue(first.log().contains("D-GEX report: " + report), "prints where the report is:\n" + first.log());

        JsonNode m = Json.MAPPER.readTree(results.resolve("dgex/metrics.json").toFile());
        JsonNode models = m.get("models");
        double lr = models.get("lr").get("overall_mae").asDouble();
        String dgexName = "dgex_1x64_d0.1";
        double dgex = models.get(dgexName).get("overall_mae").asDouble();
        assertTrue(dgex < lr, "D-GEX (" + dgex + ") beats LR (" + lr + ") on the test data");
        // the paper's baselines, under the names the report matches; KNN-GE is the worst of them
        Map<String, String> labels = Map.of("lr", "LR", "lr_l1", "LR-L1", "lr_l2", "LR-L2", "knn", "KNN-GE");
        for (var e : labels.entrySet()) {
            assertEquals(e.getValue(), models.get(e.getKey()).get("label").asText());
            assertEquals("baseline", models.get(e.getKey()).get("kind").asText());
        }
        // the published maps reach the models: 943 landmark and 9,520 target genes, keyed by role and Ensembl id
        assertEquals(943, m.get("n_landmarks").asInt());
        assertEquals(9520, m.get("n_targets").asInt());
        JsonNode modelJson = Json.MAPPER.readTree(results.resolve("dgex/models/" + dgexName + "/model.json").toFile());
        assertEquals(943, modelJson.get("inputs").size());
        assertEquals(9520, modelJson.get("outputs").size());
        assertTrue(modelJson.get("inputs").get(0).asText().startsWith("lm:ENSG") && modelJson.get("outputs").get(0).asText().startsWith("tg:ENSG"));
        // 160 training samples < 943 landmarks: plain LR is the minimum-norm fit and is not held to beating
        // KNN-GE (it does not, here); the regularised linear baselines are
        double knn = models.get("knn").get("overall_mae").asDouble();
        for (String linear : List.of("lr_l1", "lr_l2")) {
            assertTrue(models.get(linear).get("overall_mae").asDouble() < knn, linear + " beats KNN-GE");
        }
        for (JsonNode model : models) {
            assertTrue(model.get("sd_mae").asDouble() > 0);
            assertTrue(Files.isRegularFile(results.resolve("dgex").resolve(model.get("per_gene_mae").asText())));
        }
        JsonNode cmp = comparison(m, dgexName);
        assertEquals((lr - dgex) / lr, cmp.get("relative_improvement").asDouble(), 1e-9);

        // the GTEx track: trained on GEO-tr, epoch picked on 1000 Genomes, tested on GTEx
        JsonNode g = Json.MAPPER.readTree(results.resolve("dgex_gtex/metrics.json").toFile());
        assertEquals("GTEx-te", g.get("test_set").asText());
        double gtexLr = g.get("models").get("lr").get("overall_mae").asDouble();
        assertEquals(9520, g.get("n_targets").asInt());
        double gtexDgex = g.get("models").get("dgex_1x64_d0.25").get("overall_mae").asDouble();
        assertTrue(gtexDgex < gtexLr, "on GTEx too, D-GEX (" + gtexDgex + ") beats LR (" + gtexLr + ")");
        assertTrue(Files.isRegularFile(results.resolve("report/dgex_gtex.html")));

        // S-VQ-VAE on the bundled MNIST subset: nearest-code classification well above chance, and
        // VQ-VAE collapses code usage (perplexity ~1) where S-VQ-VAE uses every class's code
        JsonNode s = Json.MAPPER.readTree(results.resolve("svqvae/mnist/metrics.json").toFile());
        JsonNode svq = s.get("models").get("mnist_svqvae");
        JsonNode vq = s.get("models").get("mnist_vqvae");
        double accuracy = svq.get("accuracy").get("test_nearest_code").asDouble();
        assertTrue(accuracy > 5 * svq.get("accuracy").get("chance").asDouble(), "S-VQ-VAE accuracy " + accuracy);
        double svqPerplexity = svq.get("perplexity").get("test_nearest_code").asDouble();
        double vqPerplexity = vq.get("perplexity").get("test_nearest_code").asDouble();
        assertTrue(vqPerplexity < 0.5 * svqPerplexity, "VQ-VAE perplexity " + vqPerplexity + " vs S-VQ-VAE " + svqPerplexity);
        JsonNode lincs = Json.MAPPER.readTree(results.resolve("svqvae/lincs/metrics.json").toFile());
        assertTrue(lincs.get("models").has("lincs_svqvae") && lincs.get("models").has("lincs_vqvae"));
        for (String d : List.of("mnist", "lincs")) {
            String h = Files.readString(results.resolve("report/svqvae_" + d + ".html"));
            assertTrue(h.contains("data:image/png;base64,"), d + " report has inline figures");
        }

        // INFER: the best-validation network on cmapPy's 377 real L1000 profiles, 9,520 targets each
        io.gexflow.io.arrow.DenseMatrix inferred = io.gexflow.io.arrow.ArrowMatrixReader.readAll(
                results.resolve("dgex/infer/test_l1000.predictions.arrow"));
        assertEquals(377, inferred.rows());
        assertEquals(9520, inferred.cols());
        try (io.gexflow.io.gct.GctDataset gctx = io.gexflow.io.gct.GctDataset.open(results.resolve("dgex/infer/test_l1000.predictions.gctx"))) {
            assertEquals(9520, gctx.rowCount());
            assertEquals(377, gctx.columnCount());
        }
        // the landmark adjusted R^2 needs more than 944 training samples: skipped, and the reason recorded
        JsonNode land = Json.MAPPER.readTree(results.resolve("dgex/interpretation/interpretation.json").toFile())
                .get("adjusted_r2").get("landmarks");
        assertFalse(land.get("computed").asBoolean());
        assertEquals(945, land.get("samples_needed").asInt());

        String html = Files.readString(report);
        assertTrue(html.contains("9,520 target genes predicted for 377 profiles of <code>test_l1000.gct</code>"), "report: inference");
        assertTrue(html.contains("needs more than p + 1 = 944 training samples for an adjusted R^2, and there are 160"),
                "report: why the landmark R^2 is missing");
        assertTrue(html.contains("Missing values, policy <code>--missing drop-samples</code>"), "report: convert counts");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.4f", dgex)), "report shows D-GEX's MAE");
        assertTrue(html.contains("beats LR by"), "report says by how much D-GEX beats LR");
        assertTrue(html.split("data:image/png;base64,", -1).length - 1 >= 3, "figures are inline");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "report opens offline");
        assertTrue(Files.isRegularFile(results.resolve("dgex/models/" + dgexName + "/history.json")));

        // the perturbation track on the bundled sVAE simulation: every model of both papers and the additive
        // baseline in one metrics.json (seed 1), latent recovery for each trained model, transfer results for the
        // sVAE family, and the report with its figures
        JsonNode p = Json.MAPPER.readTree(results.resolve("perturb/metrics.json").toFile()).get("models");
        for (String run : List.of("samsvae", "cpavae", "cvae", "svae_plus", "svae", "ivae", "vae", "beta-vae")) {
            JsonNode model = p.get(run + "_seed1");
            assertTrue(model != null && model.get("recovery").get("mcc_pearson").asDouble() > 0.2, run + ": " + p);
        }
        assertTrue(p.has("additive"), p.toString());
        assertTrue(Files.isRegularFile(results.resolve("perturb/transfer/svae_plus_seed1.transfer/transfer.json")));
        String perturbHtml = Files.readString(results.resolve("report/perturb_svae_recovery.html"));
        assertTrue(perturbHtml.contains("data:image/png;base64,"), "perturbation report has inline figures");

        // beside it, the paper-data path on the Norman-layout fixture (PREPARE_PERTURB, 0% of the combinations in
        // training): the SAMS-VAE family and the additive baseline, not the sVAE family; the test cells are all of
        // combinations; finite ATE agreement; its own report
        JsonNode norman = Json.MAPPER.readTree(results.resolve("perturb/norman_frac0/metrics.json").toFile());
        List<String> normanRuns = new java.util.ArrayList<>();
        norman.get("models").fieldNames().forEachRemaining(normanRuns::add);
        assertEquals(List.of("additive", "cpavae_seed1", "cvae_seed1", "samsvae_seed1"), normanRuns, norman.toString());
        assertTrue(norman.get("n_test_cells").asInt() > 0, norman.toString());
        assertTrue(norman.get("test_conditions").size() > 0, norman.toString());
        norman.get("test_conditions").forEach(c -> assertTrue(c.asText().contains("+"), "a test condition is a combination: " + c));
        for (String run : normanRuns) {
            JsonNode ate = norman.get("models").get(run).get("ate");
            for (String set : List.of("all", "train", "test")) {
                double r = ate.path(set).path("pearson").asDouble(Double.NaN);
                assertTrue(Double.isFinite(r) && Math.abs(r) <= 1, run + " " + set + ": " + ate);
            }
            if (!run.equals("additive")) {
                assertTrue(Double.isFinite(norman.get("models").get(run).get("iwelbo").asDouble(Double.NaN)), run);
            }
        }
        assertFalse(Files.exists(results.resolve("perturb/models/norman_frac0/svae_plus_seed1")), "Norman's combinations are not one-hot");
        String normanHtml = Files.readString(results.resolve("report/perturb_norman_frac0.html"));
        assertTrue(normanHtml.contains("perturbation track on norman_frac0"), "the report names its data set");

        Run again = nextflow("-resume");
        assertEquals(0, again.exit(), again.log());
        long submitted = first.log().lines().filter(l -> l.contains("Submitted process >")).count();
        long cached = again.log().lines().filter(l -> l.contains("Cached process >")).count();
        assertTrue(submitted >= 35, "every track ran its tasks: " + submitted);
        assertEquals(submitted, cached, "every task re-used:\n" + again.log());
        assertFalse(again.log().contains("Submitted process"), again.log());

        // interrupted during training: a run stopped while a D-GEX network trains, then resumed, re-uses
        // every finished task and ends with the metrics of the uninterrupted run above
        Path stopped = launch.resolve("interrupted");
        Run killed = nextflowIn(stopped, "test", l -> l.contains("Submitted process > DGEX:TRAIN_DGEX "), "--tracks", "dgex");
        assertTrue(killed.exit() != 0, "the stopped run fails:\n" + killed.log());
        assertFalse(Files.exists(stopped.resolve("results/dgex/metrics.json")), "no metrics from the stopped run");
        Run resumed = nextflowIn(stopped, "test", l -> false, "--tracks", "dgex", "-resume");
        assertEquals(0, resumed.exit(), resumed.log());
        long reused = resumed.log().lines().filter(l -> l.contains("Cached process >")).count();
        assertTrue(reused >= 3 && resumed.log().contains("Cached process > DGEX:CONVERT"),
                "finished tasks come from the cache (" + reused + "):\n" + resumed.log());
        assertTrue(resumed.log().contains("Submitted process > DGEX:TRAIN_DGEX "), "the stopped training runs again");
        JsonNode after = Json.MAPPER.readTree(stopped.resolve("results/dgex/metrics.json").toFile());
        assertEquals(m.get("models"), after.get("models"), "same metrics as the uninterrupted run");
        assertEquals(m.get("comparisons"), after.get("comparisons"));
    }

    /** -profile full_dgex -stub: the paper-scale DAG (downloads, both tracks, the 3 x 3 x 3 grid) is wired. */
    @Test
    void fullDgexStubWiresThePaperScaleDag() throws Exception {
        Run stub = nextflowWith("full_dgex", "-stub");
        assertEquals(0, stub.exit(), stub.log());
        java.util.Map<String, Long> tasks = new java.util.TreeMap<>();
        stub.log().lines().filter(l -> l.contains("Submitted process >"))
                .map(l -> l.replaceAll(".*process > ", "").replaceAll(" \\(.*", ""))
                .forEach(p -> tasks.merge(p, 1L, Long::sum));
        assertEquals(27L, tasks.get("DGEX:TRAIN_DGEX"), tasks.toString());
        assertEquals(9L, tasks.get("DGEX:TRAIN_DGEX_GTEX"), tasks.toString());
        assertEquals(5L, tasks.get("DGEX:INPUTS:DOWNLOAD"), tasks.toString());
        assertEquals(3L, tasks.get("DGEX:BASELINES:TRAIN_LR"), tasks.toString());
        assertEquals(1L, tasks.get("DGEX:REPORT_GTEX"), tasks.toString());
    }

    /** -profile full_svqvae -stub: MNIST from its mirrors; LINCS waits for the user's CLUE class table. */
    @Test
    void fullSvqvaeStubDownloadsMnistAndSaysWhatLincsNeeds() throws Exception {
        Run stub = nextflowWith("full_svqvae", "-stub");
        assertEquals(0, stub.exit(), stub.log());
        assertTrue(stub.log().contains("LINCS skipped: it needs your perturbagen-class table --svqvae_lincs_pcl"), stub.log());
        assertEquals(4, stub.log().lines().filter(l -> l.contains("Submitted process > SVQVAE:INPUTS:DOWNLOAD")).count(), stub.log());
        assertEquals(2, stub.log().lines().filter(l -> l.contains("Submitted process > SVQVAE:TRAIN_SVQVAE")).count(), stub.log());
    }

    /**
     * -profile full_perturb -stub: Norman at five combination fractions and Replogle, downloaded once and prepared with
     * the papers' filters, every model of both families on the sets it takes, evaluated and reported per data set;
     * Replogle with each of the eight pathways held out, its sVAE-family models trained for the transfer runs.
     */
    @Test
    void fullPerturbStubWiresNormanReplogleAndTheHeldOutPathways() throws Exception {
        // one seed: the seeds multiply every training (the test profile's runs check their naming)
        Run stub = nextflowWith("full_perturb", "-stub", "--perturb_seeds", "1");
        assertEquals(0, stub.exit(), stub.log());
        java.util.Map<String, Long> tasks = new java.util.TreeMap<>();
        stub.log().lines().filter(l -> l.contains("Submitted process >"))
                .map(l -> l.replaceAll(".*process > ", "").replaceAll(" \\(.*", ""))
                .forEach(p -> tasks.merge(p, 1L, Long::sum));
        assertEquals(2L, tasks.get("PERTURB:PERTURB_PAPER_DATA:INPUTS:DOWNLOAD"), tasks.toString());
        assertEquals(5L + 1 + 8, tasks.get("PERTURB:PERTURB_PAPER_DATA:PREPARE_PERTURB"), tasks.toString());
        // SAMS-VAE family (3) on 5 Norman sets and Replogle; sVAE family (5) on Replogle and the 8 held-out sets
        assertEquals(3L * 6 + 5L * 9, tasks.get("PERTURB:TRAIN_PERTURB"), tasks.toString());
        // the transfer protocol: each sVAE-family model trained without a pathway, fitted on it
        assertEquals(5L * 8, tasks.get("PERTURB:TRANSFER_SVAE"), tasks.toString());
        // every data set evaluated and reported, the held-out pathway sets too (their transfer results)
        assertEquals(6L + 8, tasks.get("PERTURB:EVALUATE_PERTURB"), tasks.toString());
        assertEquals(6L + 8, tasks.get("PERTURB:REPORT_PERTURB"), tasks.toString());
        assertFalse(tasks.keySet().stream().anyMatch(t -> t.startsWith("DGEX") || t.startsWith("SVQVAE")), tasks.toString());
        Path data = launch.resolve("data-cache");
        assertTrue(Files.exists(data.resolve("norman2019.h5ad")) && Files.exists(data.resolve("K562_gwps_raw_singlecell_01.h5ad")));

        // what each PREPARE_PERTURB would run (its stub writes the command)
        java.util.Map<String, String> commands = new java.util.TreeMap<>();
        try (var files = Files.walk(launch.resolve("work"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("command.txt")).toList()) {
                commands.put(f.getParent().getFileName().toString(), Files.readString(f));
            }
        }
        assertEquals(14, commands.size(), commands.keySet().toString());
        for (String fr : List.of("0", "0.25", "0.5", "0.75", "1")) {
            String c = commands.get("norman_frac" + fr);
            assertTrue(c.contains("--layer counts --gene-column highly_variable --treatment-column guide_identity")
                    && c.contains("--split ood --combo-fraction " + fr + " --test-combo-fraction 0.25"), c);
        }
        assertTrue(commands.get("replogle").contains("--treatments-file replogle2022_perturbation_clusters.tsv "
                + "--gene-list replogle2022_expression_genes.txt --treatment-column gene --control non-targeting "
                + "--max-controls 2000 --gene-name-column gene_name --split random --seed"), commands.get("replogle"));
        assertFalse(commands.get("replogle").contains("--heldout-group"));
        Path models = launch.resolve("results/perturb/models");
        for (String p : List.of("EXOSOME", "SPLICEOSOME", "MEDIATOR", "NER", "40S", "39S", "60S", "MT_PROTEIN_TRANSLOCATION")) {
            assertTrue(commands.get("replogle_heldout_" + p).contains("--heldout-group " + p + " "), p);
            assertTrue(Files.isDirectory(models.resolve("replogle_heldout_" + p + "/svae_plus_seed1")), p);
            assertFalse(Files.exists(models.resolve("replogle_heldout_" + p + "/samsvae_seed1")), p + ": sVAE family only");
            assertTrue(Files.isDirectory(launch.resolve("results/perturb/transfer/replogle_heldout_" + p + "/svae_plus_seed1.transfer")), p);
        }
        assertTrue(Files.isDirectory(models.resolve("norman_frac0.5/samsvae_seed1")));
        assertFalse(Files.exists(models.resolve("norman_frac0.5/svae_plus_seed1")), "Norman's combinations are not one-hot");
        assertTrue(Files.exists(launch.resolve("results/perturb/replogle/metrics.json")));
        assertTrue(Files.exists(launch.resolve("results/report/perturb_norman_frac0.25.html")));
    }
}
