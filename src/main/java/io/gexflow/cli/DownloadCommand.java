package io.gexflow.cli;

import io.gexflow.io.InputException;
import io.gexflow.io.download.Checksum;
import io.gexflow.io.download.ChecksumLedger;
import io.gexflow.io.download.Downloader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {
            "Fetch a public data file robustly: mirrors in order, HTTP Range resume of a partial file, bounded",
            "retries with exponential backoff on drops, timeouts, truncated bodies and 5xx (none on 404/403/410),",
            "checksum verification, progress on stderr. FILE appears only complete and verified; a partial",
            "download waits in the hidden .FILE.part beside it and the next run resumes it.",
            "With neither --md5 nor --sha256, a --checksum-ledger records the sha256 on first download and",
            "verifies later downloads of the same URL against it."
        })
public final class DownloadCommand extends Verb {
    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "http(s) URL of the file; repeat for mirrors, tried in order.")
    List<String> urls;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the file goes.")
    Path out;

    @ArgGroup(exclusive = true)
    Expected expected;

    static final class Expected {
        @Option(names = "--md5", paramLabel = "HEX", description = "Expected MD5 of the file.")
        String md5;

        @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the file.")
        String sha256;
    }

    @Option(names = "--checksum-ledger", paramLabel = "TSV",
            description = "Ledger url<TAB>sha256<TAB>bytes used when no checksum is given: the first download "
                    + "records, later ones verify.")
    Path ledgerFile;

    @Option(names = "--retries", defaultValue = "5",
            description = "Retries per mirror after a failed attempt (default ${DEFAULT-VALUE}); an attempt that "
                    + "moved the download forward by 1 MiB or more starts the count afresh.")
    int retries;

    @Option(names = "--backoff-ms", defaultValue = "500",
            description = "Wait before the first retry, doubled for each further one up to 60 s (default ${DEFAULT-VALUE}).")
    long backoffMs;

    @Option(names = "--timeout-s", defaultValue = "60",
            description = "Seconds to connect, to get the response headers, and of silence in a body before the "
                    + "attempt counts as failed (default ${DEFAULT-VALUE}).")
    int timeoutS;

    @Option(names = "--progress-interval-s", defaultValue = "5",
            description = "Seconds between progress lines on stderr (default ${DEFAULT-VALUE}).")
    double progressIntervalS;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<URI> uris = parseUrls();
        Downloader.Options options;
        try {
            options = new Downloader.Options(retries, backoffMs, timeoutS, Math.round(progressIntervalS * 1000));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new InputException(out, "is a directory, not a file to write");
        }
        String name = target.getFileName().toString();
        ChecksumLedger ledger = expected == null && ledgerFile != null ? new ChecksumLedger(ledgerFile) : null;
        Optional<ChecksumLedger.Entry> recorded =
                ledger == null ? Optional.empty() : ledger.find(urls.stream().map(String::strip).toList());
        Checksum checksum = expectedChecksum(recorded);

        if (Files.isRegularFile(target)) {
            announceVerification(err, name, target, checksum);
            String problem = check(target, checksum, recorded);
            if (problem == null) {
                err.println(name + ": already there" + (checksum == null
                        ? " (no checksum to verify it against)" : " and its " + checksum.algorithm() + " verifies")
                        + ": nothing to download");
                return 0;
            }
            err.println(name + ": already there but " + problem + ": deleting it and downloading it again");
            try {
                Files.delete(target);
            } catch (IOException e) {
                throw new InputException(out, "cannot delete it (" + e.getMessage() + ")", e);
            }
        }

        Downloader downloader = new Downloader(options, err, "gexflow/" + VersionProvider.version());
        Downloader.Result result = downloader.fetch(uris, target, (part, url) -> {
            announceVerification(err, name, part, checksum);
            String problem = check(part, checksum, recorded);
            return problem == null ? null : problem + (recorded.isPresent()
                    ? " (recorded in " + ledger.file() + " on first download; delete that line if the file "
                            + "changed upstream)" : "");
        });
        Path part = Downloader.partFile(target);
        String sha256 = null;
        if (ledger != null && recorded.isEmpty()) {
            sha256 = Checksum.digest(Checksum.SHA256, part);
        }
        move(part, target);
        if (sha256 != null) {
            ledger.record(new ChecksumLedger.Entry(result.url(), sha256, result.bytes()));
        }
        double seconds = result.nanos() / 1e9;
        err.printf(Locale.ROOT, "%s: downloaded %d bytes from %s in %.1f s (%d request%s)%s%n", name, result.bytes(),
                result.url(), seconds, result.requests(), result.requests() == 1 ? "" : "s",
                checksum != null ? ", " + checksum.algorithm() + " verified"
                        : sha256 != null ? ", sha256 " + sha256 + " recorded in " + ledger.file() : ", not verified");
        err.flush();
        return 0;
    }

    /** Hashing a multi-GB file takes a while: say so, so that the log does not look stuck. */
    private static void announceVerification(PrintWriter err, String name, Path file, Checksum checksum) {
        long size = checksum == null ? 0 : sizeOf(file);
        if (size >= VERIFY_NOTICE_BYTES) {
            err.println(name + ": verifying the " + checksum.algorithm() + " of " + size + " bytes");
            err.flush();
        }
    }

    private static final long VERIFY_NOTICE_BYTES = 64L << 20;

    private List<URI> parseUrls() {
        List<URI> uris = new ArrayList<>();
        for (String u : urls) {
            try {
                URI uri = new URI(u.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new URISyntaxException(u, "not an http(s) URL with a host");
                }
                uris.add(uri);
            } catch (URISyntaxException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--url " + u + ": " + e.getMessage());
            }
        }
        return uris;
    }

    private Checksum expectedChecksum(Optional<ChecksumLedger.Entry> recorded) {
        try {
            if (expected != null) {
                return expected.md5 != null ? new Checksum(Checksum.MD5, expected.md5)
                        : new Checksum(Checksum.SHA256, expected.sha256);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return recorded.map(e -> new Checksum(Checksum.SHA256, e.sha256())).orElse(null);
    }

    /** Null when {@code file} matches what is expected of it (anything, when nothing is), else the problem. */
    private static String check(Path file, Checksum checksum, Optional<ChecksumLedger.Entry> recorded) {
        if (checksum == null) {
            return null;
        }
        long size = sizeOf(file);
        if (recorded.isPresent() && recorded.get().bytes() != size) {
            return "size mismatch: expected " + recorded.get().bytes() + " bytes, actual " + size;
        }
        String actual = checksum.of(file);
        return actual.equals(checksum.hex()) ? null
                : checksum.algorithm() + " mismatch: expected " + checksum.hex() + ", actual " + actual;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InputException(to, "cannot rename " + from + " to it (" + e.getMessage() + ")", e);
        }
    }
}
