package io.gexflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * Pictures of the S-VQ-VAE report that are not charts: image grids (decoded codes, generated digits),
 * heatmaps (distances, decoded or generated profiles, frequencies), the nearest-partner graph, and a
 * grid of small charts. Java2D into PNG, with logical fonts and no time chunk: the same data give the
 * same bytes.
 */
final class SvqvaeImages {
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SvqvaeImages() {}

    /** Shortens a label to {@code max} characters with an ellipsis. */
    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    /**
     * Grayscale images in a grid (matplotlib's 'gray': lo black, hi white), each {@code side} x
     * {@code side} pixels scaled by {@code scale}, with a label left of every row and above every column
     * (either list may be null).
     *
     * @param images row-major grid of images, each side*side values
     */
    static byte[] imageGrid(List<float[]> images, int cols, int side, int scale, List<String> rowLabels,
            List<String> colLabels, float lo, float hi) {
        int rows = (images.size() + cols - 1) / cols;
        int cell = side * scale;
        int gap = 6;
        int left = rowLabels == null ? gap : 140;
        int top = colLabels == null ? gap : 22;
        int w = left + cols * (cell + gap);
        int h = top + rows * (cell + gap);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, true);
        try {
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < images.size(); i++) {
                int r = i / cols;
                int c = i % cols;
                int x0 = left + c * (cell + gap);
                int y0 = top + r * (cell + gap);
                float[] im = images.get(i);
                for (int py = 0; py < side; py++) {
                    for (int px = 0; px < side; px++) {
                        float v = (im[py * side + px] - lo) / (hi - lo);
                        int gray = Math.max(0, Math.min(255, Math.round(v * 255)));
                        int rgb = (gray << 16) | (gray << 8) | gray;
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(x0 + px * scale + dx, y0 + py * scale + dy, rgb);
                            }
                        }
                    }
                }
            }
            g.setColor(Color.BLACK);
            if (rowLabels != null) {
                for (int r = 0; r < rows && r < rowLabels.size(); r++) {
                    String s = clip(rowLabels.get(r), 20);
                    g.drawString(s, left - gap - fm.stringWidth(s), top + r * (cell + gap) + cell / 2 + fm.getAscent() / 2);
                }
            }
            if (colLabels != null) {
                for (int c = 0; c < cols && c < colLabels.size(); c++) {
                    String s = clip(colLabels.get(c), Math.max(3, cell / 7));
                    g.drawString(s, left + c * (cell + gap) + (cell - fm.stringWidth(s)) / 2, top - 6);
                }
            }
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }

    /** Sequential palette (dark green low to white high, like seaborn's BuGn_r) at t in [0, 1]. */
    static Color sequential(double t) {
        t = Math.max(0, Math.min(1, t));
        int[][] stops = {{0x00, 0x44, 0x1b}, {0x23, 0x8b, 0x45}, {0x66, 0xc2, 0xa4}, {0xcc, 0xec, 0xe6}, {0xf7, 0xfc, 0xfd}};
        return interpolate(stops, t);
    }

    /** Diverging palette (blue negative, white 0, red positive) at t in [-1, 1]. */
    static Color diverging(double t) {
        t = Math.max(-1, Math.min(1, t));
        int[][] stops = {{0x21, 0x66, 0xac}, {0x92, 0xc5, 0xde}, {0xf7, 0xf7, 0xf7}, {0xf4, 0xa5, 0x82}, {0xb2, 0x18, 0x2b}};
        return interpolate(stops, (t + 1) / 2);
    }

    private static Color interpolate(int[][] stops, double t) {
        double pos = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int[] a = stops[i];
        int[] b = stops[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /**
     * A heatmap of values[row][col] with labelled rows and columns (labels drawn when cells are tall / wide
     * enough), a colour bar, and the value written in the cells when {@code annotate}.
     *
     * @param diverging blue-white-red around 0 over [-max|v|, max|v|] (or [lo, hi] if given) instead of green-white
     */
    static byte[] heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, int cellW, int cellH,
            boolean diverging, double lo, double hi, boolean annotate, String title, String colourLabel) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        boolean rowText = rowLabels != null && cellH >= 9;
        boolean colText = colLabels != null && cellW >= 9;
        int left = rowText ? 150 : 20;
        int top = 30 + (colText ? 110 : 10);
        int barW = 90;
        int w = left + cols * cellW + 20 + barW;
        int h = Math.max(top + rows * cellH + 20, top + 220);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, true);
        try {
            g.setFont(TITLE);
            g.setColor(Color.BLACK);
            g.drawString(title, 10, 20);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    g.setColor(colour(values[r][c], diverging, lo, hi));
                    g.fillRect(left + c * cellW, top + r * cellH, cellW, cellH);
                }
            }
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            if (rowText) {
                for (int r = 0; r < rows; r++) {
                    String s = clip(rowLabels.get(r), 22);
                    g.drawString(s, left - 6 - fm.stringWidth(s), top + r * cellH + cellH / 2 + fm.getAscent() / 2 - 1);
                }
            }
            if (colText) {
                AffineTransform saved = g.getTransform();
                for (int c = 0; c < cols; c++) {
                    String s = clip(colLabels.get(c), 16);
                    g.setTransform(saved);
                    g.translate(left + c * cellW + cellW / 2 + fm.getAscent() / 2 - 1, top - 6);
                    g.rotate(-Math.PI / 2);
                    g.drawString(s, 0, 0);
                }
                g.setTransform(saved);
            }
            if (annotate && cellW >= 44 && cellH >= 18) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        String s = String.format(Locale.ROOT, "%.2f", values[r][c]);
                        Color bg = colour(values[r][c], diverging, lo, hi);
                        g.setColor(bg.getRed() * 0.3 + bg.getGreen() * 0.59 + bg.getBlue() * 0.11 < 128 ? Color.WHITE : Color.BLACK);
                        g.drawString(s, left + c * cellW + (cellW - fm.stringWidth(s)) / 2,
                                top + r * cellH + cellH / 2 + fm.getAscent() / 2 - 1);
                    }
                }
            }
            // colour bar
            int bx = left + cols * cellW + 20;
            int by = top;
            int bh = 200;
            for (int i = 0; i < bh; i++) {
                double v = hi - (hi - lo) * i / (bh - 1.0);
                g.setColor(colour(v, diverging, lo, hi));
                g.fillRect(bx, by + i, 16, 1);
            }
            g.setColor(Color.BLACK);
            g.drawRect(bx, by, 16, bh);
            g.drawString(String.format(Locale.ROOT, "%.3g", hi), bx + 20, by + fm.getAscent());
            g.drawString(String.format(Locale.ROOT, "%.3g", lo), bx + 20, by + bh);
            if (colourLabel != null) {
                g.drawString(clip(colourLabel, 12), bx, by + bh + 16);
            }
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }

    private static Color colour(double v, boolean diverging, double lo, double hi) {
        if (!Double.isFinite(v)) {
            return Color.LIGHT_GRAY;
        }
        if (diverging) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return diverging(m == 0 ? 0 : v / m);
        }
        return sequential(hi == lo ? 0 : (v - lo) / (hi - lo));
    }

    /**
     * The nearest-partner graph: codes on a circle, grouped by community (one colour each), an arrow from
     * every code to its partner.
     */
    static byte[] graph(List<String> names, int[] partner, int[] community, String title) {
        int n = names.size();
        int size = n > 30 ? 1000 : 720;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, true);
        try {
            g.setFont(TITLE);
            g.setColor(Color.BLACK);
            g.drawString(title, 10, 20);
            // order: by community, then by index
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> community[a] != community[b] ? Integer.compare(community[a], community[b])
                    : Integer.compare(a, b));
            double cx = size / 2.0;
            double cy = size / 2.0 + 10;
            double radius = size / 2.0 - (n > 30 ? 150 : 110);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int p = 0; p < n; p++) {
                double angle = -Math.PI / 2 + 2 * Math.PI * p / Math.max(1, n);
                x[order[p]] = cx + radius * Math.cos(angle);
                y[order[p]] = cy + radius * Math.sin(angle);
            }
            g.setStroke(new BasicStroke(1.3f));
            for (int i = 0; i < n; i++) {
                int j = partner[i];
                if (j < 0) {
                    continue;
                }
                g.setColor(new Color(0x55, 0x55, 0x55));
                arrow(g, x[i], y[i], x[j], y[j], 7);
            }
            g.setFont(n > 30 ? new Font(Font.SANS_SERIF, Font.PLAIN, 10) : LABEL);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < n; i++) {
                g.setColor(Charts.color(community[i]));
                g.fillOval((int) Math.round(x[i] - 6), (int) Math.round(y[i] - 6), 12, 12);
                double angle = Math.atan2(y[i] - cy, x[i] - cx);
                String s = clip(names.get(i), 24);
                double lx = x[i] + 12 * Math.cos(angle);
                double ly = y[i] + 12 * Math.sin(angle) + fm.getAscent() / 2.0 - 1;
                if (Math.cos(angle) < 0) {
                    lx -= fm.stringWidth(s);
                }
                g.setColor(Color.BLACK);
                g.drawString(s, (float) lx, (float) ly);
            }
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }

    private static void arrow(Graphics2D g, double x1, double y1, double x2, double y2, double r) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = Math.hypot(dx, dy);
        if (len < 2 * r) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double ex = x2 - ux * r;
        double ey = y2 - uy * r;
        g.draw(new Line2D.Double(x1 + ux * r, y1 + uy * r, ex, ey));
        double head = 8;
        double[] xs = {ex, ex - head * ux + head * 0.45 * uy, ex - head * ux - head * 0.45 * uy};
        double[] ys = {ey, ey - head * uy - head * 0.45 * ux, ey - head * uy + head * 0.45 * ux};
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        p.lineTo(xs[1], ys[1]);
        p.lineTo(xs[2], ys[2]);
        p.closePath();
        g.fill(p);
    }

    /** Small charts in a grid, each {@code w} x {@code h}. */
    static byte[] chartGrid(List<JFreeChart> charts, int cols, int w, int h) {
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, true);
        try {
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new java.awt.geom.Rectangle2D.Double((i % cols) * w, (i / cols) * h, w, h));
            }
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }
}
