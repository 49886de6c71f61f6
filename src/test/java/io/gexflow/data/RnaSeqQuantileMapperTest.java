package io.gexflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RnaSeqQuantileMapperTest {
    @Test
    void positionAmongUniqueValuesPicksTheGeoQuantile() {
        double[] quantile = {1, 2, 3, 4};
        // unique sorted {5, 10, 20}: 5 -> pos 1/3 -> int(4/3) - 1 = 0; 10 -> pos 2/3 -> int(8/3) - 1 = 1;
        // 20 -> pos 1 -> 4 - 1 = 3
        float[] row = {10, 5, 5, 20};
        RnaSeqQuantileMapper.apply(quantile, row, 0);
        assertArrayEquals(new float[] {2, 1, 1, 4}, row);
    }

    @Test
    void allDistinctValuesGetTheirRankQuantile() {
        double[] quantile = {0.5, 1.5, 2.5};
        float[] row = {9, 0, 3};
        RnaSeqQuantileMapper.apply(quantile, row, 0);
        assertArrayEquals(new float[] {2.5f, 0.5f, 1.5f}, row);
    }
}
