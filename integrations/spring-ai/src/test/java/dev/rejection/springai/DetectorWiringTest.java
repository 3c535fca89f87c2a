package dev.rejection.springai;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisor on real detectors: the generated BERT stand-in (real inference, arbitrary scores) at thresholds that
 * fix its verdicts (every score is above 0 and none above 1), and the embedded default on a plain refusal.
 */
class DetectorWiringTest {
    static final String REFUSAL = RejectionAdvisorTest.REFUSAL;
    static final String ANSWER = RejectionAdvisorTest.ANSWER;

    private static Verdict verdictInMetadata(double threshold) {
        try (RejectionDetector detector = RejectionDetector.builder().modelDir(StandIns.bertTiny())
                .threshold(threshold).build()) {
            ChatClient chat = ChatClient.builder(new ScriptedChatModel(ANSWER))
                    .defaultAdvisors(RejectionAdvisor.builder(detector)
                            .outcome(RejectionAdvisor.Outcome.PASS).build())
                    .build();
            ChatResponse response = chat.prompt(RejectionAdvisorTest.QUESTION).call().chatResponse();
            assertThat(response.getResult().getOutput().getText()).isEqualTo(ANSWER);
            return response.getMetadata().get(RejectionAdvisor.VERDICT_KEY);
        }
    }

    @Test
    void advisorPutsTheDetectorsVerdictInTheMetadata() {
        Verdict rejection = verdictInMetadata(0.0);
        assertThat(rejection.rejection()).isTrue();
        assertThat(rejection.label()).isEqualTo("REJECTION");
        Verdict normal = verdictInMetadata(1.0);
        assertThat(normal.rejection()).isFalse();
        assertThat(normal.label()).isEqualTo("NORMAL");
        assertThat(normal.score()).isEqualTo(rejection.score()); // one model, one text: only the decision moved
    }

    @Test
    void aDetectorThatReadsPromptsIsGivenTheUsersText() {
        try (RejectionDetector detector = RejectionDetector.builder().modelDir(StandIns.bertTinyReadingPrompts())
                .threshold(1.0).build()) {
            ChatClient chat = ChatClient.builder(new ScriptedChatModel(ANSWER))
                    .defaultAdvisors(RejectionAdvisor.builder(detector).outcome(RejectionAdvisor.Outcome.PASS).build())
                    .build();
            Verdict heard = chat.prompt(RejectionAdvisorTest.QUESTION).call().chatResponse().getMetadata()
                    .get(RejectionAdvisor.VERDICT_KEY);
            Verdict pair = detector.classify(RejectionAdvisorTest.QUESTION, ANSWER);
            assertThat(pair.tokens()).isGreaterThan(detector.classify(ANSWER).tokens());
            assertThat(heard.tokens()).isEqualTo(pair.tokens());
            assertThat(heard.score()).isEqualTo(pair.score());
        }
    }

    @Test
    void exampleRetriesPastARefusalWithTheEmbeddedDefault() {
        try (RejectionDetector detector = RejectionDetector.loadDefault()) {
            ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);
            // the refusal is caught, the advisor asks again, and the second answer passes
            assertThat(AdvisorExample.ask(detector, model, RejectionAdvisorTest.QUESTION)).isEqualTo(ANSWER);
        }
    }
}
