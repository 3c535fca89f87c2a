package dev.rejection.hub;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for large downloads ({@code onnx/model.onnx  [#####---------------]  25%  80.1 of
 * 328.5 MB  12.3 MB/s}), redrawn at most four times a second. Small files download without a bar. Meant for
 * stderr when it is a terminal; the caller decides that.
 */
public final class ConsoleProgress implements DownloadListener {
    /** Files smaller than this download without a bar. */
    public static final long DEFAULT_MIN_BYTES = 10L << 20;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final long minBytes;
    private long total;
    private long from;
    private long startNanos;
    private long lastDraw;
    private boolean active;

    public ConsoleProgress(PrintWriter out, long minBytes) {
        this.out = out;
        this.minBytes = minBytes;
    }

    public ConsoleProgress(PrintWriter out) {
        this(out, DEFAULT_MIN_BYTES);
    }

    @Override
    public synchronized void started(String file, long totalBytes, long fromByte) {
        total = totalBytes;
        from = fromByte;
        startNanos = System.nanoTime();
        lastDraw = 0;
        active = totalBytes < 0 || totalBytes >= minBytes;
    }

    @Override
    public synchronized void progressed(String file, long bytesDone) {
        long now = System.nanoTime();
        if (active && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(file, bytesDone, now);
        }
    }

    @Override
    public synchronized void finished(String file) {
        if (active && lastDraw != 0) {
            out.println();
            out.flush();
        }
        active = false;
    }

    private void draw(String file, long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (done - from) / seconds / 1e6;
        StringBuilder line = new StringBuilder("\r").append(file).append("  ");
        if (total > 0) {
            double share = Math.min(1.0, done / (double) total);
            int filled = (int) Math.round(share * 20);
            line.append('[').append("#".repeat(filled)).append("-".repeat(20 - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3.0f%%  %.1f of %.1f MB", share * 100, done / 1e6,
                            total / 1e6));
        } else {
            line.append(String.format(Locale.ROOT, "%.1f MB", done / 1e6));
        }
        out.print(line.append(String.format(Locale.ROOT, "  %.1f MB/s   ", rate)));
        out.flush();
    }
}
