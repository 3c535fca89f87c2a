package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Many clients at once: each gets exactly its own verdicts, batches form, nothing fails. */
class ConcurrencyTest {
    private static final List<String> SENTENCES = List.of(
            "I'm sorry, but I can't help with that.", "Here is the code you asked for.",
            "As an AI language model, I cannot provide medical advice.", "The capital of France is Paris.",
            "I won't be able to assist with this request.", "Step 1: preheat the oven to 200 degrees.",
            "Unfortunately I must decline.", "Sure! The answer is 42.");
    private static RejectionServer server;
    private static RejectionDetector direct;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.settings().withBatching(16, Duration.ofMillis(2)));
        direct = RejectionDetector.load(StandIns.bertTiny());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (direct != null) {
            direct.close();
        }
    }

    /** Request {@code i}'s texts: distinct per request, so that a verdict routed to the wrong caller shows. */
    private static List<String> textsOf(int i) {
        int n = 1 + i % 3;
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            texts.add(SENTENCES.get((i + k) % SENTENCES.size()) + " #" + i + "." + k + " " + "more ".repeat(i % 7));
        }
        return texts;
    }

    @Test
    void concurrentRequestsGetTheSameVerdictsAsDirectCalls() throws Exception {
        int clients = 16;
        int perClient = 12;
        Http http = new Http(server.port());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int r = 0; r < perClient; r++) {
                        int i = client * perClient + r;
                        List<String> texts = textsOf(i);
                        StringBuilder body = new StringBuilder("{\"texts\": [");
                        for (int k = 0; k < texts.size(); k++) {
                            body.append(k > 0 ? ", " : "").append(Http.quote(texts.get(k)));
                        }
                        Http.Answer a = http.post("/v1/classify", body.append("]}").toString());
                        assertThat(a.status()).as(a.body()).isEqualTo(200);
                        JsonNode verdicts = a.json().get("verdicts");
                        List<Verdict> expected = direct.classify(texts);
                        assertThat(verdicts).hasSize(texts.size());
                        for (int k = 0; k < texts.size(); k++) {
                            assertThat(verdicts.get(k).get("score").asDouble())
                                    .isCloseTo(expected.get(k).score(), within(1e-5));
                            assertThat(verdicts.get(k).get("tokens").asInt()).isEqualTo(expected.get(k).tokens());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        String metrics = new Http(server.port()).get("/metrics").body();
        assertThat(batchesLargerThanOne(metrics)).as("some model calls served several requests:\n" + metrics)
                .isGreaterThan(0);
    }

    /** Batches with more than one text, from the batch-size histogram (count minus the le="1" bucket). */
    private static long batchesLargerThanOne(String metrics) {
        return number(metrics, "rejection_batch_size_count (\\d+)") - number(metrics, "rejection_batch_size_bucket\\{le=\"1\"} (\\d+)");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A bounded load test on loopback: 8 clients for at most 400 requests or 20 s; no errors; latencies reported. */
    @Test
    void loadTestHasNoErrors() throws Exception {
        int clients = 8;
        int maxRequests = 400;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Http http = new Http(server.port());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = issued.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
                        String text = SENTENCES.get(i % SENTENCES.size());
                        long t0 = System.nanoTime();
                        Http.Answer a = http.post("/v1/classify", "{\"text\": " + Http.quote(text) + "}");
                        latencies.add(System.nanoTime() - t0);
                        if (a.status() != 200) {
                            errors.add(a.status() + " " + a.body());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "load test: %d requests, %d clients, %.1f req/s, p50 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms, %d errors%n", sorted.length, clients, sorted.length / seconds,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, errors.size());
        assertThat(errors).isEmpty();
        assertThat(sorted.length).isGreaterThan(clients);
    }

    static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }
}
