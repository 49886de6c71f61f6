package io.gexflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaperNumbersTest {
    private final PaperNumbers p = PaperNumbers.load();

    @Test
    void table1GeoTenPercentDropout() {
        PaperNumbers.TestSet t = p.forTestSet("GEO-te");
        assertEquals("Table 1", t.table());
        assertEquals(0.10, t.dropout());
        assertEquals(9, t.dgex().size());
        assertEquals(0.3421, t.cell(1, 3000).orElseThrow().mean());
        assertEquals(0.0858, t.cell(1, 3000).orElseThrow().sd());
        assertEquals(0.3204, t.cell(3, 9000).orElseThrow().mean());
        assertEquals(0.0879, t.cell(3, 9000).orElseThrow().sd());
        assertFalse(t.cell(1, 256).isPresent());
        assertEquals(0.3784, t.baseline("lr").orElseThrow().mean());
        assertEquals(0.3782, t.baseline("lr_l1").orElseThrow().mean());
        assertEquals(0.5866, t.baseline("knn").orElseThrow().mean());
        assertEquals(0.0698, t.baseline("knn").orElseThrow().sd());
        assertEquals(0.1533, t.headlines().get(0).relativeImprovement());
        assertEquals(0.9997, t.headlines().get(0).fractionGenesImproved());
        assertNull(t.headlines().get(1).fractionGenesImproved());
    }

    @Test
    void table2GtexTwentyFivePercentDropout() {
        PaperNumbers.TestSet t = p.forTestSet("GTEx-te");
        assertEquals("Table 2", t.table());
        assertEquals(0.25, t.dropout());
        assertEquals(9, t.dgex().size());
        assertEquals(0.5160, t.cell(3, 3000).orElseThrow().mean());
        assertEquals(0.4393, t.cell(2, 9000).orElseThrow().mean());
        assertEquals(0.5667, t.baseline("lr_l1").orElseThrow().mean());
        assertEquals(0.6520, t.baseline("knn").orElseThrow().mean());
        assertEquals(0.0657, t.headlines().get(0).relativeImprovement());
        assertEquals(0.9554, t.headlines().get(1).fractionGenesImproved());
    }

    @Test
    void testSetLookup() {
        assertEquals("GEO-te", p.forTestSet("something else").testSet());
        assertEquals("GTEx-te", p.forTestSet("gtex-te").testSet());
        assertTrue(p.isPaperTestSet("GEO-te"));
        assertFalse(p.isPaperTestSet("GEO-va"));
    }
}
