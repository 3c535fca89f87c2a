package dev.rejection.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 on the wire: pipelining, and malformed requests that the HTTP layer refuses, answered in JSON. */
class HttpWireTest {
    private static RejectionServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.settings());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RawHttp connect() throws Exception {
        return new RawHttp(server.port(), Duration.ofSeconds(10));
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        try (RawHttp connection = connect()) {
            connection.send(RawHttp.get("/healthz")
                    + RawHttp.post("/v1/classify", "{\"texts\": [\"I cannot help with that.\", \"Paris.\"]}")
                    + RawHttp.get("/readyz")
                    + RawHttp.post("/v1/classify", "{\"text\": \"third\"}"));
            RawHttp.Answer health = connection.read();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");
            RawHttp.Answer two = connection.read();
            assertThat(two.status()).as(two.body()).isEqualTo(200);
            assertThat(two.json().get("verdicts")).hasSize(2);
            RawHttp.Answer ready = connection.read();
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            RawHttp.Answer one = connection.read();
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("verdicts")).hasSize(1);
        }
    }

    @Test
    void aNonNumericContentLengthIsAJson400() throws Exception {
        try (RawHttp connection = connect()) {
            connection.send("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: abc\r\n\r\n{\"text\": \"a\"}");
            RawHttp.Answer answer = connection.read();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).startsWith("application/json");
            assertThat(answer.json().at("/error/status").asInt()).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("bad_request");
            assertThat(answer.json().at("/error/message").asText()).containsIgnoringCase("Content-Length");
        }
    }

    @Test
    void headersOverTheSizeLimitAreAJson431() throws Exception {
        try (RawHttp connection = connect()) {
            connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(HttpTransport.MAX_HEADER_BYTES) + "\r\n\r\n");
            RawHttp.Answer answer = connection.read();
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("headers_too_large");
        }
    }
}
