package io.gexflow.io.gct;

import io.gexflow.io.InputException;
import io.gexflow.io.TsvReader;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GCT 1.2 / 1.3 text, parsed completely into memory when opened (ids, metadata and the matrix as
 * float32, sample-major).
 *
 * <pre>
 * GCT 1.2:  #1.2
 *           nrows ncols
 *           Name  Description  sample...            (Description becomes row metadata)
 *           rowid description  value...             x nrows
 * GCT 1.3:  #1.3
 *           nrows ncols nrowmeta ncolmeta
 *           id    rowmeta...   sample...
 *           field (filler)...  value...             x ncolmeta  (column metadata)
 *           rowid rowmeta...   value...             x nrows
 * </pre>
 * Fields are tab-separated; trailing empty fields beyond the declared width are ignored, as are
 * blank lines after the last data row. Data cells "NaN", "nan", "NA", "na", "-nan" read as
 * {@link Float#NaN}, "inf"/"Infinity" (optionally signed) as infinities; anything else that is not a
 * decimal number is an {@link InputException} naming line and column.
 */
final class GctTextDataset {

    private static final Set<String> NAN_CELLS = Set.of("NaN", "nan", "NA", "na", "-nan", "-NaN");

    private GctTextDataset() {}

    static GctDataset open(Path file) {
        FormatSniffer.checkReadableFile(file);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (TsvReader reader = TsvReader.open(new InputStreamReader(Files.newInputStream(file), decoder))) {
            return new Parser(file, reader, Files.size(file)).parse();
        } catch (IOException e) {
            throw FormatSniffer.ioProblem(file, e);
        }
    }

    /** One pass over the lines of a GCT file. */
    private static final class Parser {
        private final Path file;
        private final TsvReader reader;
        private final long fileSize;
        private int lineNo;

        Parser(Path file, TsvReader reader, long fileSize) {
            this.file = file;
            this.reader = reader;
            this.fileSize = fileSize;
        }

        GctDataset parse() throws IOException {
            String[] first = nextLine();
            if (first == null) {
                throw fail("empty file");
            }
            String version = first[0].trim();
            boolean v13;
            if (version.equals("#1.3")) {
                v13 = true;
            } else if (version.equals("#1.2")) {
                v13 = false;
            } else {
                throw fail("line 1: expected '#1.2' or '#1.3', found '" + FormatSniffer.abbreviate(version) + "'");
            }

            // Line 2: the dimensions.
            String[] dimsFields = nextLine();
            if (dimsFields == null) {
                throw fail("file ends after line 1; line 2 should give the dimensions");
            }
            String expectDims = v13 ? "'nrows ncols nrowmeta ncolmeta'" : "'nrows ncols'";
            String dimsLine = TsvReader.text(dimsFields);
            String[] tokens = dimsLine.strip().split("[\\t ]+");
            int wanted = v13 ? 4 : 2;
            if (tokens.length != wanted || tokens[0].isEmpty()) {
                throw fail("line 2: expected " + wanted + " numbers " + expectDims + " for GCT " + version.substring(1)
                        + ", found '" + FormatSniffer.abbreviate(dimsLine.strip()) + "'");
            }
            int[] dims = new int[wanted];
            for (int i = 0; i < wanted; i++) {
                try {
                    dims[i] = Integer.parseInt(tokens[i]);
                } catch (NumberFormatException e) {
                    dims[i] = -1;
                }
                if (dims[i] < 0) {
                    throw fail("line 2: expected " + expectDims + " as non-negative integers, found '"
                            + FormatSniffer.abbreviate(dimsLine.strip()) + "'");
                }
            }
            int nRows = dims[0];
            int nCols = dims[1];
            int nRowMeta = v13 ? dims[2] : 1; // GCT 1.2: the Description column
            int nColMeta = v13 ? dims[3] : 0;
            long cells = (long) nRows * nCols;
            if (cells > Integer.MAX_VALUE - 16) {
                throw fail("line 2 declares " + nRows + " x " + nCols + " values, too many to read from GCT text;"
                        + " convert the file to GCTX");
            }
            if (1L + nRowMeta + nCols > fileSize) {
                throw fail("line 2 declares " + (1L + nRowMeta + nCols) + " fields per line, more than a "
                        + fileSize + "-byte file can hold");
            }
            int width = 1 + nRowMeta + nCols;
            String dimsText = v13
                    ? "1 id + nrowmeta " + nRowMeta + " + ncols " + nCols + " from line 2"
                    : "Name + Description + ncols " + nCols + " from line 2";

            // Line 3: the header.
            String[] headerLine = nextLine();
            if (headerLine == null) {
                throw fail("file ends after line 2; line 3 should be the header");
            }
            String[] header = fields(headerLine, width, "header", dimsText);
            // Every data row has at least width - 1 tabs (or a newline): refuse absurd row counts before allocating.
            if ((long) nRows * Math.max(1, width - 1) > fileSize + 1) {
                throw fail("line 2 declares " + nRows + " data rows of " + width + " fields, more than a "
                        + fileSize + "-byte file can hold");
            }
            List<String> rowMetaNames = new ArrayList<>(Arrays.asList(header).subList(1, 1 + nRowMeta));
            if (new java.util.HashSet<>(rowMetaNames).size() != rowMetaNames.size()) {
                throw fail("line 3 (header): duplicate row-metadata field names " + rowMetaNames);
            }
            List<String> columnIds = List.copyOf(Arrays.asList(header).subList(1 + nRowMeta, width));

            // Column metadata lines (GCT 1.3).
            Map<String, List<String>> colMeta = new LinkedHashMap<>();
            for (int k = 0; k < nColMeta; k++) {
                String[] line = nextLine();
                if (line == null) {
                    throw truncated(nRows, nColMeta, k, 0);
                }
                String[] f = fields(line, width, "column-metadata line", dimsText);
                String[] values = new String[nCols];
                for (int c = 0; c < nCols; c++) {
                    values[c] = MetaValues.text(f[1 + nRowMeta + c]);
                }
                putColumnMeta(colMeta, f[0], values);
            }

            // Data rows.
            String[] rowIds = new String[nRows];
            String[][] rowMetaValues = new String[nRowMeta][nRows];
            float[] data = new float[(int) cells];
            for (int r = 0; r < nRows; r++) {
                String[] line = nextLine();
                if (line == null) {
                    throw truncated(nRows, nColMeta, nColMeta, r);
                }
                String[] f = fields(line, width, "data row", dimsText);
                rowIds[r] = f[0];
                for (int m = 0; m < nRowMeta; m++) {
                    rowMetaValues[m][r] = MetaValues.text(f[1 + m]);
                }
                for (int c = 0; c < nCols; c++) {
                    data[c * nRows + r] = parseCell(f[1 + nRowMeta + c], 2 + nRowMeta + c, f[0], columnIds.get(c));
                }
            }
            // Only blank lines may follow.
            for (String[] line; (line = nextLine()) != null; ) {
                if (!TsvReader.isBlank(line)) {
                    throw fail("line " + lineNo + ": more data rows than the nrows=" + nRows + " declared on line 2");
                }
            }

            Map<String, List<String>> rowMeta = new LinkedHashMap<>();
            for (int m = 0; m < nRowMeta; m++) {
                if (!rowMetaNames.get(m).equals("id")) {
                    rowMeta.put(rowMetaNames.get(m), Collections.unmodifiableList(Arrays.asList(rowMetaValues[m])));
                }
            }
            return new InMemoryDataset(file, "GCT " + version.substring(1), List.of(rowIds), columnIds,
                    Collections.unmodifiableMap(rowMeta), Collections.unmodifiableMap(colMeta), data);
        }

        private void putColumnMeta(Map<String, List<String>> meta, String name, String[] values) {
            if (name.equals("id")) {
                return; // the ids themselves, never metadata
            }
            if (meta.containsKey(name)) {
                throw fail("line " + lineNo + ": duplicate column-metadata field '" + FormatSniffer.abbreviate(name) + "'");
            }
            meta.put(name, Collections.unmodifiableList(Arrays.asList(values)));
        }

        private InputException truncated(int nRows, int nColMeta, int colMetaSeen, int rowsSeen) {
            return fail("file ends after line " + lineNo + ": line 2 declares " + nColMeta
                    + " column-metadata lines and " + nRows + " data rows, found " + colMetaSeen + " and " + rowsSeen);
        }

        private float parseCell(String cell, int column, String rowId, String columnId) {
            String s = cell.strip();
            if (NAN_CELLS.contains(s)) {
                return Float.NaN;
            }
            if (isDecimal(s)) {
                try {
                    // Via double, like the tools that write GCTX from GCT, so both give the same float.
                    return (float) Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "inf", "+inf", "infinity", "+infinity":
                    return Float.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Float.NEGATIVE_INFINITY;
                default:
                    break;
            }
            String shown = s.isEmpty() ? "an empty value" : "'" + FormatSniffer.abbreviate(cell) + "'";
            throw fail("line " + lineNo + ", column " + column + " (row '" + FormatSniffer.abbreviate(rowId)
                    + "', sample '" + FormatSniffer.abbreviate(columnId) + "'): " + shown + " is not a number");
        }

        /** Digits with optional sign, point and exponent; rejects Java-only forms like "1f" or hex. */
        private static boolean isDecimal(String s) {
            boolean digit = false;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    digit = true;
                } else if (ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
                    return false;
                }
            }
            return digit;
        }

        /** Splits on tabs; tolerates trailing empty fields beyond {@code width}; else the count must match. */
        private String[] fields(String[] line, int width, String what, String dimsText) {
            String[] f = line;
            if (f.length > width) {
                boolean extraEmpty = true;
                for (int i = width; i < f.length; i++) {
                    extraEmpty &= f[i].isBlank();
                }
                if (extraEmpty) {
                    f = Arrays.copyOf(f, width);
                }
            }
            if (f.length != width) {
                String found = f.length == 1 && f[0].isEmpty() ? "is empty" : "has " + f.length + " tab-separated fields";
                throw fail("line " + lineNo + " (" + what + ") " + found + ", expected " + width + " (" + dimsText + ")");
            }
            return f;
        }

        /** The fields of the next line, or null at the end. */
        private String[] nextLine() throws IOException {
            String[] line;
            try {
                line = reader.next();
            } catch (CharacterCodingException e) {
                throw fail("line " + (lineNo + 1) + ": not UTF-8 text (" + e.getMessage() + ")");
            }
            if (line != null) {
                lineNo++;
            }
            return line;
        }

        private InputException fail(String problem) {
            return new InputException(file, "GCT: " + problem);
        }
    }
}
