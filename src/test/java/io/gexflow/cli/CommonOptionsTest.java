package io.gexflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shared options print as their paths: log lines such as prepare-mnist's "-> DIR" concatenate them. */
class CommonOptionsTest {
    @Test
    void outDirAndOutFilePrintAsTheirPaths() {
        CommonOptions.OutDir d = new CommonOptions.OutDir();
        d.value = Path.of("results", "mnist");
        assertEquals(Path.of("results", "mnist").toString(), "" + d);
        CommonOptions.OutFile f = new CommonOptions.OutFile();
        f.value = Path.of("report.html");
        assertEquals("report.html", String.valueOf(f));
    }
}
