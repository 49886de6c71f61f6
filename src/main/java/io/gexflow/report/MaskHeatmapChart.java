package io.gexflow.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A simulation's true target graph beside a model's mask probabilities as a PNG: two heat maps of treatments (rows)
 * x true latents (columns), the left 1 where the treatment shifts the latent, the right sigmoid(mask logit) of the
 * inferred latent matched to each true one (white 0 to black 1; hatched red where no inferred latent is matched).
 * Drawn with Java2D at a fixed size with logical fonts, so the bytes depend only on the values.
 */
public final class MaskHeatmapChart {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;
    private static final int TOP = 70;
    private static final int LEFT = 90;
    private static final int GAP = 60;
    private static final int PANEL_W = 360;
    private static final int PANEL_H = 400;
    private static final Color NONE = new Color(0xF2, 0xC4, 0xC4);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private MaskHeatmapChart() {}

    public static byte[] png(String title, List<String> treatments, int[][] truth, double[][] estimate) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.canvas(img, false);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            g.drawString(title, LEFT, 28);
            int rows = truth.length;
            int cols = rows == 0 ? 0 : truth[0].length;
            double[][] t = new double[rows][cols];
            for (int a = 0; a < rows; a++) {
                for (int i = 0; i < cols; i++) {
                    t[a][i] = truth[a][i];
                }
            }
            panel(g, LEFT, "true targets", t, treatments);
            panel(g, LEFT + PANEL_W + GAP, "mask probability (matched latents)", estimate, null);
        } finally {
            g.dispose();
        }
        return Charts.encodePng(img);
    }

    private static void panel(Graphics2D g, int x0, String label, double[][] v, List<String> rowNames) {
        int rows = v.length;
        int cols = rows == 0 ? 0 : v[0].length;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(label, x0, TOP - 10);
        for (int a = 0; a < rows; a++) {
            int y = TOP + a * PANEL_H / rows;
            int h = TOP + (a + 1) * PANEL_H / rows - y;
            for (int i = 0; i < cols; i++) {
                int x = x0 + i * PANEL_W / cols;
                int w = x0 + (i + 1) * PANEL_W / cols - x;
                double p = v[a][i];
                if (Double.isNaN(p)) {
                    g.setColor(NONE);
                } else {
                    int c = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, p))));
                    g.setColor(new Color(c, c, c));
                }
                g.fillRect(x, y, Math.max(1, w), Math.max(1, h));
            }
            if (rowNames != null && rows <= 40) {
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(rowNames.get(a), 8, y + h / 2 + 4);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(x0, TOP, PANEL_W, PANEL_H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "true latents (%d) across, treatments (%d) down", cols, rows), x0, TOP + PANEL_H + 22);
    }
}
