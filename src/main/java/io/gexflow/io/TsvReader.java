package io.gexflow.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of tab-separated text in gexflow (Jackson's CSV module with a tab separator, no
 * quoting and no escapes, so a field is exactly the text between two tabs): a stream of lines, each
 * handed over as its fields together with its 1-based line number, in bounded memory whatever the
 * file's size. A blank line is one empty field ({@code [""]}), like {@code "".split("\t", -1)}; a
 * {@code \r\n} or lone {@code \r} ends a line like {@code \n}; a byte-order mark at the start is dropped.
 * The callers keep their own checks and messages: the format rules are theirs.
 *
 * <p>{@link #read(Path, List, Row)} is the common case of a table with a header line (GEO's LINCS
 * {@code sig_info} and {@code gene_info} files), handing over only the named columns. A missing
 * column or a short line is an {@link InputException} naming the file.
 */
public final class TsvReader implements Closeable {
    private static final ObjectReader LINES = new CsvMapper()
            .readerFor(String[].class)
            .with(CsvSchema.emptySchema().withColumnSeparator('\t').withoutQuoteChar().withoutEscapeChar())
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final String[] BLANK = {""};

    /** Receives one data line: its 1-based line number and the values of the requested columns. */
    @FunctionalInterface
    public interface Row {
        void accept(long line, String[] values);
    }

    private final Reader reader;
    private MappingIterator<String[]> lines; // opened by the first next(), so that read errors come from next()
    private long line;

    private TsvReader(Reader reader) {
        this.reader = reader;
    }

    /**
     * The lines of a file, plain or gzipped (told by content), as UTF-8; bytes that are not UTF-8 are
     * an {@link IOException} ({@code MalformedInputException}) when {@code strict}, else read as U+FFFD.
     */
    public static TsvReader open(Path file, boolean strict) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        if (!strict) {
            decoder.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        return open(new InputStreamReader(MaybeGzip.open(file), decoder));
    }

    /** The lines of already opened text (closed with this reader). */
    public static TsvReader open(Reader reader) {
        return new TsvReader(reader);
    }

    /** The fields of the next line (at least one), or null after the last line. */
    public String[] next() throws IOException {
        if (lines == null) {
            lines = LINES.readValues(reader);
        }
        if (!lines.hasNextValue()) {
            return null;
        }
        String[] f = lines.nextValue();
        line++;
        if (f.length == 0) {
            return BLANK.clone();
        }
        if (line == 1 && f[0].startsWith("\uFEFF")) {
            f[0] = f[0].substring(1);
        }
        return f;
    }

    /** The 1-based number of the line {@link #next()} returned last (0 before the first). */
    public long line() {
        return line;
    }

    /** The line as it was in the file (without its line end). */
    public static String text(String[] fields) {
        return fields.length == 1 ? fields[0] : String.join("\t", fields);
    }

    /** True for a line that is empty or white space only. */
    public static boolean isBlank(String[] fields) {
        for (String f : fields) {
            if (!f.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
        reader.close();
    }

    /** Streams a table with a header line, handing the named columns of each non-blank line to {@code row}. */
    public static void read(Path file, List<String> columns, Row row) {
        try (TsvReader r = open(file, false)) {
            String[] names = r.next();
            if (names == null) {
                throw new InputException(file, "empty file, expected a tab-separated table with a header line");
            }
            List<String> header = List.of(names);
            int[] at = new int[columns.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                at[i] = header.indexOf(columns.get(i));
                if (at[i] < 0) {
                    missing.add(columns.get(i));
                }
            }
            if (!missing.isEmpty()) {
                String have = String.join(", ", header);
                throw new InputException(file, "no column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + " in the header line (it has: " + (have.length() > 200 ? have.substring(0, 197) + "..." : have) + ")");
            }
            String[] values = new String[at.length];
            for (String[] f; (f = r.next()) != null; ) {
                if (isBlank(f)) {
                    continue;
                }
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= f.length) {
                        throw new InputException(file, "line " + r.line() + " has " + f.length + " fields but the header has "
                                + header.size() + " (no value for " + columns.get(i) + ")");
                    }
                    values[i] = f[at[i]].strip();
                }
                row.accept(r.line(), values);
            }
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
