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
import static org.assertj.core.api.Assertions.within;

/** The guardrail on a real detector (the tiny stand-in model: real inference, arbitrary scores). */
class DetectorWiringTest {

    @Test
    void guardrailJudgesAnswersWithTheDetector() {
        try (RejectionDetector detector = RejectionDetector.load(StandIns.tiny())) {
            List<Verdict> heard = new CopyOnWriteArrayList<>();
            GuardrailExample.Assistant assistant = AiServices.builder(GuardrailExample.Assistant.class)
                    .chatModel(new ScriptedChatModel(RejectionGuardrailTest.ANSWER))
                    .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
                    .outputGuardrails(RejectionGuardrail.builder(detector::classify)
                            .listener((verdict, answer) -> heard.add(verdict)).build())
                    .build();

            Verdict expected = detector.classify(RejectionGuardrailTest.ANSWER);
            if (expected.rejection()) {
                OutputGuardrailException e = catchThrowableOfType(OutputGuardrailException.class,
                        () -> assistant.chat(RejectionGuardrailTest.QUESTION));
                assertThat(e).hasMessageContaining("the answer is a rejection");
            } else {
                assertThat(assistant.chat(RejectionGuardrailTest.QUESTION)).isEqualTo(RejectionGuardrailTest.ANSWER);
            }
            assertThat(heard).containsExactly(expected);
            assertThat(expected.scores().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void exampleRunsOnTheDetector() {
        try (RejectionDetector detector = RejectionDetector.load(StandIns.tiny())) {
            ScriptedChatModel model = new ScriptedChatModel("I'm sorry, but I can't help with that.",
                    RejectionGuardrailTest.ANSWER);
            boolean refusalCaught = detector.classify("I'm sorry, but I can't help with that.").rejection();
            boolean answerCaught = detector.classify(RejectionGuardrailTest.ANSWER).rejection();
            if (answerCaught) {
                // the stand-in's arbitrary scores may call the answer a rejection too; then every try fails
                assertThat(catchThrowableOfType(OutputGuardrailException.class,
                        () -> GuardrailExample.ask(detector, model, RejectionGuardrailTest.QUESTION))).isNotNull();
            } else {
                assertThat(GuardrailExample.ask(detector, model, RejectionGuardrailTest.QUESTION))
                        .isEqualTo(refusalCaught ? RejectionGuardrailTest.ANSWER
                                : "I'm sorry, but I can't help with that.");
            }
        }
    }
}
