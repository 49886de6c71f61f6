package io.gexflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gexflow.io.GeneMap.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneMapTest {
    static final Path LM = Path.of("test-data/dgex_u133a/map_lm.txt");
    static final Path TG = Path.of("test-data/dgex_u133a/map_tg.txt");

    @TempDir Path dir;

    @Test
    void publishedMapsReadUnchanged() {
        GeneMap lm = GeneMap.read(LM);
        GeneMap tg = GeneMap.read(TG);
        assertEquals(943, lm.genes().size());
        assertEquals(9520, tg.genes().size());
        assertEquals(943, lm.genes().stream().mapToInt(g -> g.probes().size()).sum(), "one probe per landmark");
        assertEquals(15744, tg.genes().stream().mapToInt(g -> g.probes().size()).sum());
        // IL9R twice among the targets, with two Ensembl ids: two genes, two features
        List<GeneMap.Gene> il9r = tg.genes().stream().filter(g -> g.symbol().equals("IL9R")).toList();
        assertEquals(Set.of("ENSG00000124334", "ENSGR0000124334"), Set.of(il9r.get(0).ensembl(), il9r.get(1).ensembl()));
        // 445 genes in both roles: distinct features
        Set<String> lmIds = new HashSet<>();
        lm.genes().forEach(g -> lmIds.add(g.ensembl()));
        assertEquals(445, tg.genes().stream().filter(g -> lmIds.contains(g.ensembl())).count());
        Set<String> features = new HashSet<>(lm.featureIds(Role.LANDMARK));
        features.addAll(tg.featureIds(Role.TARGET));
        assertEquals(943 + 9520, features.size());
        assertEquals("lm:ENSG00000076864", GeneMap.featureId(Role.LANDMARK, new GeneMap.Gene("RAP1GAP", "ENSG00000076864", List.of("p"))));
        assertEquals("ENSGR0000124334", GeneMap.ensemblOf("tg:ENSGR0000124334"));
        assertEquals("ENSG00000124334", GeneMap.unversion("ENSG00000124334.7"));
    }

    private void assertRejected(String text, String... expected) throws Exception {
        Path f = dir.resolve("map.txt");
        Files.writeString(f, text);
        InputException e = assertThrows(InputException.class, () -> GeneMap.read(f));
        String msg = e.getMessage();
        assertTrue(msg.contains(f.toString()), msg);
        assertTrue(!msg.contains("\n"), msg);
        for (String s : expected) {
            assertTrue(msg.contains(s), "'" + s + "' in: " + msg);
        }
    }

    @Test
    void malformedMapsNameFileAndLine() throws Exception {
        assertRejected("A\tENSG1\tp1\nB\tENSG2\n", "line 2", "3 tab-separated fields", "got 2");
        assertRejected("A\tENSG1\tp1\tx\n", "line 1", "got 4");
        assertRejected("A\tENSG1\tp1\nB\tENSG2\t\n", "line 2", "empty probe list");
        assertRejected("A\tENSG1\tp1,,p2\n", "line 1", "empty probe id");
        assertRejected("A\tENSG1\tp1\nB\tENSG2\tp2,p1\n", "line 2", "probe p1", "line 1");
        assertRejected("A\tENSG1\tp1\nB\tENSG1\tp2\n", "line 2", "ENSG1", "line 1");
        assertRejected("A\tENSG1.3\tp1\nB\tENSG1.4\tp2\n", "line 2", "ENSG1.4");
        assertRejected("A\t\tp1\n", "line 1", "empty Ensembl id");
        assertRejected("\n\n", "no genes");
    }

    @Test
    void sameSymbolTwiceIsTwoGenes() throws Exception {
        Path f = dir.resolve("map.txt");
        Files.writeString(f, "IL9R\tENSG00000124334\t208164_s_at\nIL9R\tENSGR0000124334\t217212_s_at\n");
        assertEquals(List.of("tg:ENSG00000124334", "tg:ENSGR0000124334"), GeneMap.read(f).featureIds(Role.TARGET));
    }
}
