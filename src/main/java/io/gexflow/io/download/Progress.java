package io.gexflow.io.download;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines (bytes, %, rate, time left) at most once per interval, for logs that are not terminals. */
final class Progress {
    private final PrintWriter log;
    private final String name;
    private final long start;
    private final long total;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;

    /**
     * @param start bytes already on disk when this transfer began (a resumed download)
     * @param total the whole file's size, or -1 when the server did not say
     */
    Progress(PrintWriter log, String name, long start, long total, long intervalMillis) {
        this.log = log;
        this.name = name;
        this.start = start;
        this.total = total;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    void update(long position) {
        long now = System.nanoTime();
        if (now - lastNanos >= intervalNanos && position > start) {
            lastNanos = now;
            log.println(line(position, now));
            log.flush();
        }
    }

    private String line(long position, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (position - start) / seconds;
        StringBuilder sb = new StringBuilder(name).append(": ").append(bytes(position));
        if (total > 0) {
            sb.append(" of ").append(bytes(total))
                    .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * position / total));
        }
        sb.append(", ").append(bytes((long) rate)).append("/s");
        if (total > 0 && rate > 0 && position < total) {
            sb.append(", ").append(duration((long) ((total - position) / rate))).append(" left");
        }
        return sb.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02dm", seconds % 3600 / 60);
    }
}
