package io.gexflow.models.dgex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TargetPartitionTest {
    @Test
    void oneJointNetworkKeepsTheOrder() {
        assertArrayEquals(new int[][] {{0, 1, 2, 3, 4}}, TargetPartition.split(5, 1, 9));
    }

    @Test
    void partsCoverEveryTargetOnceInNearEqualSeededGroups() {
        int[][] parts = TargetPartition.split(9_520, 2, 1);
        assertEquals(4_760, parts[0].length);
        assertEquals(4_760, parts[1].length);
        int[] all = new int[9_520];
        System.arraycopy(parts[0], 0, all, 0, 4_760);
        System.arraycopy(parts[1], 0, all, 4_760, 4_760);
        Arrays.sort(all);
        for (int i = 0; i < all.length; i++) {
            assertEquals(i, all[i]);
        }
        assertArrayEquals(parts[0], TargetPartition.split(9_520, 2, 1)[0], "same seed, same partition");
        int[][] three = TargetPartition.split(10, 3, 2);
        assertEquals(10, three[0].length + three[1].length + three[2].length);
        assertThrows(IllegalArgumentException.class, () -> TargetPartition.split(3, 4, 1));
    }

    @Test
    void columnsPicksOutputsRowByRow() {
        float[] y = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {3, 1, 6, 4}, TargetPartition.columns(y, 2, 3, new int[] {2, 0}));
    }
}
