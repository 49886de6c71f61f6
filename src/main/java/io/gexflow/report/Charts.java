package io.gexflow.report;

import io.gexflow.eval.History;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn with JFreeChart into PNG bytes. Rendering is deterministic: fixed size,
 * fixed palette, logical fonts, no timestamps; the PNG encoder (ImageIO) writes no time chunk.
 */
public final class Charts {
    /** The history columns a D-GEX learning curve draws (the training-monitor and validation MAE). */
    static final String TRAIN_MAE = "train_mae";
    static final String VALID_MAE = "valid_mae";
    /** Default image size in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;

    /** Okabe-Ito colour-blind-safe palette (without yellow, which is hard to read on white). */
    static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x00, 0x00), // black
        new Color(0x88, 0x88, 0x88), // grey
    };

    private static final Color LR_LINE = new Color(0xB0, 0x00, 0x20);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /** Colour of the i-th series. */
    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Line of the i-th series: solid for the first round of colours, then dashed, then dotted, ... */
    static BasicStroke stroke(int i, float width) {
        int cycle = (i / PALETTE.length) % 4;
        float[][] dashes = {null, {9f, 5f}, {2.5f, 4f}, {12f, 4f, 2.5f, 4f}};
        return dashes[cycle] == null
                ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes[cycle], 0f);
    }

    /**
     * Fig 2: density of the per-gene MAE of every model, one line each (Gaussian KDE, Silverman bandwidth).
     */
    public static JFreeChart density(List<String> labels, List<double[]> perGeneMae) {
        return density("Density of per-gene MAE", "per-gene MAE", labels, perGeneMae);
    }

    /** Densities of several samples of one quantity, one line each (Gaussian KDE, Silverman bandwidth). */
    public static JFreeChart density(String title, String xLabel, List<String> labels, List<double[]> values) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < labels.size(); i++) {
            Kde kde = Kde.silverman(values.get(i));
            double[] grid = kde.grid(512);
            double[] dens = kde.evaluate(grid);
            XYSeries s = new XYSeries(seriesKey(labels, i), false, true);
            for (int j = 0; j < grid.length; j++) {
                s.add(grid[j], dens[j]);
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, "density", ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart, Size.FULL);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < labels.size(); i++) {
            r.setSeriesPaint(i, color(i));
            r.setSeriesStroke(i, stroke(i, 2.2f));
        }
        plot.setRenderer(r);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        return chart;
    }

    /**
     * Fig 3/4: per-gene MAE of model {@code y} against model {@code x} (same gene order), with the
     * diagonal y = x. The subtitle gives the fraction of genes below the diagonal.
     */
    public static JFreeChart scatter(String title, String xLabel, double[] x, String yLabel, double[] y) {
        int below = 0;
        for (int i = 0; i < x.length && i < y.length; i++) {
            if (y[i] < x[i]) {
                below++;
            }
        }
        return scatter(title, xLabel + ": per-gene MAE", x, yLabel + ": per-gene MAE", y,
                String.format(Locale.ROOT, "%s has the lower error on %s of %d genes (points below the diagonal)",
                        yLabel, Html.pct1((double) below / Math.max(1, x.length)), x.length));
    }

    /**
     * A per-gene scatter of two quantities on the same scale with the diagonal y = x and a subtitle;
     * both axes span the data (from 0 when nothing is negative). Non-finite pairs are left out.
     */
    public static JFreeChart scatter(String title, String xAxisLabel, double[] xIn, String yAxisLabel, double[] yIn,
            String subtitle) {
        if (xIn.length != yIn.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = 0;
        for (int i = 0; i < xIn.length; i++) {
            if (Double.isFinite(xIn[i]) && Double.isFinite(yIn[i])) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < xIn.length; i++) {
            if (Double.isFinite(xIn[i]) && Double.isFinite(yIn[i])) {
                x[k] = xIn[i];
                y[k++] = yIn[i];
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, Math.min(x[i], y[i]));
            hi = Math.max(hi, Math.max(x[i], y[i]));
        }
        if (n == 0) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max((hi - lo) * 0.04, 1e-6);
        lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
        hi = hi + pad;
        DefaultXYDataset ds = new DefaultXYDataset();
        ds.addSeries("genes (" + n + ")", new double[][] {x, y});
        ds.addSeries("y = x", new double[][] {{lo, hi}, {lo, hi}});
        JFreeChart chart = ChartFactory.createScatterPlot(
                title, xAxisLabel, yAxisLabel, ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart, Size.FULL);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(0, new Color(0x00, 0x72, 0xB2, 110));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, LR_LINE);
        r.setSeriesStroke(1, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(r);
        NumberAxis xa = (NumberAxis) plot.getDomainAxis();
        NumberAxis ya = (NumberAxis) plot.getRangeAxis();
        xa.setRange(lo, hi);
        ya.setRange(lo, hi);
        return chart;
    }

    /**
     * Fig 5-like learning curve: training-subset MAE and validation MAE per epoch, the LR overall MAE
     * as a horizontal line, the best epoch as a vertical line.
     */
    public static JFreeChart learningCurve(String title, History h, OptionalDouble lrMae, OptionalDouble bestEpoch) {
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(epochSeries("training-subset MAE", h, TRAIN_MAE));
        ds.addSeries(epochSeries("validation MAE", h, VALID_MAE));
        double lo = bound(ds, false, false);
        double hi = bound(ds, false, true);
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "epoch", "MAE", ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart, Size.FULL);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(epochRenderer(ds));
        if (lrMae.isPresent()) {
            double v = lrMae.getAsDouble();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            plot.addRangeMarker(marker(v, "LR (this run) " + Html.f4(v), LR_LINE, false, false));
        }
        if (bestEpoch.isPresent()) {
            plot.addDomainMarker(marker(bestEpoch.getAsDouble(),
                    "best epoch " + (long) bestEpoch.getAsDouble(), new Color(0x33, 0x33, 0x33), true,
                    bestEpoch.getAsDouble() > h.epochs().size() / 2.0));
        }
        double pad = Math.max((hi - lo) * 0.08, 1e-4);
        NumberAxis ya = (NumberAxis) plot.getRangeAxis();
        ya.setRange(lo - pad, hi + pad);
        NumberAxis xa = (NumberAxis) plot.getDomainAxis();
        epochAxis(xa, ds);
        return chart;
    }

    /**
     * Columns of a history per epoch, one line each, on a small chart (a panel of a grid): e.g. the loss
     * and reconstruction error, or the perplexities, of an S-VQ-VAE training.
     *
     * @param keys the legend's name of each column
     */
    public static JFreeChart epochLines(String title, String yLabel, History h, List<String> columns, List<String> keys) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < columns.size(); i++) {
            ds.addSeries(epochSeries(keys.get(i), h, columns.get(i)));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart, Size.SMALL);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(epochRenderer(ds));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /** One column of a history as a series: per epoch, its value. */
    private static XYSeries epochSeries(String key, History h, String column) {
        XYSeries s = new XYSeries(key, false, true);
        for (History.Epoch e : h.epochs()) {
            s.add(e.epoch(), e.get(column));
        }
        return s;
    }

    /** Lines in the palette's colours, 2 px, with a dot per epoch while there are at most 60 epochs. */
    private static XYLineAndShapeRenderer epochRenderer(XYSeriesCollection ds) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, ds.getSeriesCount() > 0 && ds.getItemCount(0) <= 60);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            r.setSeriesPaint(i, color(i));
            r.setSeriesStroke(i, new BasicStroke(2.0f));
            r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        return r;
    }

    /** The smallest ({@code max} false) or largest x or y of all series (infinite when there is none). */
    private static double bound(XYSeriesCollection ds, boolean x, boolean max) {
        double b = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            XYSeries s = ds.getSeries(i);
            if (s.getItemCount() > 0) {
                double v = x ? (max ? s.getMaxX() : s.getMinX()) : (max ? s.getMaxY() : s.getMinY());
                b = max ? Math.max(b, v) : Math.min(b, v);
            }
        }
        return b;
    }

    /** An epoch axis of whole numbers from the first to the last epoch of the series, half an epoch beyond. */
    private static void epochAxis(NumberAxis xa, XYSeriesCollection ds) {
        boolean none = ds.getSeriesCount() == 0 || bound(ds, true, false) > bound(ds, true, true);
        double first = none ? 0 : bound(ds, true, false);
        double last = none ? 1 : bound(ds, true, true);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        xa.setRange(first - 0.5, Math.max(last, first + 1) + 0.5);
    }

    /**
     * Fig 1: overall error against the number of hidden units, one line per number of hidden layers,
     * with the LR overall error as a horizontal line. Optional reference lines (the paper's cells at the
     * same architectures, keyed "paper, " + the line's label) are drawn dashed in their line's colour.
     *
     * @param lines per line label ("1 hidden layer"), points {hidden units, overall MAE} in any order
     * @param reference per line label, the paper's points; may be empty
     */
    public static JFreeChart architectureLines(String title, java.util.Map<String, double[][]> lines, OptionalDouble lrMae,
            java.util.Map<String, double[][]> reference, OptionalDouble referenceLr) {
        XYSeriesCollection ds = new XYSeriesCollection();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        java.util.List<java.util.Map.Entry<String, double[][]>> all = new java.util.ArrayList<>(lines.entrySet());
        all.addAll(reference.entrySet());
        for (var e : all) {
            XYSeries s = new XYSeries(e.getKey(), true, true);
            for (double[] pt : e.getValue()) {
                s.add(pt[0], pt[1]);
                lo = Math.min(lo, pt[1]);
                hi = Math.max(hi, pt[1]);
                xlo = Math.min(xlo, pt[0]);
                xhi = Math.max(xhi, pt[0]);
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "hidden units per layer", "overall MAE (mean of per-gene MAE)", ds, PlotOrientation.VERTICAL, true, false, false);
        style(chart, Size.FULL);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        List<String> lineKeys = List.copyOf(lines.keySet());
        for (int i = 0; i < all.size(); i++) {
            boolean ref = i >= lines.size();
            // a reference line takes the colour of the line it shadows ("paper, 2 hidden layers" -> "2 hidden layers")
            int same = ref ? lineKeys.indexOf(all.get(i).getKey().replaceFirst("^paper, ", "")) : i;
            Color c = same >= 0 ? color(same) : new Color(0x77, 0x77, 0x77);
            r.setSeriesPaint(i, c);
            r.setSeriesStroke(i, ref
                    ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.4f));
            double sz = ref ? 6 : 9;
            r.setSeriesShape(i, ref ? new Rectangle2D.Double(-sz / 2, -sz / 2, sz, sz) : new Ellipse2D.Double(-sz / 2, -sz / 2, sz, sz));
        }
        plot.setRenderer(r);
        if (lrMae.isPresent()) {
            lo = Math.min(lo, lrMae.getAsDouble());
            hi = Math.max(hi, lrMae.getAsDouble());
            plot.addRangeMarker(marker(lrMae.getAsDouble(), "LR (this run) " + Html.f4(lrMae.getAsDouble()), LR_LINE, false, false));
        }
        if (referenceLr.isPresent()) {
            lo = Math.min(lo, referenceLr.getAsDouble());
            hi = Math.max(hi, referenceLr.getAsDouble());
            ValueMarker m = marker(referenceLr.getAsDouble(), "LR (paper) " + Html.f4(referenceLr.getAsDouble()),
                    new Color(0x66, 0x66, 0x66), false, false);
            m.setLabelAnchor(RectangleAnchor.LEFT); // below the line, on the left: clear of this run's LR label
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m);
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max((hi - lo) * 0.12, 1e-3);
        ((NumberAxis) plot.getRangeAxis()).setRange(lo - pad, hi + pad);
        NumberAxis xa = (NumberAxis) plot.getDomainAxis();
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (xlo <= xhi) {
            double xpad = Math.max((xhi - xlo) * 0.08, Math.max(1, xlo * 0.1));
            xa.setRange(Math.max(0, xlo - xpad), xhi + xpad);
        }
        return chart;
    }

    /**
     * Fig 5: overall error per epoch for each dropout rate of one architecture: validation MAE solid,
     * training-subset MAE dashed in the same colour, with the LR overall error as a horizontal line.
     */
    public static JFreeChart dropoutCurves(String title, List<String> labels, List<History> histories,
            OptionalDouble lrMae) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < labels.size(); i++) {
            ds.addSeries(epochSeries(labels.get(i) + ": validation", histories.get(i), VALID_MAE));
            ds.addSeries(epochSeries(labels.get(i) + ": training subset", histories.get(i), TRAIN_MAE));
        }
        double lo = bound(ds, false, false);
        double hi = bound(ds, false, true);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "overall MAE", ds, PlotOrientation.VERTICAL,
                true, false, false);
        style(chart, Size.FULL);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < labels.size(); i++) {
            r.setSeriesPaint(2 * i, color(i));
            r.setSeriesStroke(2 * i, new BasicStroke(2.2f));
            r.setSeriesPaint(2 * i + 1, color(i));
            r.setSeriesStroke(2 * i + 1, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        plot.setRenderer(r);
        if (lrMae.isPresent()) {
            lo = Math.min(lo, lrMae.getAsDouble());
            hi = Math.max(hi, lrMae.getAsDouble());
            plot.addRangeMarker(marker(lrMae.getAsDouble(), "LR (this run, test) " + Html.f4(lrMae.getAsDouble()), LR_LINE,
                    false, false));
        }
        double pad = Math.max((hi - lo) * 0.08, 1e-4);
        ((NumberAxis) plot.getRangeAxis()).setRange(lo - pad, hi + pad);
        epochAxis((NumberAxis) plot.getDomainAxis(), ds);
        return chart;
    }

    /** Renders a chart into PNG bytes at the given size, on an opaque white background. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, true);
        try {
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return encodePng(img);
    }

    /**
     * The drawing surface of every picture of the reports: the image filled opaque white, antialiased text with
     * integer font metrics, and antialiased shapes when {@code smoothShapes} (charts and image grids; the block
     * maps keep their cells' edges crisp). The caller disposes of it.
     */
    static Graphics2D canvas(BufferedImage img, boolean smoothShapes) {
        Graphics2D g = img.createGraphics();
        if (smoothShapes) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /**
     * The PNG bytes of an image, for every picture of the reports (charts, image grids, weight maps):
     * ImageIO's encoder writes no time chunk, so the bytes depend on the pixels only.
     */
    static byte[] encodePng(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available in ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Renders at the default size. */
    public static byte[] png(JFreeChart chart) {
        return png(chart, WIDTH, HEIGHT);
    }

    /** A dashed marker line; a vertical one's label goes left of the line when {@code labelLeft} (late epochs). */
    private static ValueMarker marker(double value, String label, Color color, boolean vertical, boolean labelLeft) {
        ValueMarker m = new ValueMarker(value);
        m.setPaint(color);
        m.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        m.setLabelPaint(color);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        if (vertical && labelLeft) {
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        } else if (vertical) {
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        } else {
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        }
        m.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
        return m;
    }

    /** Series keys must be unique in JFreeChart: repeat labels get " (2)", " (3)"... */
    private static String seriesKey(List<String> labels, int i) {
        String l = labels.get(i);
        int n = 1;
        for (int j = 0; j < i; j++) {
            if (labels.get(j).equals(l)) {
                n++;
            }
        }
        return n == 1 ? l : l + " (" + n + ")";
    }

    /** The size a chart is drawn at: a full-width figure, or a small panel of a grid of charts. */
    enum Size {
        FULL(18, 14, 13, 11, new RectangleInsets(8, 8, 8, 12)),
        SMALL(15, 13, 12, 10, new RectangleInsets(6, 6, 6, 10));

        private final int title;
        private final int large;
        private final int regular;
        private final int small;
        private final RectangleInsets padding;

        Size(int title, int large, int regular, int small, RectangleInsets padding) {
            this.title = title;
            this.large = large;
            this.regular = regular;
            this.small = small;
            this.padding = padding;
        }
    }

    /**
     * The one chart theme of every report: logical fonts (present on every JVM) scaled to the chart's
     * size, a white plot with light grid lines, no shadows, anti-aliased.
     */
    static void style(JFreeChart chart, Size size) {
        StandardChartTheme theme = new StandardChartTheme("gexflow");
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, size.title));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, size.large));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, size.regular));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, size.small));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(size.padding);
    }
}
