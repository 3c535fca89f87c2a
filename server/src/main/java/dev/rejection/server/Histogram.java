package dev.rejection.server;

import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds: cumulative bucket counts, sum and count. Thread-safe. */
final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts; // per bucket, not cumulative; the last is +Inf
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines; {@code labels} is "" or "a=\"b\","). */
    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts[i].sum();
            String le = i < bounds.length ? format(bounds[i]) : "+Inf";
            out.append(name).append("_bucket{").append(labels).append("le=\"").append(le).append("\"} ")
                    .append(cumulative).append('\n');
        }
        String plain = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
        out.append(name).append("_sum").append(plain).append(' ').append(format(sum.sum())).append('\n');
        out.append(name).append("_count").append(plain).append(' ').append(cumulative).append('\n');
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
