package io.gexflow.report;

import io.gexflow.eval.interpret.MajorWeightMap;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * The major-weight map of one weight matrix as a PNG: a heatmap with the "from" units (the layer's
 * inputs) across and the "to" units (the layer's units) down, a pixel per block of weights coloured by
 * the sign of the major weights in it (red positive, blue negative, purple both; darker where one is
 * beyond the higher threshold), and marginal bars counting the major weights of each column (outgoing,
 * per from-unit) and row (incoming, per to-unit) of blocks. Drawn with Java2D at a fixed size with
 * logical fonts, so the bytes depend only on the map.
 */
public final class WeightMapChart {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;
    /**
     * Heatmap area in pixels, and the most block columns and rows a map should have (so that a block is
     * at least a pixel); smaller maps are scaled up to fill it.
     */
    public static final int MAP_WIDTH = 600;
    public static final int MAP_HEIGHT = 420;

    static final Color POSITIVE = new Color(0xE0, 0x6A, 0x50);
    static final Color POSITIVE_HIGH = new Color(0x9E, 0x10, 0x10);
    static final Color NEGATIVE = new Color(0x5A, 0x8F, 0xD0);
    static final Color NEGATIVE_HIGH = new Color(0x0B, 0x2E, 0x8A);
    static final Color BOTH = new Color(0x8E, 0x3C, 0xB0);
    private static final Color BACKGROUND = new Color(0xF7, 0xF7, 0xF7);

    private static final int X0 = 100;
    private static final int Y0 = 160;
    private static final int TOP_BARS = 60;
    private static final int RIGHT_BARS = 70;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private WeightMapChart() {}

    /**
     * Renders the map.
     *
     * @param title first line, e.g. "Major weights: input -> hidden 1"
     * @param subtitle second line, e.g. the counts
     * @param fromLabel axis label of the columns, e.g. "input: landmark genes"
     * @param toLabel axis label of the rows, e.g. "hidden layer 1 units"
     */
    public static byte[] png(MajorWeightMap map, String title, String subtitle, String fromLabel, String toLabel) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, false);
        try {
            draw(g, map, title, subtitle, fromLabel, toLabel);
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }

    private static void draw(Graphics2D g, MajorWeightMap map, String title, String subtitle, String fromLabel,
            String toLabel) {
        // the heatmap fills MAP_WIDTH x MAP_HEIGHT; block c spans [x0 + c w / columns, x0 + (c + 1) w / columns)
        int w = MAP_WIDTH;
        int h = MAP_HEIGHT;
        int x0 = X0;
        int y0 = Y0;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        centred(g, title, WIDTH / 2, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        centred(g, subtitle, WIDTH / 2, 50);
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String blocks = map.blockFrom() == 1 && map.blockTo() == 1
                ? "a cell per weight"
                : String.format(Locale.ROOT, "a cell per block of %d (from) x %d (to) weights", map.blockFrom(), map.blockTo());
        centred(g, String.format(Locale.ROOT, "%,d x %,d weights (to x from), %s; major cells drawn at least 3 px wide",
                map.toUnits(), map.fromUnits(), blocks), WIDTH / 2, 70);

        // heatmap: background, then the blocks with major weights, the darker (beyond the higher threshold) on top
        g.setColor(BACKGROUND);
        g.fillRect(x0, y0, w, h);
        int[] colPos = new int[map.columns()];
        int[] colNeg = new int[map.columns()];
        int[] rowPos = new int[map.rows()];
        int[] rowNeg = new int[map.rows()];
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < map.rows(); r++) {
                for (int c = 0; c < map.columns(); c++) {
                    int i = r * map.columns() + c;
                    int pos = map.positiveLow()[i];
                    int neg = map.negativeLow()[i];
                    if (pass == 0) {
                        colPos[c] += pos;
                        colNeg[c] += neg;
                        rowPos[r] += pos;
                        rowNeg[r] += neg;
                    }
                    if (pos + neg == 0) {
                        continue;
                    }
                    boolean high = map.positiveHigh()[i] + map.negativeHigh()[i] > 0;
                    if (high != (pass == 1)) {
                        continue;
                    }
                    g.setColor(cellColor(pos, neg, map.positiveHigh()[i], map.negativeHigh()[i]));
                    int[] xs = span(c, map.columns(), w, x0);
                    int[] ys = span(r, map.rows(), h, y0);
                    g.fillRect(xs[0], ys[0], xs[1], ys[1]);
                }
            }
        }
        g.setColor(new Color(0x88, 0x88, 0x88));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0 - 1, y0 - 1, w + 1, h + 1);

        // marginal bars: outgoing per block column (above), incoming per block row (right)
        int maxCol = 1;
        for (int c = 0; c < colPos.length; c++) {
            maxCol = Math.max(maxCol, colPos[c] + colNeg[c]);
        }
        int maxRow = 1;
        for (int r = 0; r < rowPos.length; r++) {
            maxRow = Math.max(maxRow, rowPos[r] + rowNeg[r]);
        }
        double cw = (double) w / map.columns();
        int base = y0 - 8;
        for (int c = 0; c < colPos.length; c++) {
            int hp = (int) Math.round((double) colPos[c] / maxCol * TOP_BARS);
            int hn = (int) Math.round((double) colNeg[c] / maxCol * TOP_BARS);
            int x = x0 + (int) Math.floor(c * cw);
            int bw = Math.max(1, (int) Math.floor((c + 1) * cw) - (int) Math.floor(c * cw));
            g.setColor(NEGATIVE);
            g.fillRect(x, base - hn, bw, hn);
            g.setColor(POSITIVE);
            g.fillRect(x, base - hn - hp, bw, hp);
        }
        double rh = (double) h / map.rows();
        int left = x0 + w + 8;
        for (int r = 0; r < rowPos.length; r++) {
            int lp = (int) Math.round((double) rowPos[r] / maxRow * RIGHT_BARS);
            int ln = (int) Math.round((double) rowNeg[r] / maxRow * RIGHT_BARS);
            int y = y0 + (int) Math.floor(r * rh);
            int bh = Math.max(1, (int) Math.floor((r + 1) * rh) - (int) Math.floor(r * rh));
            g.setColor(NEGATIVE);
            g.fillRect(left, y, ln, bh);
            g.setColor(POSITIVE);
            g.fillRect(left + ln, y, lp, bh);
        }
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(x0, base, x0 + w, base);
        g.drawLine(left, y0, left, y0 + h);
        g.drawString(String.format(Locale.ROOT, "outgoing major weights (> %s sd) per from-%s, max %d", num(map.low()),
                map.blockFrom() == 1 ? "unit" : "block", maxCol), x0, base - TOP_BARS - 6);
        AffineTransform saved = g.getTransform();
        g.rotate(Math.PI / 2, left + RIGHT_BARS + 14, y0);
        g.drawString(String.format(Locale.ROOT, "incoming per to-%s, max %d", map.blockTo() == 1 ? "unit" : "block", maxRow),
                left + RIGHT_BARS + 14, y0);
        g.setTransform(saved);

        // axes: ticks in unit indices
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (long v : ticks(map.fromUnits())) {
            int x = x0 + (int) Math.round((double) v / map.fromUnits() * w);
            g.drawLine(x, y0 + h + 1, x, y0 + h + 6);
            String s = String.valueOf(v);
            g.drawString(s, x - fm.stringWidth(s) / 2, y0 + h + 20);
        }
        for (long v : ticks(map.toUnits())) {
            int y = y0 + (int) Math.round((double) v / map.toUnits() * h);
            g.drawLine(x0 - 6, y, x0 - 1, y);
            String s = String.valueOf(v);
            g.drawString(s, x0 - 9 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        centred(g, "from: " + fromLabel + " (index)", x0 + w / 2, y0 + h + 42);
        saved = g.getTransform();
        g.rotate(-Math.PI / 2, 30, y0 + h / 2.0);
        centred(g, "to: " + toLabel + " (index)", 30, (int) Math.round(y0 + h / 2.0));
        g.setTransform(saved);

        // legend, below the x-axis label
        legend(g, x0, y0 + h + 68, map);
    }

    private static void legend(Graphics2D g, int x, int y, MajorWeightMap map) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String lo = num(map.low());
        String hi = num(map.high());
        Object[][] items = {
            {POSITIVE, "positive, > " + lo + " sd"},
            {NEGATIVE, "negative, < -" + lo + " sd"},
            {BOTH, "both signs in a block"},
            {POSITIVE_HIGH, "positive, > " + hi + " sd"},
            {NEGATIVE_HIGH, "negative, < -" + hi + " sd"},
        };
        for (int i = 0; i < items.length; i++) {
            int ix = x + (i % 3) * 200;
            int iy = y + (i / 3) * 20;
            g.setColor((Color) items[i][0]);
            g.fillRect(ix, iy - 10, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString((String) items[i][1], ix + 20, iy);
        }
    }

    /** Pixel start and size of block {@code k} of {@code n} over {@code length} pixels from {@code origin}, at least 3 px. */
    static int[] span(int k, int n, int length, int origin) {
        int a = (int) ((long) k * length / n);
        int b = (int) ((long) (k + 1) * length / n);
        int size = b - a;
        if (size < 3) {
            a -= (3 - size) / 2;
            size = 3;
        }
        a = Math.max(0, Math.min(a, length - size));
        return new int[] {origin + a, size};
    }

    /** Colour of a block from its counts of major weights. */
    static Color cellColor(int pos, int neg, int posHigh, int negHigh) {
        if (pos == 0 && neg == 0) {
            return BACKGROUND;
        }
        if (pos > 0 && neg > 0) {
            return BOTH;
        }
        if (pos > 0) {
            return posHigh > 0 ? POSITIVE_HIGH : POSITIVE;
        }
        return negHigh > 0 ? NEGATIVE_HIGH : NEGATIVE;
    }

    /** About 5 round tick values in [0, n]. */
    static long[] ticks(int n) {
        double raw = n / 5.0;
        double mag = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        double step = mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (mag * m >= raw) {
                step = mag * m;
                break;
            }
        }
        long s = Math.max(1, (long) step);
        int count = (int) (n / s) + 1;
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = i * s;
        }
        return out;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void centred(Graphics2D g, String s, int cx, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
    }
}
