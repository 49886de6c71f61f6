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
}
