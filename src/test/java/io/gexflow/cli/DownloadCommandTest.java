package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.download.Checksum;
import io.gexflow.io.download.Downloader;
import io.gexflow.testutil.FlakyHttpServer;
import io.gexflow.testutil.FlakyHttpServer.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gexflow download} against a local, deliberately flaky HTTP server on 127.0.0.1. */
@Timeout(15)
class DownloadCommandTest {
    private static final int SIZE = 256 * 1024;

    @TempDir Path dir;
    private FlakyHttpServer server;
    private byte[] content;
    private Path out;

    @BeforeEach
    void start() throws Exception {
        server = FlakyHttpServer.start();
        content = bytes(SIZE, 1);
        out = dir.resolve("data").resolve("file.bin");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs {@code gexflow download ...} in-process, with short backoff and timeout unless the test sets its own. */
    private static CliRunner.Result run(String... args) {
        var cl = Main.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        cl.setOverwrittenOptionsAllowed(true); // the defaults below, then the test's own
        List<String> all = new ArrayList<>(List.of("download", "--backoff-ms", "10", "--timeout-s", "2"));
        all.addAll(Arrays.asList(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new CliRunner.Result(exit, o.toString(), e.toString());
    }

    private CliRunner.Result download(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }

    private String md5(byte[] b) throws Exception {
        Path f = Files.write(dir.resolve("md5-of"), b);
        return Checksum.digest(Checksum.MD5, f);
    }

    /** Fails with one error line, the last of stderr, naming every {@code named}; FILE is absent. */
    private String assertFailed(CliRunner.Result r, String... named) {
        assertNotEquals(0, r.exit(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("gexflow download: error: "), r.err());
        assertEquals(1, lines.stream().filter(l -> l.contains("error:")).count(), r.err());
        for (String n : named) {
            assertTrue(error.contains(n), "names " + n + ": " + error);
        }
        assertFalse(Files.exists(out), "no FILE after a failure");
        return error;
    }

    private void assertDownloaded(CliRunner.Result r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(content, Files.readAllBytes(out));
        assertFalse(Files.exists(Downloader.partFile(out)), "no .part left");
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "nothing else beside FILE (lock, temp)");
        }
    }

    @Test
    void downloadsThenFindsItAlreadyThere() throws Exception {
        server.serve("/f.bin", content);
        String md5 = md5(content);
        var r = download(server.url("/f.bin"), "--md5", md5);
        assertDownloaded(r);
        assertTrue(r.err().contains("md5 verified"), r.err());
        assertEquals(1, server.requests("/f.bin").size());

        var again = download(server.url("/f.bin"), "--md5", md5);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("already there and its md5 verifies"), again.err());
        assertEquals(1, server.requests("/f.bin").size(), "nothing fetched the second time");
    }

    @Test
    void truncatedBodiesResumeWithRange() throws Exception {
        server.serve("/f.bin", content, Mode.TRUNCATE, 2);
        var r = download(server.url("/f.bin"), "--retries", "3");
        assertDownloaded(r);
        List<FlakyHttpServer.Request> reqs = server.requests("/f.bin");
        assertEquals(3, reqs.size(), reqs.toString());
        assertNull(reqs.get(0).range());
        long have = 0;
        for (int i = 1; i < reqs.size(); i++) {
            have += reqs.get(i - 1).bytesSent();
            assertEquals("bytes=" + have + "-", reqs.get(i).range(), "resumes where it stopped");
            assertEquals(206, reqs.get(i).status());
            assertTrue(reqs.get(i).bytesSent() < SIZE, "sends only the rest");
        }
        assertEquals(SIZE, reqs.stream().mapToLong(FlakyHttpServer.Request::bytesSent).sum(), "no byte sent twice");
        assertTrue(r.err().contains("truncated"), r.err());
    }

    @Test
    void partialFileStaysAndTheNextRunResumesIt() throws Exception {
        server.serve("/f.bin", content, Mode.TRUNCATE, 1);
        var failed = download(server.url("/f.bin"), "--retries", "0");
        String error = assertFailed(failed, server.url("/f.bin"), out.toAbsolutePath().toString(), "truncated",
                ".file.bin.part", "resumes");
        assertTrue(error.contains("gave up after 1 attempt"), error);
        long half = Files.size(Downloader.partFile(out));
        assertEquals(SIZE / 2, half);

        var r = download(server.url("/f.bin"), "--retries", "0");
        assertDownloaded(r);
        FlakyHttpServer.Request second = server.requests("/f.bin").get(1);
        assertEquals("bytes=" + half + "-", second.range());
        assertEquals(SIZE - half, second.bytesSent());
    }

    @Test
    void serverIgnoringRangeRestartsFromZero() throws Exception {
        server.serve("/f.bin", content, Mode.NO_RANGE, 0);
        Files.createDirectories(out.getParent());
        Files.write(Downloader.partFile(out), bytes(1000, 99)); // a stale partial file
        var r = download(server.url("/f.bin"));
        assertDownloaded(r);
        FlakyHttpServer.Request only = server.requests("/f.bin").get(0);
        assertEquals("bytes=1000-", only.range());
        assertEquals(200, only.status());
        assertTrue(r.err().contains("starting again from 0"), r.err());
    }

    @Test
    void completePartialFileNeedsNoBody() throws Exception {
        server.serve("/f.bin", content);
        Files.createDirectories(out.getParent());
        Files.write(Downloader.partFile(out), content);
        var r = download(server.url("/f.bin"), "--md5", md5(content));
        assertDownloaded(r);
        FlakyHttpServer.Request only = server.requests("/f.bin").get(0);
        assertEquals(416, only.status());
        assertEquals(0, only.bytesSent());
    }

    /**
     * The JDK HttpClient re-sends a GET once by itself when the connection closes before any response
     * byte, so each attempt here is two requests.
     */
    @Test
    void droppedConnectionsAreRetried() throws Exception {
        server.serve("/f.bin", content, Mode.DROP, 4);
        var r = download(server.url("/f.bin"), "--retries", "2");
        assertDownloaded(r);
        assertEquals(5, server.requests("/f.bin").size());
        assertTrue(r.err().contains("retry 2 of 2"), r.err());
        assertTrue(r.err().contains("header parser received no bytes"), r.err());
    }

    @Test
    void droppedConnectionsForeverGiveUp() {
        server.serve("/f.bin", content, Mode.DROP, Integer.MAX_VALUE);
        var r = download(server.url("/f.bin"), "--retries", "2");
        assertFailed(r, server.url("/f.bin"), "gave up after 3 attempts");
        assertEquals(6, server.requests("/f.bin").size(), "at most 2 requests an attempt");
    }

    @Test
    void notFoundIsNotRetried() {
        var r = download(server.url("/missing.bin"), "--retries", "5");
        String error = assertFailed(r, server.url("/missing.bin"), "HTTP 404 Not Found", "not retried",
                out.toAbsolutePath().toString());
        assertEquals(1, server.requests("/missing.bin").size());
        assertEquals(1, r.err().strip().lines().count(), "a single line: " + r.err());
        assertFalse(error.contains(".part"), "nothing partial to keep: " + error);
    }

    @Test
    void forbiddenAndGoneAreNotRetried() {
        server.serve("/403.bin", content, Mode.STATUS, Integer.MAX_VALUE, 403, 0);
        server.serve("/410.bin", content, Mode.STATUS, Integer.MAX_VALUE, 410, 0);
        var r = run("--url", server.url("/403.bin"), "--url", server.url("/410.bin"), "--out", out.toString());
        assertFailed(r, server.url("/403.bin") + ": HTTP 403 Forbidden", server.url("/410.bin") + ": HTTP 410 Gone");
        assertEquals(1, server.requests("/403.bin").size());
        assertEquals(1, server.requests("/410.bin").size());
    }

    @Test
    void serverErrorThenOk() throws Exception {
        server.serve("/f.bin", content, Mode.STATUS, 2, 500, 0);
        var r = download(server.url("/f.bin"), "--retries", "5");
        assertDownloaded(r);
        assertEquals(3, server.requests("/f.bin").size());
    }

    @Test
    void retriesAreBounded() {
        server.serve("/f.bin", content, Mode.STATUS, Integer.MAX_VALUE, 503, 0);
        long t0 = System.nanoTime();
        var r = download(server.url("/f.bin"), "--retries", "3");
        assertFailed(r, server.url("/f.bin"), "HTTP 503", "gave up after 4 attempts");
        assertEquals(4, server.requests("/f.bin").size());
        assertTrue(System.nanoTime() - t0 < 5e9, "backoff 10, 20, 40 ms");
    }

    @Test
    void progressResetsTheRetryCount() throws Exception {
        content = bytes(4 << 20, 2);
        server.serve("/big.bin", content, Mode.TRUNCATE, 2); // drops after 2 MiB, then after 1 MiB
        var r = download(server.url("/big.bin"), "--retries", "1");
        assertDownloaded(r);
        assertEquals(3, server.requests("/big.bin").size());
    }

    @Test
    void checksumMismatchLeavesNoFile() throws Exception {
        server.serve("/f.bin", bytes(SIZE, 7));
        String expected = md5(content);
        String actual = md5(bytes(SIZE, 7));
        var r = download(server.url("/f.bin"), "--md5", expected);
        assertFailed(r, out.toAbsolutePath().toString(), "md5 mismatch", "expected " + expected, "actual " + actual);
        assertFalse(Files.exists(Downloader.partFile(out)), "the bad bytes are deleted");
    }

    @Test
    void mirrorAfterFirstOneFails() throws Exception {
        server.serve("/b/f.bin", content);
        var r = run("--url", server.url("/a/f.bin"), "--url", server.url("/b/f.bin"), "--out", out.toString(),
                "--md5", md5(content));
        assertDownloaded(r);
        assertEquals(1, server.requests("/a/f.bin").size());
        assertEquals(404, server.requests("/a/f.bin").get(0).status());
        assertEquals(1, server.requests("/b/f.bin").size());
        assertTrue(r.err().contains("trying the next mirror"), r.err());
        assertTrue(r.err().contains("from " + server.url("/b/f.bin")), r.err());
    }

    @Test
    void ledgerRecordsOnFirstDownloadAndVerifiesAfter() throws Exception {
        server.serve("/f.bin", content);
        Path ledger = dir.resolve("cache").resolve("checksums.tsv");
        String url = server.url("/f.bin");
        var first = download(url, "--checksum-ledger", ledger.toString());
        assertDownloaded(first);
        String sha = Checksum.digest(Checksum.SHA256, out);
        assertEquals(List.of("url\tsha256\tbytes", url + "\t" + sha + "\t" + SIZE), Files.readAllLines(ledger));

        Files.delete(out);
        var second = download(url, "--checksum-ledger", ledger.toString());
        assertDownloaded(second);
        assertTrue(second.err().contains("sha256 verified"), second.err());

        // a damaged FILE fails the recorded checksum: fetched again
        Files.write(out, bytes(SIZE, 5));
        var repaired = download(url, "--checksum-ledger", ledger.toString());
        assertDownloaded(repaired);
        assertTrue(repaired.err().contains("already there but sha256 mismatch"), repaired.err());

        // a tampered ledger: the download no longer verifies
        String forged = "0".repeat(64);
        Files.writeString(ledger, "url\tsha256\tbytes\n" + url + "\t" + forged + "\t" + SIZE + "\n");
        Files.delete(out);
        var tampered = download(url, "--checksum-ledger", ledger.toString());
        assertFailed(tampered, out.toAbsolutePath().toString(), "expected " + forged, "actual " + sha,
                ledger.toAbsolutePath().toString());
        assertEquals(4, server.requests("/f.bin").size());
    }

    @Test
    void stalledBodyTimesOutAndResumes() throws Exception {
        server.serve("/f.bin", content, Mode.STALL, 1, 0, 10_000);
        var r = download(server.url("/f.bin"), "--timeout-s", "1");
        assertDownloaded(r);
        List<FlakyHttpServer.Request> reqs = server.requests("/f.bin");
        assertEquals(2, reqs.size(), reqs.toString());
        assertEquals("bytes=16-", reqs.get(1).range());
        assertTrue(r.err().contains("no data for 1 s"), r.err());
    }

    @Test
    void slowButSteadyBodyIsNotATimeoutAndShowsProgress() throws Exception {
        server.serve("/f.bin", content, Mode.SLOW, 0, 0, 200); // ~1.4 s in all, never 1 s silent
        var r = download(server.url("/f.bin"), "--timeout-s", "1", "--progress-interval-s", "0");
        assertDownloaded(r);
        assertEquals(1, server.requests("/f.bin").size());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("file\\.bin: .* of 256\\.0 KiB \\(\\d+\\.\\d%\\), .*/s.*")),
                r.err());
    }

    @Test
    void connectionRefusedIsRetriedThenNamed() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there now
        }
        String url = "http://127.0.0.1:" + port + "/f.bin";
        var r = download(url, "--retries", "1");
        assertFailed(r, url, "cannot connect", "gave up after 2 attempts");
    }

    @Test
    void rejectsBadArguments() {
        assertEquals(2, download(server.url("/f.bin"), "--md5", "abc").exit());
        assertEquals(2, download(server.url("/f.bin"), "--md5", "0".repeat(32), "--sha256", "0".repeat(64)).exit());
        assertEquals(2, download("ftp://example.org/x", "--retries", "0").exit());
        assertEquals(2, download(server.url("/f.bin"), "--timeout-s", "0").exit());
        assertFalse(Files.exists(out));
    }
}
