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
 * reachable): {@code -profile test --tracks dgex} runs once locally; then the same command under
 * {@code -profile test,slurm} on a one-node SLURM cluster started by {@code .ci/slurm-up.sh}, and
 * under {@code -profile test,podman} in the image {@code containers/build-local.sh} builds (no
 * registry, no Docker daemon), must give the same metrics. Also: a job the cluster can never start
 * fails the run within {@code --max_queue_wait}, naming what it asked for.
 *
 * <p>Needs root (munged, slurmd, rootful podman, debootstrap) and apt-get, and about 30 minutes on a
 * 2-core machine (image build ~7, three D-GEX track runs ~3-13 each), beyond the ~20 minutes that
 * {@code mvn -B verify} keeps to: so it is opt-in, {@code mvn -B verify -Dgexflow.it.infra=run}
 * (README "Clusters and containers"), and says so when it does not run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunAnywhereIT {
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
        if (!"run".equals(System.getProperty("gexflow.it.infra"))) {
            String why = "RunAnywhereIT is opt-in (about 30 min, root, apt-get): "
                    + "mvn -B verify -Dgexflow.it.infra=run -Dit.test=RunAnywhereIT";
            System.out.println(why); // the build log shows it: an abort in @BeforeAll counts no test
            Assumptions.abort(why);
        }
        String user = System.getProperty("user.name");
        assertEquals("root", user, "RunAnywhereIT starts munged/slurmd and rootful podman: run it as root");
    }

    @BeforeAll
    static void localRun() throws Exception {
        requireInfrastructure();
        // -Dgexflow.it.localResults=DIR: compare with an earlier local run's results (when re-running one test)
        String earlier = System.getProperty("gexflow.it.localResults");
        if (earlier != null && !earlier.isBlank()) {
            localResults = Path.of(earlier);
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
    void slurmProfileRunsOnAOneNodeClusterWithTheLocalMetrics() throws Exception {
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
        Map<String, String> env = Map.of("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        try {
            Run slurm = pipeline("slurm", env, "test,slurm");
            assertEquals(0, slurm.exit(), slurm.log());
            String nfLog = Files.readString(scratch.resolve("slurm/.nextflow.log"));
            assertTrue(nfLog.contains("[SLURM] submitted process"), "tasks went through sbatch");
            assertSameMetrics(scratch.resolve("slurm/results"));

            // a job asking more CPUs than any node has stays pending (PartitionConfig): the run fails
            // after --max_queue_wait and says what the job asked for
            Run stuck = pipeline("slurm-stuck", env, "test,slurm", "-stub", "--max_cpus", "8", "--max_queue_wait", "20.s");
            assertNotEquals(0, stuck.exit(), stuck.log());
            assertTrue(stuck.log().contains("DEDUP") && stuck.log().contains("asked for cpus=8"), stuck.log());
        } finally {
            run(scratch.resolve("slurm-down"), Map.of(), 2, repo.resolve(".ci/slurm-down.sh").toString(), cluster.toString());
        }
    }

    @Test
    @Order(2)
    void podmanProfileRunsInTheLocallyBuiltImageWithTheLocalMetrics() throws Exception {
        Map<String, String> env = Map.of("CONTAINERS_CONF", repo.resolve("containers/containers.conf").toString());
        Run build = run(scratch.resolve("image"), env, 20, repo.resolve("containers/build-local.sh").toString());
        assertEquals(0, build.exit(), build.log());
        assertTrue(build.log().contains("localhost/gexflow:"), build.log());

        Run podman = pipeline("podman", env, "test,podman");
        assertEquals(0, podman.exit(), podman.log());
        try (Stream<Path> runs = Files.find(scratch.resolve("podman/work"), 3, (p, a) -> p.endsWith(".command.run"))) {
            Path any = runs.findFirst().orElseThrow();
            assertTrue(Files.readString(any).contains("podman run"), "tasks ran in containers: " + any);
        }
        String versions = Files.readString(scratch.resolve("podman/results/pipeline_info/software_versions.yml"));
        assertTrue(versions.contains("container: podman localhost/gexflow:"), versions);
        assertSameMetrics(scratch.resolve("podman/results"));
    }
}
