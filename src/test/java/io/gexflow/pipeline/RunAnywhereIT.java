package io.gexflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gexflow.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "run anywhere", for real on this kind of machine (root, Debian, package registries
 * reachable), as part of {@code mvn -B verify}: {@code containers/build-local.sh} builds the image (no
 * registry, no Docker daemon), {@code .ci/slurm-up.sh} starts a one-node SLURM cluster, and
 * {@code -profile test,slurm,podman --tracks dgex} runs every task as a SLURM job inside that image, as
 * an HPC site with containers does; its metrics must equal the local run's. Also: a job the cluster can
 * never start fails the run within {@code --max_queue_wait}, naming what it asked for.
 *
 * <p>The local run is {@link PipelineTestProfileIT}'s (failsafe runs the ITs in alphabetical order; it
 * leaves its D-GEX metrics in {@code target/it-reference/}); when that is missing or older than the jar
 * (this IT run alone), this test makes its own. One combined SLURM + podman run instead of one each keeps
 * {@code mvn -B verify} near its time budget on 2 cores. Needs root (munged, slurmd, rootful podman,
 * mmdebstrap); as another user, or with {@code -Dgexflow.it.infra=skip}, it says so and runs no test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunAnywhereIT {
    /** Where {@link PipelineTestProfileIT} copies the test profile's dgex and dgex_gtex metrics. */
    static final Path REFERENCE = Path.of("target/it-reference/test-profile").toAbsolutePath();

    @TempDir static Path scratch;
    static Path repo = Path.of("").toAbsolutePath();
    static Path localResults;

    record Run(int exit, String log, double seconds) {}

    static Run run(Path dir, Map<String, String> env, long minutes, String... cmd) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path logFile = dir.resolve("console.log");
        // stream to a file so that a hung run still leaves its log
        try (var in = p.getInputStream()) {
            Files.copy(in, logFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in " + minutes + " min:\n" + Files.readString(logFile));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        System.out.printf("RunAnywhereIT: %s: exit %d in %.0f s%n", String.join(" ", cmd), p.exitValue(), s);
        return new Run(p.exitValue(), log, s);
    }

    static Run pipeline(String name, Map<String, String> env, String profile, String... extra) throws Exception {
        Path dir = scratch.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("nextflow").toString(), "run", repo.toString(),
                "-profile", profile, "--tracks", "dgex", "-ansi-log", "false",
                "--outdir", dir.resolve("results").toString(), "-w", dir.resolve("work").toString()));
        cmd.addAll(List.of(extra));
        return run(dir, env, 45, cmd.toArray(String[]::new));
    }

    static void requireInfrastructure() {
        String why = null;
        if ("skip".equals(System.getProperty("gexflow.it.infra"))) {
            why = "RunAnywhereIT skipped by -Dgexflow.it.infra=skip";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            why = "RunAnywhereIT needs root (it installs packages and starts munged, slurmd and rootful podman); "
                    + "running as " + System.getProperty("user.name");
        }
        if (why != null) {
            System.out.println(why); // the build log shows it: an abort in @BeforeAll counts no test
            Assumptions.abort(why);
        }
    }

    /** The reference is this build's: written after the jar the pipeline runs was packaged. */
    static boolean currentReference() throws IOException {
        Path jar = repo.resolve("target/gexflow.jar");
        for (String track : List.of("dgex", "dgex_gtex")) {
            Path m = REFERENCE.resolve(track + "/metrics.json");
            if (!Files.isRegularFile(m) || !Files.isRegularFile(jar)
                    || Files.getLastModifiedTime(m).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return false;
            }
        }
        return true;
    }

    @BeforeAll
    static void localRun() throws Exception {
        requireInfrastructure();
        if (currentReference()) {
            localResults = REFERENCE;
            System.out.println("RunAnywhereIT: the local run is PipelineTestProfileIT's, " + REFERENCE);
            return;
        }
        Run local = pipeline("local", Map.of(), "test");
        assertEquals(0, local.exit(), local.log());
        localResults = scratch.resolve("local/results");
    }

    /** dgex and dgex_gtex metrics.json of a run equal the local run's, value for value. */
    static void assertSameMetrics(Path results) throws IOException {
        for (String track : List.of("dgex", "dgex_gtex")) {
            JsonNode expected = Json.MAPPER.readTree(localResults.resolve(track + "/metrics.json").toFile());
            JsonNode actual = Json.MAPPER.readTree(results.resolve(track + "/metrics.json").toFile());
            assertTrue(expected.get("models").size() >= 5, track + " has its models");
            assertEquals(expected, actual, track + "/metrics.json differs from the local run's");
        }
    }

    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Order(1)
    void slurmJobsInThePodmanImageGiveTheLocalMetrics() throws Exception {
        Map<String, String> containers = Map.of("CONTAINERS_CONF", repo.resolve("containers/containers.conf").toString());
        Run build = run(scratch.resolve("image"), containers, 20, repo.resolve("containers/build-local.sh").toString());
        assertEquals(0, build.exit(), build.log());
        assertTrue(build.log().contains("localhost/gexflow:"), build.log());
        System.out.println("RunAnywhereIT: " + build.log().lines().filter(l -> l.startsWith("build-local: built"))
                .findFirst().orElse("image built"));

        Path cluster = scratch.resolve("slurm-cluster");
        // free ports, so that a cluster already running on this machine (6817/6818) is no obstacle
        int ctld = freePort();
        int slurmd = freePort();
        while (slurmd == ctld) {
            slurmd = freePort();
        }
        Map<String, String> ports = Map.of("SLURMCTLD_PORT", String.valueOf(ctld), "SLURMD_PORT", String.valueOf(slurmd));
        Run up = run(scratch.resolve("slurm-up"), ports, 15, repo.resolve(".ci/slurm-up.sh").toString(), cluster.toString());
        assertEquals(0, up.exit(), up.log());
        Map<String, String> env = new java.util.HashMap<>(containers);
        env.put("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        try {
            Run hpc = pipeline("slurm-podman", env, "test,slurm,podman");
            assertEquals(0, hpc.exit(), hpc.log());
            String nfLog = Files.readString(scratch.resolve("slurm-podman/.nextflow.log"));
            assertTrue(nfLog.contains("[SLURM] submitted process"), "tasks went through sbatch");
            try (Stream<Path> runs = Files.find(scratch.resolve("slurm-podman/work"), 3, (p, a) -> p.endsWith(".command.run"))) {
                Path any = runs.findFirst().orElseThrow();
                String script = Files.readString(any);
                assertTrue(script.contains("#SBATCH") && script.contains("podman run"), "a SLURM job running podman: " + any);
            }
            String versions = Files.readString(scratch.resolve("slurm-podman/results/pipeline_info/software_versions.yml"));
            assertTrue(versions.contains("container: podman localhost/gexflow:"), versions);
            assertSameMetrics(scratch.resolve("slurm-podman/results"));

            // a job asking more CPUs than any node has stays pending (PartitionConfig): the run fails
            // after --max_queue_wait and says what the job asked for
            Run stuck = pipeline("slurm-stuck", env, "test,slurm", "-stub", "--max_cpus", "8", "--max_queue_wait", "20.s");
            assertNotEquals(0, stuck.exit(), stuck.log());
            assertTrue(stuck.log().contains("DEDUP") && stuck.log().contains("asked for cpus=8"), stuck.log());
        } finally {
            run(scratch.resolve("slurm-down"), Map.of(), 2, repo.resolve(".ci/slurm-down.sh").toString(), cluster.toString());
        }
    }
}
