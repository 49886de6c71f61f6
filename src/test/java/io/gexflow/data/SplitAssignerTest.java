package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("s" + i);
        }
        return ids;
    }

    @Test
    void paperSizes() {
        Map<String, String> s = SplitAssigner.assign(ids(111_009), 0.1, 0.1, 1);
        assertEquals(88_807, Collections.frequency(s.values(), "train"));
        assertEquals(11_101, Collections.frequency(s.values(), "valid"));
        assertEquals(11_101, Collections.frequency(s.values(), "test"));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertEquals(SplitAssigner.assign(ids(500), 0.1, 0.1, 3), SplitAssigner.assign(ids(500), 0.1, 0.1, 3));
        assertNotEquals(SplitAssigner.assign(ids(500), 0.1, 0.1, 3), SplitAssigner.assign(ids(500), 0.1, 0.1, 4));
    }

    @Test
    void duplicateIdsAndImpossibleFractionsAreRefused() {
        List<String> dup = ids(20);
        dup.set(5, "s3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(dup, 0.1, 0.1, 1));
        assertEquals("duplicate sample id s3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(ids(10), 0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(ids(10), Double.NaN, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(ids(10), 0.1, Double.NaN, 1));
    }

    /** Too few samples for the parts asked for: 0 or 1 sample, or a fraction that rounds to no sample. */
    @Test
    void everyPartAskedForGetsASample() {
        for (int n : new int[] {0, 1, 2, 4}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SplitAssigner.assign(ids(n), 0.1, 0.1, 1), "n = " + n);
            assertTrue(e.getMessage().startsWith(n + " sample(s) cannot be split"), e.getMessage());
        }
        assertEquals(1, Collections.frequency(SplitAssigner.assign(ids(1), 0, 0, 1).values(), "train"));
        Map<String, String> s = SplitAssigner.assign(ids(5), 0.1, 0.1, 1);
        assertEquals(List.of(3, 1, 1), List.of(Collections.frequency(s.values(), "train"),
                Collections.frequency(s.values(), "valid"), Collections.frequency(s.values(), "test")));
    }
}
