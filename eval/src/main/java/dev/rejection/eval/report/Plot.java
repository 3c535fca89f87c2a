package dev.rejection.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A blank chart with a title, labelled axes, ticks, a grid and a legend, drawn with Java2D; callers draw data in
 * data coordinates through {@link #x(double)} and {@link #y(double)}. Not thread-safe; one per image.
 */
final class Plot {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int LEFT = 72, RIGHT = 24, TOP = 44, BOTTOM = 60;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D g = image.createGraphics();
    private final double xMax, yMax;
    private final List<Entry> legend = new ArrayList<>();

    /** A frame over [0, xMax] × [0, yMax] with {@code xTicks} and {@code yTicks} intervals. */
    Plot(String title, String xLabel, String yLabel, double xMax, int xTicks, double yMax, int yTicks) {
        this.xMax = xMax;
        this.yMax = yMax;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= xTicks; i++) {
            double v = xMax * i / xTicks;
            int px = x(v);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(px, y(0), px, y(yMax));
            g.setColor(Color.DARK_GRAY);
            g.drawLine(px, y(0), px, y(0) + 5);
            String text = tick(v);
            g.drawString(text, px - fm.stringWidth(text) / 2, y(0) + 7 + fm.getAscent());
        }
        for (int i = 0; i <= yTicks; i++) {
            double v = yMax * i / yTicks;
            int py = y(v);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(x(0), py, x(xMax), py);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x(0) - 5, py, x(0), py);
            String text = tick(v);
            g.drawString(text, x(0) - 8 - fm.stringWidth(text), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x(0), y(yMax), x(xMax) - x(0), y(0) - y(yMax));

        g.setFont(TITLE);
        fm = g.getFontMetrics();
        g.drawString(title, (WIDTH - fm.stringWidth(title)) / 2, TOP - 16);
        g.setFont(LABEL);
        fm = g.getFontMetrics();
        g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, HEIGHT - 16);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 20);
        g.setTransform(saved);
    }

    int x(double v) {
        return LEFT + (int) Math.round(v / xMax * (WIDTH - LEFT - RIGHT));
    }

    int y(double v) {
        return HEIGHT - BOTTOM - (int) Math.round(v / yMax * (HEIGHT - TOP - BOTTOM));
    }

    /** The drawing surface, clipped to the plot area. */
    Graphics2D area() {
        Graphics2D area = (Graphics2D) g.create();
        area.clipRect(x(0), y(yMax), x(xMax) - x(0) + 1, y(0) - y(yMax) + 1);
        return area;
    }

    static BasicStroke line(boolean dashed) {
        return dashed
                ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[]{6, 4}, 0)
                : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    void addLegend(String name, Color color, boolean dashed) {
        legend.add(new Entry(name, color, dashed));
    }

    /** Draws the legend in the given corner (true = bottom right, false = top right) and returns the image. */
    BufferedImage finish(boolean bottom) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = fm.getHeight() + 2;
        int width = 0;
        for (Entry entry : legend) {
            width = Math.max(width, fm.stringWidth(entry.name));
        }
        int boxWidth = width + 46, boxHeight = legend.size() * rowHeight + 10;
        int left = x(xMax) - boxWidth - 10;
        int top = bottom ? y(0) - boxHeight - 10 : y(yMax) + 10;
        if (!legend.isEmpty()) {
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(left, top, boxWidth, boxHeight);
            g.setColor(Color.GRAY);
            g.drawRect(left, top, boxWidth, boxHeight);
            for (int i = 0; i < legend.size(); i++) {
                Entry entry = legend.get(i);
                int rowY = top + 5 + i * rowHeight + rowHeight / 2;
                g.setColor(entry.color);
                g.setStroke(line(entry.dashed));
                g.drawLine(left + 8, rowY, left + 34, rowY);
                g.setColor(Color.BLACK);
                g.drawString(entry.name, left + 40, rowY + fm.getAscent() / 2 - 1);
            }
        }
        g.dispose();
        return image;
    }

    /** A tick label: three significant digits at most, no trailing zeros (0.30000000000000004 → "0.3"). */
    private static String tick(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private record Entry(String name, Color color, boolean dashed) {
    }
}
