package dev.rejection.detect.mode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosingTest {
    private static final String ANSWER = "Water the plant once a week.\n\nKeep it out of direct afternoon sun.";

    @ParameterizedTest
    @ValueSource(strings = {
            "I hope this helps! Let me know if you have any other questions.",
            "I hope these recommendations help you plan your trip to Okinawa! Let me know if you have any other "
                    + "questions or if there's anything else I can help with.",
            "Would you like me to go into more detail about any of the points mentioned?",
            "Please let me know if you have any specific preferences, and I can provide more tailored advice!",
            "Feel free to modify or expand upon any of these questions.",
            "**Hope that helps!** If you need anything else, just ask.",
            "Happy gardening!",
            "We trust this guide is useful. Good luck with your plants!",
            "I hope this helps! Is there anything else I can help you with?",
    })
    void aLastParagraphThatOnlyWishesTheAnswerHelpsOrOffersMoreIsTheClosing(String closing) {
        String text = ANSWER + "\n\n" + closing;
        assertThat(Closing.contentEnd(text)).isEqualTo(ANSWER.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a refusal, even one worded as a closing, is content
            "I hope this clarifies why I can't share the password.",
            "I'm sorry, but I can't help with the rest of this request.",
            "Let me know if you want more. As an AI, I cannot give medical advice, though.",
            // a closing sentence and a point of the answer
            "I hope this helps. Repot it in spring when the roots fill the pot.",
            // a question that is not an offer, and an offer that is not a question
            "Would you like to know the answer? It is 42.",
            "Would you like me to stop here.",
            // content that opens like a closing
            "If you need legal advice, the city's tenant office answers questions for free.",
            // an offer of help with something else: how deflections end ("Dosing has to come from your doctor. ...")
            "Is there anything else I can help you with?",
            "Anything else you'd like to talk about?",
    })
    void aLastParagraphWithContentOrARefusalIsRead(String last) {
        String text = ANSWER + "\n\n" + last;
        assertThat(Closing.contentEnd(text)).isEqualTo(text.length());
    }

    @Test
    void trailingClosingParagraphsAreOneClosingAndTheFirstParagraphIsNeverOne() {
        String text = ANSWER + "\n\nI hope this helps!\n\n*Happy gardening!* 🌱\n\n";
        assertThat(Closing.contentEnd(text)).isEqualTo(ANSWER.length());
        // a closing needs an answer before it
        assertThat(Closing.contentEnd("I hope this helps!")).isEqualTo("I hope this helps!".length());
        assertThat(Closing.contentEnd("I hope this helps!\n\nLet me know.")).isEqualTo("I hope this helps!".length());
        assertThat(Closing.contentEnd("")).isZero();
        // Windows line ends
        String crlf = "Water the plant once a week.\r\n\r\nLet me know if you have any other questions!\r\n";
        assertThat(Closing.contentEnd(crlf)).isEqualTo("Water the plant once a week.".length());
    }
}
