package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizeRnaSeqCommandTest {
    @TempDir Path dir;

    @Test
    void emptyOrNonObjectReferenceIsAOneLineErrorNamingIt() throws Exception {
        for (String content : new String[] {"", "[1, 2]"}) {
            Path ref = Files.writeString(dir.resolve("normalization.json"), content);
            Path out = dir.resolve("out.arrow");
            var r = CliRunner.run("normalize-rnaseq", "--input", dir.resolve("x.arrow").toString(), "--reference",
                    ref.toString(), "--out", out.toString());
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
            assertTrue(r.err().strip().startsWith("gexflow normalize-rnaseq: error: " + ref), r.err());
            assertFalse(r.err().strip().contains("\n"), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
