package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code serve --mode sentence|window|deep}: verdicts equal the core ModeDetector's, with the deciding span. */
class ModesTest {
    private static final List<String> TEXTS = List.of(
            "Here is the summary you asked for. It has three parts. I'm sorry, but I can't help with the last one.",
            "Sure! The capital of France is Paris.",
            "One sentence without an end",
            "Voilà: 日本語のテキスト 🎉. Second sentence here! " + "More words follow. ".repeat(120));

    private static void assertSameAsCore(MatchMode mode, Integer stride) {
        try (RejectionServer server = RejectionServer.start(TestServers.settings(),
                TestServers.tinyLoader(), ReadSpec.of(mode, stride, null, Preset.DEFAULT));
             RejectionDetector direct = RejectionDetector.load(StandIns.bertTiny())) {
            TestServers.awaitReady(server);
            SpanScorer scorer = SpanScorer.of(direct);
            ModeDetector core = stride == null ? ModeDetector.of(scorer, mode) : ModeDetector.of(scorer, mode, stride);
            List<SpanVerdict> expected = core.classify(TEXTS);

            Http.Answer a = new Http(server.port()).post("/v1/classify", "{\"texts\": ["
                    + String.join(", ", TEXTS.stream().map(Http::quote).toList()) + "]}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode verdicts = a.json().get("verdicts");
            assertThat(verdicts).hasSize(TEXTS.size());
            for (int i = 0; i < TEXTS.size(); i++) {
                JsonNode v = verdicts.get(i);
                SpanVerdict e = expected.get(i);
                assertThat(v.get("score").asDouble()).isCloseTo(e.score(), within(1e-6));
                assertThat(v.get("rejection").asBoolean()).isEqualTo(e.rejection());
                assertThat(v.get("label").asText()).isEqualTo(e.verdict().label());
                JsonNode span = v.get("span");
                assertThat(span).as("span of text %d", i).isNotNull();
                assertThat(span.get("start").asInt()).isEqualTo(e.span().start());
                assertThat(span.get("end").asInt()).isEqualTo(e.span().end());
                assertThat(span.get("text").asText()).isEqualTo(e.spanText(TEXTS.get(i)))
                        .isEqualTo(TEXTS.get(i).substring(span.get("start").asInt(), span.get("end").asInt()));
            }
        }
    }

    @Test
    void sentenceModeAnswersWithTheDecidingSentence() {
        assertSameAsCore(MatchMode.SENTENCE, null);
    }

    @Test
    void windowModeAnswersWithTheDecidingWindow() {
        assertSameAsCore(MatchMode.WINDOW, 8);
    }

    @Test
    void deepModeAnswersWithTheDecidingPart() {
        assertSameAsCore(MatchMode.DEEP, 8);
    }

    @Test
    void fullModeHasNoSpanField() {
        try (RejectionServer server = TestServers.start(TestServers.settings())) {
            Http.Answer a = new Http(server.port()).post("/v1/classify", "{\"text\": \"I can't help with that.\"}");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().get("verdicts").get(0).has("span")).isFalse();
        }
    }

    @Test
    void scanOutputInSentenceModeTakesTheHighestSentence() {
        try (RejectionServer server = RejectionServer.start(TestServers.settings(),
                TestServers.tinyLoader(), ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT));
             RejectionDetector direct = RejectionDetector.load(StandIns.bertTinyReadingPrompts())) {
            TestServers.awaitReady(server);
            String output = TEXTS.get(0);
            // outside the llm-guard preset the output is read after LLM Guard's prompt, every sentence with it
            double expected = ModeDetector.of(SpanScorer.of(direct), MatchMode.SENTENCE)
                    .classify(List.of("p"), List.of(output)).get(0).score();
            Http.Answer a = new Http(server.port()).post("/scan/output",
                    "{\"prompt\": \"p\", \"output\": " + Http.quote(output) + "}");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().get("is_valid").asBoolean()).isEqualTo(!(expected > direct.threshold()));
            assertThat(a.json().get("scanners").get("NoRefusal").asDouble())
                    .isCloseTo(dev.rejection.detect.mode.LlmGuard.riskScore(expected, direct.threshold()), within(1e-6));
        }
    }

    @Test
    void aStrideTheWindowCannotTakeFailsReadinessWithTheReason() {
        try (RejectionServer server = RejectionServer.start(TestServers.settings(),
                TestServers.tinyLoader(), ReadSpec.of(MatchMode.WINDOW, 100_000, null, Preset.DEFAULT))) {
            assertThatThrownBy(() -> server.awaitReady(Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stride 100000");
            Http.Answer ready = new Http(server.port()).get("/readyz");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("error").asText()).contains("stride 100000");
        }
    }
}
