package dev.rejection.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The server's metrics in the Prometheus text exposition format (version 0.0.4): requests by route and status,
 * request latency, model batch sizes, queue depth and the share of texts judged rejections.
 *
 * <p>Hand-written rather than a client library: six fixed metrics, whose format is a stable one-page spec,
 * do not justify four more jars in every deployment. Route labels are limited to the server's own routes (others
 * count as {@code other}), so that scanning clients cannot blow up the series count.
 */
final class Metrics {
    static final double[] LATENCY_BOUNDS_SECONDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    static final double[] BATCH_SIZE_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    /** "route status" → count, sorted so that the exposition is stable. */
    private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Histogram batchSizes = new Histogram(BATCH_SIZE_BOUNDS);
    private final LongAdder texts = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final IntSupplier queueDepth;
    private final BooleanSupplier ready;

    Metrics(IntSupplier queueDepth, BooleanSupplier ready) {
        this.queueDepth = queueDepth;
        this.ready = ready;
    }

    void request(String route, int status, long nanos) {
        requests.computeIfAbsent(route + " " + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram(LATENCY_BOUNDS_SECONDS)).observe(nanos / 1e9);
    }

    void batch(int size) {
        batchSizes.observe(size);
    }

    void verdicts(int count, int rejected) {
        texts.add(count);
        rejections.add(rejected);
    }

    /** The exposition, {@code text/plain; version=0.0.4}. */
    String scrape() {
        StringBuilder out = new StringBuilder(4096);
        header(out, "rejection_http_requests_total", "counter", "HTTP requests answered, by route and status.");
        requests.forEach((key, count) -> {
            int space = key.indexOf(' ');
            out.append("rejection_http_requests_total{route=\"").append(key, 0, space).append("\",status=\"")
                    .append(key, space + 1, key.length()).append("\"} ").append(count.sum()).append('\n');
        });
        header(out, "rejection_http_request_duration_seconds", "histogram",
                "Time from reading a request to its answer, by route.");
        new TreeMap<>(latency).forEach((route, h) ->
                h.write(out, "rejection_http_request_duration_seconds", "route=\"" + route + "\","));
        header(out, "rejection_batch_size", "histogram", "Texts per model call.");
        batchSizes.write(out, "rejection_batch_size", "");
        header(out, "rejection_queue_depth", "gauge", "Requests waiting for the model.");
        out.append("rejection_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        header(out, "rejection_texts_total", "counter", "Texts classified.");
        out.append("rejection_texts_total ").append(texts.sum()).append('\n');
        header(out, "rejection_rejections_total", "counter", "Texts judged rejections.");
        out.append("rejection_rejections_total ").append(rejections.sum()).append('\n');
        header(out, "rejection_rejection_share", "gauge",
                "Share of classified texts judged rejections since start (0 before any).");
        long all = texts.sum();
        double share = all == 0 ? 0 : (double) rejections.sum() / all;
        out.append("rejection_rejection_share ").append(Histogram.format(share)).append('\n');
        header(out, "rejection_ready", "gauge", "1 once the model is loaded and warmed up.");
        out.append("rejection_ready ").append(ready.getAsBoolean() ? 1 : 0).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
