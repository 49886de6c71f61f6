package io.gexflow.testutil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) that serves byte arrays and misbehaves on purpose for
 * the first K requests of a path. It records every request (Range header, status, body bytes sent) and
 * stops itself after {@link #LIFETIME_SECONDS} even if a test forgets to close it.
 */
public final class FlakyHttpServer implements AutoCloseable {
    public static final int LIFETIME_SECONDS = 60;

    public enum Mode {
        /** Serves the content, honouring {@code Range: bytes=N-} with 206. */
        OK,
        /** Ignores Range: always 200 and the whole file. */
        NO_RANGE,
        /** The first K times: sends Content-Length but closes after half of the body. */
        TRUNCATE,
        /** The first K times: closes the connection without any response. */
        DROP,
        /** The first K times: answers {@code status} (K = Integer.MAX_VALUE: always). */
        STATUS,
        /** The first K times: sends headers and a few bytes, then goes silent for {@code delayMillis}. */
        STALL,
        /** Sends the body in 8 pieces with {@code delayMillis} between them. */
        SLOW
    }

    /** One request as the server saw it: logged on arrival, status and bytes filled in as they are sent. */
    public static final class Request {
        private final String path;
        private final String range;
        private volatile int status;
        private volatile long bytesSent;

        Request(String path, String range) {
            this.path = path;
            this.range = range;
        }

        public String path() {
            return path;
        }

        /** The Range header, or null. */
        public String range() {
            return range;
        }

        /** 0 when the connection closed before any status. */
        public int status() {
            return status;
        }

        /** Body bytes handed to the connection. */
        public long bytesSent() {
            return bytesSent;
        }

        @Override
        public String toString() {
            return path + " Range=" + range + " -> " + status + ", " + bytesSent + " bytes";
        }
    }

    private record Route(byte[] content, Mode mode, int k, int status, long delayMillis, AtomicInteger count) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "flaky-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Thread reaper;

    private FlakyHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        reaper = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(LIFETIME_SECONDS));
                close();
            } catch (InterruptedException ignored) {
                // closed in time
            }
        }, "flaky-http-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    public static FlakyHttpServer start() throws IOException {
        return new FlakyHttpServer();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public FlakyHttpServer serve(String path, byte[] content) {
        return serve(path, content, Mode.OK, 0, 0, 0);
    }

    public FlakyHttpServer serve(String path, byte[] content, Mode mode, int k) {
        return serve(path, content, mode, k, 0, 0);
    }

    public FlakyHttpServer serve(String path, byte[] content, Mode mode, int k, int status, long delayMillis) {
        routes.put(path, new Route(content, mode, k, status, delayMillis, new AtomicInteger()));
        return this;
    }

    /** The requests of {@code path} so far, in order. */
    public List<Request> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Request request = new Request(path, ex.getRequestHeaders().getFirst("Range"));
        synchronized (requests) {
            requests.add(request);
        }
        try {
            Route route = routes.get(path);
            if (route == null) {
                reply(ex, 404, "not found", request);
                return;
            }
            boolean misbehave = route.count().incrementAndGet() <= route.k();
            if (misbehave && route.mode() == Mode.DROP) {
                ex.close(); // before any header: the connection just closes
                return;
            }
            if (misbehave && route.mode() == Mode.STATUS) {
                reply(ex, route.status(), "status " + route.status(), request);
                return;
            }
            serveContent(ex, route, request, misbehave);
        } catch (IOException e) {
            // the client went away, or a deliberate short body
        } finally {
            ex.close();
        }
    }

    private static void serveContent(HttpExchange ex, Route route, Request request, boolean misbehave)
            throws IOException {
        String range = request.range();
        byte[] content = route.content();
        long start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        boolean ranged = m != null && m.matches() && route.mode() != Mode.NO_RANGE;
        if (ranged) {
            start = Long.parseLong(m.group(1));
            if (start >= content.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                request.status = 416;
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        int length = content.length - (int) start;
        request.status = ranged ? 206 : 200;
        ex.sendResponseHeaders(request.status, length == 0 ? -1 : length);
        OutputStream os = ex.getResponseBody();
        int end = content.length;
        if (misbehave && route.mode() == Mode.TRUNCATE) {
            end = (int) start + Math.max(1, length / 2);
        }
        if (misbehave && route.mode() == Mode.STALL) {
            int few = Math.min(16, length);
            request.bytesSent = few;
            os.write(content, (int) start, few);
            os.flush();
            sleep(route.delayMillis());
            return;
        }
        int piece = route.mode() == Mode.SLOW ? Math.max(1, length / 8 + 1) : 64 * 1024;
        for (int off = (int) start; off < end; off += piece) {
            int n = Math.min(piece, end - off);
            request.bytesSent += n; // before the write: a client that has the bytes sees them counted
            os.write(content, off, n);
            os.flush();
            if (route.mode() == Mode.SLOW && off + n < end) {
                sleep(route.delayMillis());
            }
        }
        // a short TRUNCATE body: returning closes the exchange, the stream is short, the connection closes
    }

    private static void reply(HttpExchange ex, int code, String text, Request request) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        request.status = code;
        request.bytesSent = body.length;
        ex.sendResponseHeaders(code, body.length);
        ex.getResponseBody().write(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        if (Thread.currentThread() != reaper) {
            reaper.interrupt();
        }
    }
}
