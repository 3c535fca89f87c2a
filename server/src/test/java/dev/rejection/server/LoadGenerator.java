package dev.rejection.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark, not a test: closed-loop clients posting one text each to {@code /v1/classify} on a running server,
 * reporting throughput and p50/p99 latency per client count (medians over the repeats). Depends on the JDK only,
 * so it runs as a single source file:
 *
 * <pre>
 * java server/src/test/java/dev/rejection/server/LoadGenerator.java http://127.0.0.1:8080 1,8,64 10 3
 * </pre>
 *
 * Arguments: base URL (loopback only), client counts, seconds per run, repeats. Each run starts with a 2 s warm-up.
 */
public final class LoadGenerator {
    private static final String[] TEXTS = {
        "I'm sorry, but I can't help with that request.",
        "Sure! Here is a short summary of the article: the city council approved the new budget on Tuesday.",
        "As an AI language model, I cannot provide medical advice. Please consult a doctor.",
        "The capital of France is Paris, which is also its largest city.",
        "I won't be able to assist with creating malware or anything that could harm others.",
        "Step 1: preheat the oven to 200 degrees. Step 2: mix the flour, sugar and eggs in a bowl.",
    };

    private LoadGenerator() {
    }

    record Run(double throughput, double p50, double p99, long errors) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LoadGenerator BASE_URL CLIENTS(1,8,64) SECONDS REPEATS");
            System.exit(2);
        }
        URI uri = URI.create(args[0] + "/v1/classify");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost())) {
            throw new IllegalArgumentException("loopback targets only, got " + uri.getHost());
        }
        int[] clientCounts = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        Duration length = Duration.ofSeconds(Long.parseLong(args[2]));
        int repeats = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println("| clients | req/s | p50 ms | p99 ms | errors |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int clients : clientCounts) {
            List<Run> runs = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                run(client, uri, clients, Duration.ofSeconds(2)); // warm-up: connections, JIT, batch shapes
                runs.add(run(client, uri, clients, length));
            }
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %d |%n", clients,
                    median(runs.stream().mapToDouble(Run::throughput).toArray()),
                    median(runs.stream().mapToDouble(Run::p50).toArray()),
                    median(runs.stream().mapToDouble(Run::p99).toArray()),
                    runs.stream().mapToLong(Run::errors).sum());
        }
    }

    private static Run run(HttpClient client, URI uri, int clients, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (int i = offset; System.nanoTime() < end; i++) {
                    String text = TEXTS[i % TEXTS.length];
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}")).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        for (Future<long[]> f : futures) {
            perClient.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(all.length / seconds, percentile(all, 50), percentile(all, 99), errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
