package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration as a user meets it: every profile renders with {@code nextflow config}, profile
 * order cannot undo the test caps, GPUs are asked for only with -profile gpu, and bad parameters
 * stop the run before any task with one message listing them all.
 */
class NextflowConfigIT {
    @TempDir Path launch;
    private final Path repo = Path.of("").toAbsolutePath();

    private record Run(int exit, String out) {}

    private Run nextflow(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("nextflow").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(launch.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Run(p.exitValue(), out);
    }

    /** Rendered configs by profile, each rendered once (a Nextflow start costs seconds). */
    private static final java.util.Map<String, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    private String config(String profile) throws Exception {
        String cached = RENDERED.get(profile);
        if (cached != null) {
            return cached;
        }
        Run r = nextflow("config", "-profile", profile, repo.toString());
        assertEquals(0, r.exit(), "-profile " + profile + ":\n" + r.out());
        RENDERED.put(profile, r.out());
        return r.out();
    }

    private static List<String> profiles() throws Exception {
        String config = Files.readString(Path.of("nextflow.config"));
        String block = config.substring(config.indexOf("\nprofiles {"), config.indexOf("\nincludeConfig 'conf/resources.config'"));
        Matcher m = Pattern.compile("(?m)^    (\\w+)\\s*\\{").matcher(block);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyProfileRenders() throws Exception {
        List<String> names = profiles();
        assertTrue(names.containsAll(List.of("test", "full_dgex", "full_svqvae", "full_perturb", "gpu", "docker", "podman",
                "singularity", "apptainer", "slurm", "awsbatch", "google")), names.toString());
        for (String name : names) {
            String out = config(name);
            assertTrue(out.contains("resourceLimits = [cpus:"), name + ": caps rendered\n" + out);
        }
        // one image, tagged with the pipeline version, for every process of each container profile
        assertTrue(config("docker").contains("container = 'gexflow:0.1.0'"));
        assertTrue(config("podman").contains("container = 'localhost/gexflow:0.1.0'"));
        assertTrue(config("apptainer").contains("containers/gexflow_0.1.0.sif'"));
        assertTrue(config("awsbatch").contains("executor = 'awsbatch'"));
        assertTrue(config("google").contains("executor = 'google-batch'"));
    }

    @Test
    void profileOrderKeepsTheTestCapsAndGpusAreOptIn() throws Exception {
        for (String combo : List.of("test,slurm", "slurm,test")) {
            String out = config(combo);
            assertTrue(out.contains("resourceLimits = [cpus:1, memory:'6 GB', time:'1h']"), combo + "\n" + out);
            assertTrue(out.contains("executor = 'slurm'"), combo);
            assertFalse(out.contains("--gres"), combo + ": no GPU request without -profile gpu\n" + out);
        }
        String gpu = config("gpu,slurm");
        assertTrue(gpu.contains("clusterOptions = '--gres=gpu:1'") && gpu.contains("accelerator = 1"), gpu);
    }

    @Test
    void badParametersStopTheRunBeforeAnyTaskWithEveryProblemListed() throws Exception {
        Run bad = nextflow("run", repo.toString(), "-profile", "test", "-ansi-log", "false",
                "--outdir", launch.resolve("results").toString(), "-w", launch.resolve("work").toString(),
                "--max_cpus", "two", "--seed", "1.5", "--dgex_dropuot", "0.2", "--dgex_gctx", "/no/such.gctx",
                "--valid_fraction", "7", "--dgex_missing", "maybe");
        assertNotEquals(0, bad.exit(), bad.out());
        assertTrue(bad.out().contains("6 problems with the parameters"), bad.out());
        for (String expected : List.of("--max_cpus: 'two' is not a whole number", "--seed: '1.5' is not a whole number",
                "--dgex_dropuot: unknown parameter (did you mean --dgex_dropout?)", "--dgex_gctx: file /no/such.gctx does not exist",
                "--valid_fraction: 7 is above the maximum 1", "--dgex_missing: 'maybe' is not one of")) {
            assertTrue(bad.out().contains(expected), expected + "\n" + bad.out());
        }
        assertFalse(bad.out().contains("Submitted process"), bad.out());
    }

    @Test
    void helpListsEveryParameterOfTheSchema() throws Exception {
        Run help = nextflow("run", repo.toString(), "--help", "-ansi-log", "false");
        assertEquals(0, help.exit(), help.out());
        JsonNode schema = Json.MAPPER.readTree(Path.of("nextflow_schema.json").toFile());
        TreeSet<String> missing = new TreeSet<>();
        for (JsonNode group : schema.get("$defs")) {
            assertTrue(help.out().contains(group.get("title").asText() + ":"));
            group.get("properties").fieldNames().forEachRemaining(p -> {
                if (!help.out().contains("--" + p + " ")) {
                    missing.add(p);
                }
            });
        }
        assertTrue(missing.isEmpty(), "not in --help: " + missing);
        assertFalse(help.out().contains("Submitted process"));
    }

    @Test
    void aValidPreviewWritesPipelineInfo() throws Exception {
        Path results = launch.resolve("results");
        Run ok = nextflow("run", repo.toString(), "-profile", "test", "-preview", "-ansi-log", "false",
                "--outdir", results.toString(), "-w", launch.resolve("work").toString());
        assertEquals(0, ok.exit(), ok.out());
        String versions = Files.readString(results.resolve("pipeline_info/software_versions.yml"));
        assertTrue(versions.contains("version: 0.1.0") && versions.contains("nextflow: 24.10.0")
                && versions.contains("pytorch: 2.5.1"), versions);
        JsonNode params = Json.MAPPER.readTree(results.resolve("pipeline_info/params.json").toFile());
        assertEquals(1, params.get("max_cpus").asInt());
        assertEquals(20, params.get("dgex_epochs").asInt());
    }
}
