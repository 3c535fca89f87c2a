package dev.rejection.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: 64 connections that send their request a byte every 100 ms, against a server with 4 handler threads.
 * Other clients are answered within a couple of seconds all the while, and each slow connection ends at its
 * deadline: closed during its headers, 408 during its body.
 */
class SlowClientsTest {
    private static final int SLOW = 64;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN).build();

    @Test
    void slowHeadersStarveNoOneAndAreCutOffAtTheHeaderTimeout() throws Exception {
        Duration headerTimeout = Duration.ofSeconds(4);
        ServerSettings settings = TestServers.settings().withHttpThreads(4)
                .withReadTimeouts(headerTimeout, Duration.ofSeconds(30));
        try (RejectionServer server = TestServers.start(settings)) {
            // never ends: the blank line that would close the head never comes
            byte[] head = ("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Filler: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
            List<RawHttp> slow = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                long opened = System.nanoTime();
                for (int i = 0; i < SLOW; i++) {
                    slow.add(new RawHttp(server.port(), Duration.ofSeconds(10)));
                }
                trickle.scheduleAtFixedRate(new Trickle(slow, head), 0, 100, TimeUnit.MILLISECONDS);
                Thread.sleep(500); // every slow connection has sent a few bytes of its head

                assertOthersAreAnswered(server.port());

                for (RawHttp connection : slow) {
                    long left = opened + headerTimeout.toNanos() + Duration.ofSeconds(3).toNanos() - System.nanoTime();
                    connection.readTimeout(Duration.ofNanos(Math.max(left, 1_000_000)));
                    assertThat(connection.closedByServer()).isTrue();
                }
                // closed at the deadline (a sweep every 400 ms), not before it
                assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(headerTimeout,
                        headerTimeout.plusSeconds(3));
            } finally {
                trickle.shutdownNow();
                for (RawHttp connection : slow) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void slowBodiesStarveNoOneAndGet408AtTheBodyTimeout() throws Exception {
        Duration bodyTimeout = Duration.ofSeconds(3);
        ServerSettings settings = TestServers.settings().withHttpThreads(4)
                .withReadTimeouts(Duration.ofSeconds(10), bodyTimeout);
        try (RejectionServer server = TestServers.start(settings)) {
            String json = "{\"text\": \"" + "b".repeat(200) + "\"}"; // 214 bytes: 21 s at 10 bytes a second
            String request = RawHttp.post("/v1/classify", json);
            int bodyStart = request.indexOf("\r\n\r\n") + 4;
            List<RawHttp> slow = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                long headsSent = System.nanoTime();
                for (int i = 0; i < SLOW; i++) {
                    RawHttp connection = new RawHttp(server.port(), Duration.ofSeconds(10));
                    connection.send(request.substring(0, bodyStart));
                    slow.add(connection);
                }
                trickle.scheduleAtFixedRate(new Trickle(slow, request.substring(bodyStart)
                        .getBytes(StandardCharsets.UTF_8)), 0, 100, TimeUnit.MILLISECONDS);
                Thread.sleep(500);

                assertOthersAreAnswered(server.port());

                for (RawHttp connection : slow) {
                    RawHttp.Answer answer = connection.read();
                    assertThat(answer.status()).as(answer.body()).isEqualTo(408);
                    assertThat(answer.json().at("/error/code").asText()).isEqualTo("read_timeout");
                    assertThat(answer.json().at("/error/message").asText())
                            .contains("did not arrive within 3000 ms", "--body-timeout-ms");
                    assertThat(connection.closedByServer()).isTrue();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - headsSent)).isBetween(bodyTimeout,
                        bodyTimeout.plusSeconds(5));
            } finally {
                trickle.shutdownNow();
                for (RawHttp connection : slow) {
                    connection.close();
                }
            }
        }
    }

    /** /healthz and a classification, each answered within {@link #ANSWER_WITHIN}. */
    private static void assertOthersAreAnswered(int port) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .timeout(ANSWER_WITHIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> classify = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/classify"))
                .timeout(ANSWER_WITHIN).POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"I cannot help.\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(classify.statusCode()).as(classify.body()).isEqualTo(200);
        assertThat(classify.body()).contains("\"verdicts\"");
    }

    /** Sends every connection its next byte; a connection the server has closed is left alone. */
    private static final class Trickle implements Runnable {
        private final List<RawHttp> connections;
        private final byte[] bytes;
        private final boolean[] gone;
        private int next;

        Trickle(List<RawHttp> connections, byte[] bytes) {
            this.connections = connections;
            this.bytes = bytes;
            this.gone = new boolean[connections.size()];
        }

        @Override
        public void run() {
            if (next >= bytes.length) {
                return;
            }
            for (int i = 0; i < connections.size(); i++) {
                if (gone[i]) {
                    continue;
                }
                try {
                    connections.get(i).send(new byte[] {bytes[next]});
                } catch (IOException e) {
                    gone[i] = true;
                }
            }
            next++;
        }
    }
}
