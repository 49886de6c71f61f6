package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(List.of("a", "a"), 0.1, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SplitAssigner.assign(ids(10), 0.5, 0.5, 1));
    }
}
