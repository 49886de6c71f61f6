package io.gexflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvReaderTest {
    @TempDir Path dir;

    @Test
    void readsNamedColumnsOfPlainAndGzippedTables() throws Exception {
        String text = "a\tb\tc\r\n1\t2\t3\r\n\n4\t5\t6\n";
        Path plain = dir.resolve("t.txt");
        Files.writeString(plain, text);
        Path gz = dir.resolve("t.txt.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : List.of(plain, gz)) {
            List<String> got = new ArrayList<>();
            TsvReader.read(f, List.of("c", "a"), (line, v) -> got.add(line + ":" + v[0] + v[1]));
            assertEquals(List.of("2:31", "4:64"), got);
        }
    }

    @Test
    void missingColumnAndShortLineNameTheFile() throws Exception {
        Path f = dir.resolve("sig_info.txt");
        Files.writeString(f, "sig_id\tpert_id\nS1\n");
        InputException e = assertThrows(InputException.class, () -> TsvReader.read(f, List.of("sig_id", "cell_id"), (l, v) -> { }));
        assertEquals(f + ": no column cell_id in the header line (it has: sig_id, pert_id)", e.getMessage());
        e = assertThrows(InputException.class, () -> TsvReader.read(f, List.of("pert_id"), (l, v) -> { }));
        assertTrue(e.getMessage().startsWith(f + ": line 2 has 1 fields but the header has 2"), e.getMessage());
    }

    /** Every physical line, as String.split("\t", -1) and BufferedReader.readLine() gave it to the parsers before. */
    @Test
    void linesAreWhatSplitOnTabGaveWithTheirNumbers() throws Exception {
        Path f = dir.resolve("lines.tsv");
        String text = "\uFEFFa\tb\r\n\n x \n\"q\"\t'r'\t\n\t\rlast";
        Files.writeString(f, text);
        List<String> got = new ArrayList<>();
        try (TsvReader r = TsvReader.open(f, true)) {
            for (String[] line; (line = r.next()) != null; ) {
                got.add(r.line() + ":" + String.join("|", line) + ":" + line.length + (TsvReader.isBlank(line) ? ":blank" : ""));
            }
            assertEquals(6, r.line());
        }
        assertEquals(List.of("1:a|b:2", "2::1:blank", "3: x :1", "4:\"q\"|'r'|:3", "5:|:2:blank", "6:last:1"), got);
        assertEquals("a\tb", TsvReader.text(new String[] {"a", "b"}));
    }

    @Test
    void strictReadingRefusesBytesThatAreNotUtf8FromNext() throws Exception {
        Path f = dir.resolve("latin1.tsv");
        Files.write(f, new byte[] {'a', '\t', (byte) 0xE9, '\n'});
        try (TsvReader r = TsvReader.open(f, true)) {
            assertThrows(java.nio.charset.CharacterCodingException.class, r::next);
        }
        try (TsvReader r = TsvReader.open(f, false)) {
            assertEquals(List.of("a", "\uFFFD"), List.of(r.next()));
        }
    }
}
