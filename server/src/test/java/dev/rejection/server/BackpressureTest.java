package dev.rejection.server;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.detect.Verdict;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Full queue, request timeout, loading, failed loading and graceful shutdown, with the model held by a gate. */
class BackpressureTest {

    /** A model call that waits at a gate: each permit lets one call through. */
    private static final class Gate implements Function<RejectionDetector, Function<List<Answer>, List<SpanVerdict>>> {
        final Semaphore permits = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);

        @Override
        public Function<List<Answer>, List<SpanVerdict>> apply(RejectionDetector detector) {
            return texts -> {
                entered.release();
                permits.acquireUninterruptibly();
                return detector.classify(texts.stream().map(Answer::text).toList()).stream()
                        .map(v -> new SpanVerdict(v, null)).toList();
            };
        }
    }

    private static RejectionServer start(ServerSettings settings, Gate gate) {
        RejectionServer server = RejectionServer.start(settings, TestServers.tinyLoader(), gate);
        TestServers.awaitReady(server);
        return server;
    }

    private static CompletableFuture<Http.Answer> postAsync(Http http, String text) {
        return CompletableFuture.supplyAsync(() -> http.post("/v1/classify", "{\"text\": " + Http.quote(text) + "}"));
    }

    @Test
    void aFullQueueAnswers429() throws Exception {
        Gate gate = new Gate();
        ServerSettings settings = TestServers.settings().withBatching(1, Duration.ZERO)
                .withQueue(1, Duration.ofSeconds(30));
        try (RejectionServer server = start(settings, gate)) {
            Http http = new Http(server.port());
            CompletableFuture<Http.Answer> running = postAsync(http, "running");
            assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Http.Answer> queued = postAsync(http, "queued");
            while (server.settings().queueSize() > 0 && !new Http(server.port()).get("/metrics").body()
                    .contains("rejection_queue_depth 1")) {
                Thread.sleep(5);
            }
            Http.Answer refused = http.post("/v1/classify", "{\"text\": \"one too many\"}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("queue_size");
            assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("1");
            gate.permits.release(2);
            assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(queued.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void aFullQueueOfRequestsWaitingForAThreadAnswers429AtOnce() throws Exception {
        Gate gate = new Gate();
        ServerSettings settings = TestServers.settings().withHttpThreads(1).withQueue(1, Duration.ofSeconds(30));
        try (RejectionServer server = start(settings, gate)) {
            Http http = new Http(server.port());
            CompletableFuture<Http.Answer> running = postAsync(http, "running");
            assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue(); // the one thread waits in the model
            CompletableFuture<Http.Answer> queued = postAsync(http, "queued");
            awaitUpTo(Duration.ofSeconds(5), () -> server.requestsInFlight() == 2); // waiting for the thread
            // the third would wait without a deadline, its body held: it is answered at once instead
            Http.Answer refused = http.post("/v1/classify", "{\"text\": \"one too many\"}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("queue_size");
            assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(http.get("/healthz").status()).as("health checks still answered").isEqualTo(200);
            gate.permits.release(2);
            assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(queued.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestThatWaitsTooLongAnswers503() throws Exception {
        Gate gate = new Gate();
        ServerSettings settings = TestServers.settings().withQueue(8, Duration.ofMillis(200));
        try (RejectionServer server = start(settings, gate)) {
            Http.Answer a = new Http(server.port()).post("/v1/classify", "{\"text\": \"slow\"}");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.code()).isEqualTo("request_timeout");
            assertThat(a.json().at("/error/message").asText()).contains("200 ms");
            gate.permits.release(100);
        }
    }

    @Test
    void theRequestTimeoutCountsTheWaitForAThread() throws Exception {
        Gate gate = new Gate();
        Duration timeout = Duration.ofSeconds(2);
        ServerSettings settings = TestServers.settings().withHttpThreads(1).withBatching(1, Duration.ZERO)
                .withQueue(8, timeout);
        try (RejectionServer server = start(settings, gate)) {
            Http http = new Http(server.port());
            CompletableFuture<Http.Answer> first = postAsync(http, "holds the one thread in the model");
            assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            long sent = System.nanoTime();
            CompletableFuture<Http.Answer> second = postAsync(http, "waits for the thread");
            Http.Answer late = second.get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - sent) / 1e9;
            assertThat(first.get(30, TimeUnit.SECONDS).code()).isEqualTo("request_timeout");
            assertThat(late.code()).isEqualTo("request_timeout");
            assertThat(late.json().at("/error/message").asText()).contains("2000 ms of the request's arrival");
            // the thread frees when the first times out, ~2 s after the second arrived; counted from the thread
            // alone, the second would wait 2 s more. The margin is a second each way, for a loaded machine.
            assertThat(seconds).as("seconds from sending the second to its answer").isLessThan(3.0);
            gate.permits.release(100);
        }
    }

    @Test
    void shutdownFinishesRequestsInFlight() throws Exception {
        Gate gate = new Gate();
        RejectionServer server = start(TestServers.settings(), gate);
        Http http = new Http(server.port());
        CompletableFuture<Http.Answer> inFlight = postAsync(http, "finish me");
        assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(20)));
        while (http.get("/readyz").status() == 200) {
            Thread.sleep(5);
        }
        assertThat(http.get("/readyz").json().get("status").asText()).isEqualTo("stopping");
        Http.Answer late = http.post("/v1/classify", "{\"text\": \"too late\"}");
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.code()).isEqualTo("stopping");
        gate.permits.release(100);
        Http.Answer finished = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        closing.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shutdownAlsoFinishesRequestsStillWaitingForAThread() throws Exception {
        Gate gate = new Gate();
        RejectionServer server = start(TestServers.settings().withHttpThreads(1), gate);
        Http http = new Http(server.port());
        CompletableFuture<Http.Answer> running = postAsync(http, "running");
        assertThat(gate.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue(); // the one thread waits in the model
        CompletableFuture<Http.Answer> queued = postAsync(http, "queued");
        awaitUpTo(Duration.ofSeconds(5), () -> server.requestsInFlight() == 2); // accepted, waiting for the thread
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(20)));
        awaitUpTo(Duration.ofSeconds(5), () -> !server.ready());
        CompletableFuture<Http.Answer> late = postAsync(http, "too late");
        awaitUpTo(Duration.ofSeconds(5), () -> server.requestsInFlight() == 3);
        gate.permits.release(100);
        assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        Http.Answer waited = queued.get(30, TimeUnit.SECONDS);
        assertThat(waited.status()).as(waited.body()).isEqualTo(200);
        Http.Answer refused = late.get(30, TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("stopping");
        closing.get(30, TimeUnit.SECONDS);
    }

    /** Polls until the condition holds or the time is up; the assertions that follow tell what went wrong. */
    private static void awaitUpTo(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    @Test
    void notReadyWhileLoadingAndFailedLoadsAreReported() throws Exception {
        CountDownLatch load = new CountDownLatch(1);
        try (RejectionServer server = RejectionServer.start(TestServers.settings(), () -> {
            try {
                load.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no model here");
        })) {
            Http http = new Http(server.port());
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            Http.Answer loading = http.get("/readyz");
            assertThat(loading.status()).isEqualTo(503);
            assertThat(loading.json().get("status").asText()).isEqualTo("loading");
            Http.Answer early = http.post("/v1/classify", "{\"text\": \"a\"}");
            assertThat(early.status()).isEqualTo(503);
            assertThat(early.code()).isEqualTo("not_ready");
            load.countDown();
            assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(30)))
                    .hasMessageContaining("no model here");
            Http.Answer failed = http.get("/readyz");
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.json().get("error").asText()).isEqualTo("no model here");
        }
    }
}
