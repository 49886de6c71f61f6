package io.gexflow.io.download;

import io.gexflow.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one file over HTTP(S) into a hidden {@code .NAME.part} sibling of its final name, robustly:
 * mirrors in order; a partial file resumes with {@code Range: bytes=N-} (a 200 answer restarts from 0);
 * connection drops, timeouts, stalls, truncated bodies, 408/429 and 5xx are retried with exponential
 * backoff; other 4xx (404, 403, 410, ...) move on to the next mirror at once. The body streams to disk
 * with back-pressure, so memory stays bounded whatever the size. The caller verifies and renames.
 *
 * <p>Note: the JDK's HttpClient itself re-sends a GET once when a connection closes before any byte of
 * the response (it takes that for a stale keep-alive connection), so one attempt may be two requests.
 */
public final class Downloader {
    /**
     * @param retries retries per mirror after failed attempts; an attempt that moved the download forward
     *     by at least {@link #PROGRESS_BYTES} starts the count afresh, within {@link #ATTEMPTS_PER_RETRY}
     *     x (retries + 1) attempts in all
     * @param timeoutSeconds to connect, to get the response headers, and the longest silence in a body
     */
    public record Options(int retries, long backoffMillis, int timeoutSeconds, long progressIntervalMillis) {
        public Options {
            if (retries < 0 || backoffMillis < 0 || timeoutSeconds < 1 || progressIntervalMillis < 0) {
                throw new IllegalArgumentException("retries >= 0, backoff >= 0, timeout >= 1 s, progress interval >= 0");
            }
        }
    }

    /** Looks at a complete download: null when it is good, else the problem in a few words (one line). */
    @FunctionalInterface
    public interface Verifier {
        String problem(Path complete, String url);
    }

    /** What was fetched: from which URL, its size, how many HTTP requests it took. */
    public record Result(String url, long bytes, int requests, long nanos) {}

    /** An attempt that added this much resets the retry count (a flaky link still finishes a big file). */
    public static final long PROGRESS_BYTES = 1 << 20;

    public static final int ATTEMPTS_PER_RETRY = 10;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final long POLL_MILLIS = 100;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    private final Options options;
    private final PrintWriter log;
    private final String userAgent;
    private final HttpClient client;
    private int requests;
    /** Bytes at the head of the part file that the current mirror did not send in this run. */
    private long inheritedBytes;

    public Downloader(Options options, PrintWriter log, String userAgent) {
        this.options = options;
        this.log = log;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(options.timeoutSeconds()))
                .proxy(EnvProxySelector.of(System.getenv()))
                .build();
    }

    /** Where the bytes of {@code out} gather until they are complete: {@code .NAME.part} beside it. */
    public static Path partFile(Path out) {
        Path abs = out.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".part");
    }

    /**
     * Fetches {@code urls} (mirrors, tried in order) into {@link #partFile(Path)} until one gives a file
     * the verifier accepts; returns with the good file there, to be renamed by the caller.
     *
     * @throws InputException naming {@code out} and every mirror's problem when none succeeds; a partial
     *     file stays for the next run to resume (the message says where)
     */
    public Result fetch(List<URI> urls, Path out, Verifier verifier) {
        Path part = partFile(out);
        String name = part.getFileName().toString().replaceAll("^\\.|\\.part$", "");
        Path lockFile = part.resolveSibling("." + name + ".lock");
        try {
            Files.createDirectories(part.getParent());
        } catch (IOException e) {
            throw new InputException(out, "cannot create the directory (" + e.getMessage() + ")", e);
        }
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new InputException(out, "another download of this file is running (it holds " + lockFile + ")");
            }
            try {
                for (int i = 0; i < urls.size(); i++) {
                    URI url = urls.get(i);
                    if (i > 0) {
                        say(name + ": " + failures.get(failures.size() - 1) + "; trying the next mirror");
                    }
                    boolean fromScratch = false;
                    while (true) {
                        inheritedBytes = size(part);
                        String problem = fetchFrom(url, part, name);
                        if (problem != null) {
                            failures.add(url + ": " + problem);
                            break;
                        }
                        String bad = verifier.problem(part, url.toString());
                        if (bad == null) {
                            return new Result(url.toString(), size(part), requests, System.nanoTime() - t0);
                        }
                        long inherited = inheritedBytes;
                        Files.deleteIfExists(part);
                        if (inherited > 0 && !fromScratch) {
                            say(name + ": " + bad + "; the first " + Progress.bytes(inherited)
                                    + " came from an earlier attempt, so fetching it whole again from " + url);
                            fromScratch = true;
                            continue;
                        }
                        failures.add(url + ": " + bad + " (bad download deleted)");
                        break;
                    }
                }
            } finally {
                Files.deleteIfExists(lockFile);
                lock.release();
            }
        } catch (IOException e) {
            throw new InputException(out, "cannot write beside it (" + e.getMessage() + ")", e);
        }
        StringBuilder message = new StringBuilder("download failed: ").append(String.join("; ", failures));
        long left = size(part);
        if (left > 0) {
            message.append("; the partial download (").append(Progress.bytes(left)).append(") stays in ")
                    .append(part).append(" and the next run resumes it");
        }
        throw new InputException(out, message.toString());
    }

    /** One mirror with its retries: null when the part file is complete, else why this mirror failed. */
    private String fetchFrom(URI url, Path part, String name) {
        int failed = 0;
        int maxAttempts = ATTEMPTS_PER_RETRY * (options.retries() + 1);
        for (int attempt = 1; ; attempt++) {
            long before = size(part);
            Outcome o = attempt(url, part, name);
            if (o == Outcome.DONE) {
                return null;
            }
            if (!o.retry()) {
                return o.problem() + " (not retried)";
            }
            boolean progressed = size(part) - before >= PROGRESS_BYTES;
            failed = progressed ? 1 : failed + 1;
            if (failed > options.retries() || attempt >= maxAttempts) {
                return o.problem() + " (gave up after " + attempt + (attempt == 1 ? " attempt)" : " attempts)");
            }
            long wait = backoffMillis(failed);
            say(String.format("%s: %s: %s; retry %d of %d in %.1f s", name, url, o.problem(), failed,
                    options.retries(), wait / 1000.0));
            sleep(wait);
        }
    }

    long backoffMillis(int failure) {
        long wait = options.backoffMillis();
        for (int i = 1; i < failure && wait < MAX_BACKOFF_MILLIS; i++) {
            wait *= 2;
        }
        return Math.min(wait, MAX_BACKOFF_MILLIS);
    }

    private record Outcome(boolean retry, String problem) {
        static final Outcome DONE = new Outcome(false, null);

        static Outcome retry(String problem) {
            return new Outcome(true, problem);
        }

        static Outcome giveUp(String problem) {
            return new Outcome(false, problem);
        }
    }

    /** One HTTP request: headers first, then (for 200/206) the body to disk. */
    private Outcome attempt(URI url, Path part, String name) {
        long have = size(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET()
                .timeout(Duration.ofSeconds(options.timeoutSeconds()))
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "identity");
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        requests++;
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            return Outcome.retry("could not connect within " + options.timeoutSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return Outcome.retry("no response within " + options.timeoutSeconds() + " s");
        } catch (IOException e) {
            return Outcome.retry(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int code = response.statusCode();
        HttpHeaders headers = response.headers();
        if (code == 206) {
            String header = headers.firstValue("Content-Range").orElse(null);
            long[] range = contentRange(header);
            if (range == null || range[0] != have) {
                discard(response);
                truncate(part);
                return Outcome.retry("HTTP 206 with Content-Range " + header + " to Range bytes=" + have
                        + "-; starting again from 0");
            }
            return receive(response, part, have, range[2], name);
        }
        if (code == 200) {
            if (have > 0) {
                say(name + ": " + url + " sent the whole file (HTTP 200) to Range bytes=" + have
                        + "-: starting again from 0");
            }
            return receive(response, part, 0, headers.firstValueAsLong("Content-Length").orElse(-1), name);
        }
        discard(response);
        if (code == 416 && have > 0) {
            long[] range = contentRange(headers.firstValue("Content-Range").orElse(null));
            if (range != null && range[2] == have) {
                return Outcome.DONE; // the partial file was complete already
            }
            truncate(part);
            return Outcome.retry("HTTP 416: the partial file does not fit the remote file; starting again from 0");
        }
        String status = "HTTP " + code + reason(code);
        if (code >= 300 && code < 400) {
            return Outcome.giveUp(status + " redirect to " + headers.firstValue("Location").orElse("nowhere")
                    + " not followed");
        }
        if (code == 408 || code == 429 || code >= 500) {
            return Outcome.retry(status);
        }
        return Outcome.giveUp(status);
    }

    /** Streams the body into the part file from {@code start}; watches for silence longer than the timeout. */
    private Outcome receive(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, Path part, long start,
            long total, String name) {
        FileChannel channel;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(start);
            channel.position(start);
        } catch (IOException e) {
            discard(response);
            throw new InputException(part, "cannot write (" + e.getMessage() + ")", e);
        }
        if (start == 0) {
            inheritedBytes = 0;
        }
        FileSink sink = new FileSink(channel, start);
        Progress progress = new Progress(log, name, start, total, options.progressIntervalMillis());
        long silenceNanos = TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        String failure = null;
        response.body().subscribe(sink);
        try {
            while (failure == null) {
                try {
                    sink.done().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    progress.update(sink.position());
                    if (System.nanoTime() - sink.lastDataNanos() > silenceNanos) {
                        failure = "no data for " + options.timeoutSeconds() + " s";
                    }
                } catch (ExecutionException e) {
                    failure = (total >= 0 ? "body truncated: " : "") + "connection lost ("
                            + describe(e.getCause()) + ")";
                }
            }
            if (failure == null && sink.diskError() == null) {
                channel.force(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new InputException(part, "cannot write (" + e.getMessage() + ")", e);
        } finally {
            try {
                sink.close();
            } catch (IOException e) {
                throw new InputException(part, "cannot write (" + e.getMessage() + ")", e);
            }
        }
        if (sink.diskError() != null) {
            throw new InputException(part, "cannot write (" + sink.diskError().getMessage() + ")", sink.diskError());
        }
        long position = sink.position();
        String got = Progress.bytes(position) + (total >= 0 ? " of " + Progress.bytes(total) : "");
        if (failure != null) {
            return Outcome.retry(failure + " at " + got);
        }
        if (total >= 0 && position < total) {
            return Outcome.retry("body truncated: it ended at " + got);
        }
        progress.update(position);
        return Outcome.DONE;
    }

    private static String reason(int code) {
        return switch (code) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 408 -> " Request Timeout";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** {first, last, total} of a Content-Range header; -1 for '*'; null when absent or malformed. */
    static long[] contentRange(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(header.strip());
        if (!m.matches()) {
            return null;
        }
        long first = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
        long last = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        return new long[] {first, last, total};
    }

    /** Drops a body we do not want without reading it (the connection closes). */
    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {}
        });
    }

    private static void truncate(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new InputException(part, "cannot delete (" + e.getMessage() + ")", e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof java.net.ConnectException) {
            Throwable cause = t.getCause();
            String why = t.getMessage() != null ? t.getMessage()
                    : cause instanceof java.nio.channels.UnresolvedAddressException ? "unknown host"
                    : cause instanceof java.nio.channels.ClosedChannelException ? "connection refused or reset"
                    : cause != null ? describe(cause) : "ConnectException";
            return "cannot connect (" + why + ")";
        }
        Throwable root = t;
        while (root.getMessage() == null && root.getCause() != null) {
            root = root.getCause();
        }
        String what = root.getClass().getSimpleName();
        return root.getMessage() == null ? what : what + ": " + root.getMessage().replaceAll("\\s+", " ").strip();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void say(String line) {
        log.println(line);
        log.flush();
    }
}
