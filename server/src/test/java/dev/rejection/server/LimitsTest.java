package dev.rejection.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every limit and every kind of bad input gets a JSON error naming it, and the server keeps serving. */
class LimitsTest {
    private static final int MAX_BODY = 2000;
    private static final int MAX_TEXTS = 4;
    private static final int MAX_CHARS = 50;
    private static RejectionServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.settings().withLimits(MAX_BODY, MAX_TEXTS, MAX_CHARS));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stillServing() {
        assertThat(http.post("/v1/classify", "{\"text\": \"still here?\"}").status()).isEqualTo(200);
    }

    private static void assertError(Http.Answer a, int status, String code, String messagePart) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.code()).isEqualTo(code);
        assertThat(a.json().at("/error/status").asInt()).isEqualTo(status);
        assertThat(a.json().at("/error/message").asText()).contains(messagePart);
    }

    @Test
    void bodyOverTheLimitIs413ByContentLength() {
        String body = "{\"text\": \"" + "a".repeat(MAX_BODY) + "\"}";
        assertError(http.post("/v1/classify", body), 413, "max_body_bytes", "larger than " + MAX_BODY + " bytes");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] body = ("{\"text\": \"" + "a".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(http.postChunked("/v1/classify", body), 413, "max_body_bytes", "--max-body-bytes");
    }

    @Test
    void tooManyTextsIs413() {
        assertError(http.post("/v1/classify", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}"), 413, "max_texts",
                "5 texts in one request; the limit is " + MAX_TEXTS);
    }

    @Test
    void textOverTheCharacterLimitIs413NamingTheText() {
        String body = "{\"texts\": [\"ok\", \"" + "b".repeat(MAX_CHARS + 1) + "\"]}";
        assertError(http.post("/v1/classify", body), 413, "max_chars", "'texts' item 1 has 51 characters");
        assertError(http.post("/scan/output", "{\"prompt\": \"\", \"output\": \"" + "c".repeat(MAX_CHARS + 1) + "\"}"),
                413, "max_chars", "'output'");
    }

    @Test
    void charactersAreCodePoints() {
        String emoji = "🎉".repeat(MAX_CHARS); // 50 code points, 100 UTF-16 units
        assertThat(http.post("/v1/classify", "{\"text\": \"" + emoji + "\"}").status()).isEqualTo(200);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertError(http.post("/v1/classify", body), 400, "bad_request", "not valid UTF-8: bad byte at offset 9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"text\": |malformed JSON at line 1",
            "{\"text\": \"a\"} {}|malformed JSON at line 1, column 15: more after the JSON object (one per request)",
            "[\"a\"]|must be a JSON object, got an array",
            "|the request body is empty",
            "{\"text\": 42}|field 'text' must be a string, got a number",
            "{\"texts\": \"a\"}|field 'texts' must be an array of strings, got a string",
            "{\"texts\": [\"a\", null]}|item 1 is null",
            "{\"texts\": []}|at least one string",
            "{\"text\": \"a\", \"texts\": [\"b\"]}|exactly one of 'text'",
            "{}|exactly one of 'text'",
            "{\"text\": \"a\", \"text\": \"b\"}|Duplicate field 'text'",
    })
    void badClassifyBodiesAre400(String body, String messagePart) {
        assertError(http.post("/v1/classify", body == null ? "" : body), 400, "bad_request", messagePart);
    }

    /** What goes back over the network names the client's mistake, not the parser's Java settings. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"text\": NaN}|Non-standard token 'NaN'",
            "{\"text\": \"a\", \"n\": 1e99999999999}|malformed JSON: a number whose exponent is out of range",
            "{\"text\": 'single'}|Unexpected character",
    })
    void malformedJsonIsNamedWithoutJacksonsAdviceToProgrammers(String body, String messagePart) {
        Http.Answer a = http.post("/v1/classify", body);
        assertError(a, 400, "bad_request", messagePart);
        assertThat(a.json().at("/error/message").asText())
                .doesNotContain("`", "Source:", "StreamReadConstraints", "JsonReadFeature", "enable", "()");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"output\": \"x\"}|missing field 'prompt'",
            "{\"prompt\": \"p\"}|missing field 'output'",
            "{\"prompt\": \"p\", \"output\": [1]}|field 'output' must be a string, got an array",
            "{\"prompt\": \"p\", \"output\": \"x\", \"scanners_suppress\": \"NoRefusal\"}|must be an array of strings",
    })
    void badScanBodiesAre400(String body, String messagePart) {
        assertError(http.post("/scan/output", body), 400, "bad_request", messagePart);
    }
}
