package dev.rejection.langchain4j;

import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The guardrail on real detectors: the generated BERT stand-in (real inference, arbitrary scores) at thresholds
 * that fix its verdicts (every score is above 0 and none above 1), and the embedded default on a plain refusal.
 */
class DetectorWiringTest {

    private static RejectionDetector standIn(double threshold) {
        return RejectionDetector.builder().modelDir(StandIns.bertTiny()).threshold(threshold).build();
    }

    private static GuardrailExample.Assistant assistant(RejectionDetector detector, List<Verdict> heard) {
        return AiServices.builder(GuardrailExample.Assistant.class)
                .chatModel(new ScriptedChatModel(RejectionGuardrailTest.ANSWER))
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                .outputGuardrails(RejectionGuardrail.builder(detector)
                        .listener((verdict, answer) -> heard.add(verdict)).build())
                .build();
    }

    @Test
    void aRejectionVerdictFailsTheCall() {
        try (RejectionDetector detector = standIn(0.0)) {
            List<Verdict> heard = new CopyOnWriteArrayList<>();
            OutputGuardrailException e = catchThrowableOfType(OutputGuardrailException.class,
                    () -> assistant(detector, heard).chat(RejectionGuardrailTest.QUESTION));
            assertThat(e).hasMessageContaining("the answer is a rejection");
            assertThat(heard).hasSize(1);
            assertThat(heard.get(0).rejection()).isTrue();
            assertThat(heard.get(0).label()).isEqualTo("REJECTION");
        }
    }

    @Test
    void aNormalVerdictLetsTheAnswerThrough() {
        try (RejectionDetector detector = standIn(1.0)) {
            List<Verdict> heard = new CopyOnWriteArrayList<>();
            assertThat(assistant(detector, heard).chat(RejectionGuardrailTest.QUESTION))
                    .isEqualTo(RejectionGuardrailTest.ANSWER);
            assertThat(heard).hasSize(1);
            assertThat(heard.get(0).rejection()).isFalse();
            assertThat(heard.get(0).label()).isEqualTo("NORMAL");
        }
    }

    @Test
    void aDetectorThatReadsPromptsIsGivenTheUsersMessage() {
        try (RejectionDetector detector = RejectionDetector.builder().modelDir(StandIns.bertTinyReadingPrompts())
                .threshold(1.0).build()) {
            List<Verdict> heard = new CopyOnWriteArrayList<>();
            assistant(detector, heard).chat(RejectionGuardrailTest.QUESTION);
            Verdict pair = detector.classify(RejectionGuardrailTest.QUESTION, RejectionGuardrailTest.ANSWER);
            Verdict alone = detector.classify(RejectionGuardrailTest.ANSWER);
            assertThat(pair.tokens()).isGreaterThan(alone.tokens()); // the two readings can be told apart
            assertThat(heard).hasSize(1);
            assertThat(heard.get(0).tokens()).isEqualTo(pair.tokens());
            assertThat(heard.get(0).score()).isEqualTo(pair.score());
        }
    }

    @Test
    void exampleRetriesPastARefusalWithTheEmbeddedDefault() {
        try (RejectionDetector detector = RejectionDetector.loadDefault()) {
            ScriptedChatModel model = new ScriptedChatModel(RejectionGuardrailTest.REFUSAL,
                    RejectionGuardrailTest.ANSWER);
            // the refusal is caught, the guardrail asks again, and the second answer passes
            assertThat(GuardrailExample.ask(detector, model, RejectionGuardrailTest.QUESTION))
                    .isEqualTo(RejectionGuardrailTest.ANSWER);
        }
    }
}
