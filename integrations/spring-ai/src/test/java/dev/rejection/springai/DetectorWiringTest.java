package dev.rejection.springai;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.RejectionException;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The advisor on a real detector (the tiny stand-in model: real inference, arbitrary scores). */
class DetectorWiringTest {
    static final String REFUSAL = RejectionAdvisorTest.REFUSAL;
    static final String ANSWER = RejectionAdvisorTest.ANSWER;

    @Test
    void advisorPutsTheDetectorsVerdictInTheMetadata() {
        try (RejectionDetector detector = RejectionDetector.load(StandIns.tiny())) {
            ChatClient chat = ChatClient.builder(new ScriptedChatModel(ANSWER))
                    .defaultAdvisors(RejectionAdvisor.builder(detector::classify)
                            .outcome(RejectionAdvisor.Outcome.PASS).build())
                    .build();

            ChatResponse response = chat.prompt(RejectionAdvisorTest.QUESTION).call().chatResponse();

            assertThat(response.getResult().getOutput().getText()).isEqualTo(ANSWER);
            Verdict verdict = response.getMetadata().get(RejectionAdvisor.VERDICT_KEY);
            assertThat(verdict).isEqualTo(detector.classify(ANSWER));
        }
    }

    @Test
    void exampleRunsOnTheDetector() {
        try (RejectionDetector detector = RejectionDetector.load(StandIns.tiny())) {
            ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);
            boolean refusalCaught = detector.classify(REFUSAL).rejection();
            boolean answerCaught = detector.classify(ANSWER).rejection();
            if (refusalCaught && answerCaught) {
                // the stand-in's arbitrary scores may call the answer a rejection too; then the retry fails
                assertThat(catchThrowableOfType(RejectionException.class,
                        () -> AdvisorExample.ask(detector, model, RejectionAdvisorTest.QUESTION))).isNotNull();
            } else {
                assertThat(AdvisorExample.ask(detector, model, RejectionAdvisorTest.QUESTION))
                        .isEqualTo(refusalCaught ? ANSWER : REFUSAL);
            }
        }
    }
}
