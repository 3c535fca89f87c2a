package dev.rejection.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long file runs: texts done, texts/s and, when the input's size is known,
 * the share of it read and the time left. Redrawn at most four times a second; silent when disabled.
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private long texts;
    private long lastDraw = start; // runs shorter than one redraw interval draw nothing
    private int width;

    private Progress(PrintWriter err, boolean enabled, LongSupplier bytesRead, long totalBytes) {
        this.err = err;
        this.enabled = enabled;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    /** A bar that draws nothing; its messages go straight to {@code err}. */
    static Progress off(PrintWriter err) {
        return new Progress(err, false, () -> 0, -1);
    }

    /**
     * A bar drawn on {@code err}.
     *
     * @param totalBytes the input's size, or -1 when unknown (then no percentage or ETA)
     */
    static Progress on(PrintWriter err, LongSupplier bytesRead, long totalBytes) {
        return new Progress(err, true, bytesRead, totalBytes);
    }

    /**
     * Whether stderr is a terminal. The launcher knows for sure ({@code [ -t 2 ]}) and says so in the system
     * property {@code rejection.stderr.tty}; without it, fall back to the JVM's console, which only exists when
     * the process is attached to a terminal (on Java 22+, which always makes one, ask {@code isTerminal()}).
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("rejection.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only on a terminal
        }
    }

    /** Counts {@code n} more texts done and redraws when due. */
    void advance(int n) {
        texts += n;
        long now = System.nanoTime();
        if (enabled && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = texts / seconds;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d texts  %,.1f texts/s", texts, rate));
        if (totalBytes > 0) {
            double done = Math.min(1.0, bytesRead.getAsLong() / (double) totalBytes);
            int filled = (int) Math.round(done * 20);
            line.append("  [").append("#".repeat(filled)).append("-".repeat(20 - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3.0f%%", done * 100));
            if (done > 0) {
                line.append("  ETA ").append(clock(Duration.ofSeconds(Math.round(seconds * (1 - done) / done))));
            }
        }
        String text = line.toString();
        // pad over the rest of a longer previous line
        err.print('\r'); // alone: PrintableWriter passes a carriage return only so
        err.print(text + " ".repeat(Math.max(0, width - text.length())));
        err.flush();
        width = text.length();
    }

    /** Prints a message on a line of its own; the bar is redrawn below it at the next update. */
    void message(String message) {
        if (width > 0) {
            err.print('\r');
            err.print(" ".repeat(width));
            err.print('\r');
            width = 0;
        }
        err.println(message);
        err.flush();
    }

    private static String clock(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** Draws the final state and ends the line, so later messages start on a fresh one. */
    @Override
    public void close() {
        if (enabled && width > 0) {
            draw(System.nanoTime());
            err.println();
            err.flush();
        }
    }
}
