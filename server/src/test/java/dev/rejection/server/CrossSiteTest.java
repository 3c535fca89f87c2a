package dev.rejection.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server on 127.0.0.1, no token: what a browser beside it may and may not make it do. */
class CrossSiteTest {
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

    @Test
    void aDnsRebindingPageGets403AndNoVerdict() throws IOException {
        RawHttp.Answer answer = send("evil.example:" + server.port(), "http://evil.example:" + server.port());
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("host_not_allowed");
        assertThat(answer.body()).doesNotContain("verdicts");
    }

    @Test
    void aTextPlainPostFromAnotherSiteGets403() throws IOException {
        RawHttp.Answer answer = send("127.0.0.1:" + server.port(), "https://evil.example");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("cross_origin");
    }

    @Test
    void theServersOwnPageAndPlainClientsAreAnswered() throws IOException {
        String host = "127.0.0.1:" + server.port();
        assertThat(send(host, "http://" + host).status()).isEqualTo(200);
        assertThat(send("localhost:" + server.port(), null).status()).isEqualTo(200);
        assertThat(new Http(server.port()).post("/v1/classify", "{\"text\": \"a\"}").status()).isEqualTo(200);
    }

    @Test
    void allowedHostsAreCheckedWhenSet() {
        assertThatThrownBy(() -> TestServers.settings().withAllowedHosts(List.of("api.example.com:443")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'api.example.com:443' is not a host name");
        assertThatThrownBy(() -> TestServers.settings().withAllowedHosts(List.of("http://x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TestServers.settings().withAllowedHosts(List.of("api.example.com", "*")).allowedHosts())
                .containsExactly("api.example.com", "*");
    }

    /** A text/plain POST, as a page's form or fetch sends without asking first, with the given Host and Origin. */
    private static RawHttp.Answer send(String host, String origin) throws IOException {
        String body = "{\"text\": \"I can't help with that.\"}";
        String request = "POST /v1/classify HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: text/plain\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
        try (RawHttp connection = new RawHttp(server.port(), Duration.ofSeconds(30))) {
            connection.send(request);
            return connection.read();
        }
    }
}
