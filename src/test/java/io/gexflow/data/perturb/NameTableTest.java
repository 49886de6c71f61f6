package io.gexflow.data.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameTableTest {
    @TempDir
    Path dir;

    @Test
    void aPlainListSkipsCommentsAndBlanksAndKeepsOrderOnce() throws Exception {
        Path f = dir.resolve("genes.txt");
        Files.writeString(f, "# source\n B \n\nA\nB\n");
        NameTable t = NameTable.read(f);
        assertEquals(List.of("B", "A"), List.copyOf(t.names()));
        assertTrue(t.groups().isEmpty());
        InputException e = assertThrows(InputException.class, () -> t.group(f, "X"));
        assertTrue(e.getMessage().contains("has no group column"), e.getMessage());
    }

    @Test
    void aTableGivesItsTreatmentsAndGroupsWhateverTheColumnOrder() throws Exception {
        Path f = dir.resolve("clusters.tsv");
        Files.writeString(f, "# header next\ntreatment\tgroup\nLSM5\tSPLICEOSOME\nLSM5\tSPLICEOSOME\nRPL5\t60S\nCCNK\tcluster_18\n");
        NameTable t = NameTable.read(f);
        assertEquals(List.of("LSM5", "RPL5", "CCNK"), List.copyOf(t.names()), "a name listed twice counts once");
        assertEquals(List.of("SPLICEOSOME", "60S", "cluster_18"), List.copyOf(t.groups().keySet()));
        assertEquals(Set.of("RPL5"), t.group(f, "60S"));
    }

    @Test
    void badTablesAreOneLineNamingTheFile() throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "gene\tgroup\nA\tP\n");
        InputException e = assertThrows(InputException.class, () -> NameTable.read(f));
        assertTrue(e.getMessage().contains("bad.tsv") && e.getMessage().contains("line 1: a table needs a header line with a 'treatment' column"),
                e.getMessage());
        Files.writeString(f, "group\ttreatment\nP\n");
        e = assertThrows(InputException.class, () -> NameTable.read(f));
        assertTrue(e.getMessage().contains("line 2: 1 field(s), the header has 2"), e.getMessage());
        Files.writeString(f, "# nothing\n\n");
        e = assertThrows(InputException.class, () -> NameTable.read(f));
        assertTrue(e.getMessage().contains("lists no names"), e.getMessage());
    }

    /** The bundled Replogle table: 60 clusters, 681 distinct targets, the eight held-out pathways. */
    @Test
    void theBundledReplogleTablesHaveThePapersCounts() {
        Path clusters = Path.of("assets/perturb/replogle2022_perturbation_clusters.tsv");
        NameTable t = NameTable.read(clusters);
        assertEquals(681, t.names().size());
        assertEquals(60, t.groups().size());
        int[] sizes = {20, 34, 26, 23, 97, 43, 53, 40}; // the reference's lists (SPLICEOSOME names LSM5 twice: 35 -> 34)
        String[] pathways = {"EXOSOME", "SPLICEOSOME", "MEDIATOR", "NER", "40S", "39S", "60S", "MT_PROTEIN_TRANSLOCATION"};
        for (int k = 0; k < pathways.length; k++) {
            assertEquals(sizes[k], t.group(clusters, pathways[k]).size(), pathways[k]);
        }
        assertEquals(1186, NameTable.read(Path.of("assets/perturb/replogle2022_expression_genes.txt")).names().size());
    }
}
