package io.gexflow.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a tab-separated table with a header line (plain or gzipped, told by content), such as
 * GEO's LINCS {@code sig_info} and {@code gene_info} files, handing over only the named columns.
 * A missing column or a short line is an {@link InputException} naming the file.
 */
public final class TsvReader {
    /** Receives one data line: its 1-based line number and the values of the requested columns. */
    @FunctionalInterface
    public interface Row {
        void accept(long line, String[] values);
    }

    private TsvReader() {}

    public static void read(Path file, List<String> columns, Row row) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(MaybeGzip.open(file), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) {
                throw new InputException(file, "empty file, expected a tab-separated table with a header line");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> names = List.of(strip(header).split("\t", -1));
            int[] at = new int[columns.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                at[i] = names.indexOf(columns.get(i));
                if (at[i] < 0) {
                    missing.add(columns.get(i));
                }
            }
            if (!missing.isEmpty()) {
                String have = String.join(", ", names);
                throw new InputException(file, "no column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + " in the header line (it has: " + (have.length() > 200 ? have.substring(0, 197) + "..." : have) + ")");
            }
            String line;
            long n = 1;
            String[] values = new String[at.length];
            while ((line = r.readLine()) != null) {
                n++;
                line = strip(line);
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= f.length) {
                        throw new InputException(file, "line " + n + " has " + f.length + " fields but the header has "
                                + names.size() + " (no value for " + columns.get(i) + ")");
                    }
                    values[i] = f[at[i]].strip();
                }
                row.accept(n, values);
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
