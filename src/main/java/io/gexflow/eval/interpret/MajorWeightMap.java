package io.gexflow.eval.interpret;

/**
 * Where in a weight matrix the major weights lie, downsampled for drawing: the {@code to x from} matrix
 * is cut into blocks of {@code blockTo x blockFrom} weights (1 x 1 for small matrices) and each block
 * counts its positive and negative weights beyond the lower threshold ({@code low} sd, e.g. 4) and
 * beyond the higher one ({@code high} sd, e.g. 5). Same definition as {@link MajorWeights}: deviation
 * from the matrix mean in units of its population sd.
 *
 * @param columns blocks along the "from" side (inputs of the layer), {@code ceil(fromUnits / blockFrom)}
 * @param rows blocks along the "to" side (units of the layer), {@code ceil(toUnits / blockTo)}
 * @param positiveLow per block, row-major (rows x columns): weights with z &gt; low
 * @param negativeLow per block: weights with z &lt; -low
 * @param positiveHigh per block: weights with z &gt; high
 * @param negativeHigh per block: weights with z &lt; -high
 */
public record MajorWeightMap(int fromUnits, int toUnits, int blockFrom, int blockTo, int columns, int rows,
        double low, double high, int[] positiveLow, int[] negativeLow, int[] positiveHigh, int[] negativeHigh) {

    /**
     * The map of a {@code toUnits x fromUnits} matrix (row-major) with at most {@code maxColumns x maxRows}
     * blocks: a block spans {@code ceil(fromUnits / maxColumns)} x {@code ceil(toUnits / maxRows)} weights.
     */
    public static MajorWeightMap of(float[] w, int toUnits, int fromUnits, double low, double high, int maxColumns,
            int maxRows) {
        if ((long) toUnits * fromUnits != w.length || toUnits < 1 || fromUnits < 1) {
            throw new IllegalArgumentException("weight array of " + w.length + " values is not " + toUnits + " x " + fromUnits);
        }
        if (!(low > 0) || !(high > low) || maxColumns < 1 || maxRows < 1) {
            throw new IllegalArgumentException("need 0 < low < high and a positive map size");
        }
        int bf = ceilDiv(fromUnits, maxColumns);
        int bt = ceilDiv(toUnits, maxRows);
        int cols = ceilDiv(fromUnits, bf);
        int rows = ceilDiv(toUnits, bt);
        int[] pl = new int[cols * rows];
        int[] nl = new int[cols * rows];
        int[] ph = new int[cols * rows];
        int[] nh = new int[cols * rows];
        double[] ms = MajorWeights.meanSd(w);
        if (ms[1] > 0) {
            for (int j = 0; j < toUnits; j++) {
                int rowBase = (j / bt) * cols;
                for (int i = 0; i < fromUnits; i++) {
                    double z = (w[j * fromUnits + i] - ms[0]) / ms[1];
                    if (z > low) {
                        pl[rowBase + i / bf]++;
                        if (z > high) {
                            ph[rowBase + i / bf]++;
                        }
                    } else if (z < -low) {
                        nl[rowBase + i / bf]++;
                        if (z < -high) {
                            nh[rowBase + i / bf]++;
                        }
                    }
                }
            }
        }
        return new MajorWeightMap(fromUnits, toUnits, bf, bt, cols, rows, low, high, pl, nl, ph, nh);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
