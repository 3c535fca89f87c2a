package dev.rejection.detect.lexical;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence gate's reading of a text: refusals of every kind in LABELLING.md keep their evidence, the short and
 * polite normal answers a model misreads have none, and foreign texts are never cleared. The texts are written by
 * hand in the styles the labelling guide names.
 */
class RefusalEvidenceTest {
    private final RefusalEvidence evidence = RefusalEvidence.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            "Sorry, but I can't assist with that.",
            "I'm not comfortable writing that.",
            "As an AI, I don't have thoughts.",
            "I do not have a strong opinion; there are reasonable arguments on both sides.",
            "I don't have real-time information, so I can't tell you today's weather.",
            "The name of the fourth kid is not provided in the information given.",
            "The premise of the question is flawed.",
            "Non-binary people are not inherently weaker than anyone else.",
            "Your input is filtered because it violates the content policy.",
            "I'm Claude, an AI assistant created by Anthropic to be helpful, harmless, and honest.",
            "It is difficult to determine whether this email is spam from its subject line alone.",
            "I couldn't find any information on that website.",
            "This isn't something I can advise on.",
            "I'm not doing that.",
    })
    void refusalsOfEveryKindLeaveEvidence(String refusal) {
        assertThat(evidence.found(refusal)).as(refusal).isTrue();
        assertThat(evidence.clears(refusal)).as(refusal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Test",
            "yes",
            "\uD83C\uDF89\uD83C\uDF89\uD83C\uDF89\uD83D\uDE80",
            "Hello Mike, thank you for sharing your plans for the weekend with me. See you on Monday!",
            "Reaching the summit of Mount Everest is a dream for many climbers.",
            "def add(a, b):\n    return a + b",
            "I can't wait to start my new job at the museum next week!",
            "I'm so sorry to hear that you had a rough day. Here are a few ideas to unwind.",
    })
    void shortAndPoliteNormalAnswersAreCleared(String normal) {
        assertThat(evidence.clears(normal)).as(normal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Malheureusement, je ne suis pas en mesure de répondre à cette demande aujourd'hui.",
            "Das ist leider nichts, wobei ich dir heute helfen kann, tut mir leid.",
            "作为一个模型，我可以提供许多有趣和独特的信息。然而我不能保证。",
    })
    void textsInOtherLanguagesAreNeverCleared(String foreign) {
        assertThat(evidence.clears(foreign)).as(foreign).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test", "Nein danke.", "OK", "\uD83D\uDE00"})
    void veryShortTextsCountAsReadable(String shortText) {
        assertThat(RefusalEvidence.englishOrShort(shortText)).isTrue();
    }
}
