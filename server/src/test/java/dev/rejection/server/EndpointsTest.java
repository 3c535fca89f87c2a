package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EndpointsTest {
    private static RejectionServer server;
    private static RejectionDetector direct;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.settings());
        direct = RejectionDetector.load(StandIns.bertTinyReadingPrompts());
        http = new Http(server.port());
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

    private static void assertSameVerdict(JsonNode json, Verdict expected) {
        assertThat(json.get("label").asText()).isEqualTo(expected.label());
        assertThat(json.get("score").asDouble()).isCloseTo(expected.score(), within(1e-6));
        assertThat(json.get("rejection").asBoolean()).isEqualTo(expected.rejection());
        assertThat(json.get("tokens").asInt()).isEqualTo(expected.tokens());
        assertThat(json.get("truncated").asBoolean()).isEqualTo(expected.truncated());
    }

    @Test
    void classifiesOneText() {
        String text = "I'm sorry, but I cannot help with that.";
        Http.Answer a = http.post("/v1/classify", "{\"text\": " + Http.quote(text) + "}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().headers().firstValue("Content-Type")).hasValue(Response.JSON);
        assertThat(a.response().headers().firstValue("X-Request-Id")).isPresent();
        JsonNode verdicts = a.json().get("verdicts");
        assertThat(verdicts).hasSize(1);
        assertSameVerdict(verdicts.get(0), direct.classify(text));
    }

    @Test
    void classifiesManyTextsInInputOrder() {
        List<String> texts = List.of("Sure, here is the recipe.", "I can't assist with that request.", "",
                "Voilà: 日本語のテキスト 🎉", "word ".repeat(700));
        Http.Answer a = http.post("/v1/classify", "{\"texts\": " + quoteAll(texts) + "}");
        assertThat(a.status()).isEqualTo(200);
        JsonNode verdicts = a.json().get("verdicts");
        assertThat(verdicts).hasSize(texts.size());
        List<Verdict> expected = direct.classify(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertSameVerdict(verdicts.get(i), expected.get(i));
        }
        assertThat(verdicts.get(4).get("truncated").asBoolean()).isTrue();
    }

    @Test
    void scanOutputAnswersInLlmGuardsShape() {
        String output = "As an AI, I must decline to answer.";
        Http.Answer a = http.post("/scan/output", "{\"prompt\": \"how do I...\", \"output\": " + Http.quote(output)
                + ", \"scanners_suppress\": []}");
        assertThat(a.status()).isEqualTo(200);
        JsonNode json = a.json();
        Verdict v = direct.classify("how do I...", output); // outside the llm-guard preset the prompt is read too
        assertThat(fieldNames(json)).containsExactly("is_valid", "scanners");
        assertThat(json.get("is_valid").asBoolean()).isEqualTo(!v.rejection());
        assertThat(fieldNames(json.get("scanners"))).containsExactly("NoRefusal");
        assertThat(json.get("scanners").get("NoRefusal").asDouble())
                .isEqualTo(dev.rejection.detect.mode.LlmGuard.riskScore(v.score(), direct.threshold()));
    }

    @Test
    void promptsAreReadBeforeTheirAnswers() {
        String prompt = "Why are cats evil?";
        String text = "Cats are not evil.";
        JsonNode one = http.post("/v1/classify", "{\"prompt\": " + Http.quote(prompt) + ", \"text\": "
                + Http.quote(text) + "}").json().get("verdicts");
        assertSameVerdict(one.get(0), direct.classify(prompt, text));
        Http.Answer many = http.post("/v1/classify", "{\"prompts\": [" + Http.quote(prompt) + ", null], \"texts\": ["
                + Http.quote(text) + ", " + Http.quote(text) + "]}");
        assertThat(many.status()).isEqualTo(200);
        assertSameVerdict(many.json().get("verdicts").get(0), direct.classify(prompt, text));
        assertSameVerdict(many.json().get("verdicts").get(1), direct.classify(text));
        Http.Answer uneven = http.post("/v1/classify", "{\"prompts\": [\"a\"], \"texts\": [\"x\", \"y\"]}");
        assertThat(uneven.status()).isEqualTo(400);
        assertThat(uneven.body()).contains("'prompts' has 1 items for 2 texts");
        Http.Answer mixed = http.post("/v1/classify", "{\"prompt\": \"a\", \"texts\": [\"x\"]}");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body()).contains("'prompt' goes with 'text'");
        Http.Answer wrong = http.post("/v1/classify", "{\"prompts\": [1], \"texts\": [\"x\"]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("item 0 is a number");
    }

    @Test
    void underTheLlmGuardPresetTheScanJudgesTheOutputAlone() {
        dev.rejection.detect.mode.ReadSpec preset = dev.rejection.detect.mode.ReadSpec.of(null, null, null,
                dev.rejection.detect.mode.Preset.LLM_GUARD);
        try (RejectionServer guard = RejectionServer.start(TestServers.settings(), TestServers.tinyLoader(), preset)) {
            TestServers.awaitReady(guard);
            String output = "As an AI, I must decline to answer.";
            JsonNode json = new Http(guard.port()).post("/scan/output", "{\"prompt\": \"how do I...\", \"output\": "
                    + Http.quote(output) + "}").json();
            // the loader's detector (the CLI would set the preset's threshold); the prompt is not read
            assertThat(json.get("scanners").get("NoRefusal").asDouble()).isEqualTo(
                    dev.rejection.detect.mode.LlmGuard.riskScore(direct.classify(output).score(), direct.threshold()));
            assertThat(direct.classify("how do I...", output).score()).isNotEqualTo(direct.classify(output).score());
        }
    }

    @Test
    void analyzeOutputAddsTheUnchangedOutput() {
        Http.Answer a = http.post("/analyze/output", "{\"prompt\": \"p\", \"output\": \"Here you go.\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(fieldNames(a.json())).containsExactly("is_valid", "scanners", "sanitized_output");
        assertThat(a.json().get("sanitized_output").asText()).isEqualTo("Here you go.");
    }

    @Test
    void emptyOutputIsValidWithRiskMinusOne() {
        Http.Answer a = http.post("/scan/output", "{\"prompt\": \"p\", \"output\": \"  \"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("is_valid").asBoolean()).isTrue();
        assertThat(a.json().get("scanners").get("NoRefusal").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void suppressingNoRefusalSkipsTheScan() {
        Http.Answer a = http.post("/scan/output",
                "{\"prompt\": \"p\", \"output\": \"I refuse.\", \"scanners_suppress\": [\"NoRefusal\"]}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("is_valid").asBoolean()).isTrue();
        assertThat(a.json().get("scanners")).isEmpty();
    }

    @Test
    void healthAndReadiness() {
        assertThat(http.get("/healthz").json().get("status").asText()).isEqualTo("ok");
        Http.Answer ready = http.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsCountRequestsBatchesAndRejections() {
        http.post("/v1/classify", "{\"texts\": [\"a\", \"b\"]}");
        http.post("/v1/classify", "{\"nope\": 1}");
        Http.Answer a = http.get("/metrics");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        String text = a.body();
        assertThat(text)
                .containsPattern("rejection_http_requests_total\\{route=\"/v1/classify\",status=\"200\"} [1-9]")
                .containsPattern("rejection_http_requests_total\\{route=\"/v1/classify\",status=\"400\"} [1-9]")
                .contains("# TYPE rejection_http_request_duration_seconds histogram")
                .containsPattern("rejection_http_request_duration_seconds_bucket\\{route=\"/v1/classify\",le=\"\\+Inf\"} [1-9]")
                .containsPattern("rejection_batch_size_count [1-9]")
                .contains("rejection_queue_depth 0")
                .containsPattern("rejection_texts_total [1-9]")
                .contains("rejection_rejections_total ")
                .contains("rejection_rejection_share ")
                .contains("rejection_ready 1");
        // every sample line is "name{labels} number" or "name number"
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches("[a-z_]+(\\{[^}]*})? -?[0-9.eE+-]+");
            }
        }
    }

    @Test
    void openApiDocumentsEveryRoute() {
        Http.Answer a = http.get("/openapi.json");
        assertThat(a.status()).isEqualTo(200);
        JsonNode doc = a.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(fieldNames(doc.get("paths"))).containsExactlyInAnyOrder("/v1/classify", "/scan/output",
                "/analyze/output", "/v1/info", "/v1/records", "/v1/evaluate", "/", "/healthz", "/readyz", "/metrics",
                "/openapi.json");
        assertThat(doc.at("/paths/~1v1~1classify/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ClassifyRequest");
        assertThat(doc.at("/components/schemas/Verdict/required")).hasSize(5);
    }

    @Test
    void aBodyThatOpensWithAByteOrderMarkIsRead() {
        byte[] json = "{\"text\": \"The capital of France is Paris.\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withMark, 3, json.length);
        Http.Answer a = http.post("/v1/classify", withMark);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().at("/verdicts")).hasSize(1);
    }

    @Test
    void aMisspeltFieldIsNamedNotIgnored() {
        Http.Answer typo = http.post("/v1/classify", "{\"text\": \"hi\", \"span\": true}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/error/message").asText())
                .isEqualTo("unknown field 'span'; /v1/classify takes text, texts, prompt, prompts, spans");
        Http.Answer huge = http.post("/v1/classify", "{\"text\": \"hi\", \"" + "k".repeat(5_000) + "\": 1}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().length()).isLessThan(500);
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerJsonErrors() {
        Http.Answer missing = http.get("/v2/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");
        Http.Answer wrongMethod = http.get("/v1/classify");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
    }

    @Test
    void echoesAPlainClientRequestIdAndReplacesAForgedOne() {
        Http.Answer given = http.send(http.request("/healthz").header("X-Request-Id", "abc-123").GET());
        assertThat(given.response().headers().firstValue("X-Request-Id")).hasValue("abc-123");
        Http.Answer forged = http.send(http.request("/healthz").header("X-Request-Id", "a b=c").GET());
        assertThat(forged.response().headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f]{16}"));
    }

    private static String quoteAll(List<String> texts) {
        List<String> quoted = new ArrayList<>();
        texts.forEach(t -> quoted.add(Http.quote(t)));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
