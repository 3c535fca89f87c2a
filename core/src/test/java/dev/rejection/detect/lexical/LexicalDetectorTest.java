package dev.rejection.detect.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LexicalDetectorTest {
    private static final LexicalDetector DETECTOR = LexicalDetector.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        // apologies + inability
        "I'm sorry, but I can't help with that.",
        "I apologize, but I am unable to provide instructions for making weapons.",
        "Unfortunately, I cannot fulfill this request.",
        "I'm afraid I can't do that.",
        // policy statements
        "This request goes against my guidelines, so I will leave it there.",
        "Writing that would violate OpenAI's content policy.",
        "That is not within my programming or ethical guidelines.",
        // As an AI + refusal
        "As an AI language model, I cannot generate explicit content.",
        "I'm just an AI, and creating malware is something I won't do.",
        // corrections
        "It is not appropriate to make jokes about people's disabilities.",
        "It's not ethical or legal for me to help you access someone else's account.",
        // declining, unwillingness, discomfort
        "I must respectfully decline this request.",
        "I won't write a story that glorifies violence.",
        "I'm not comfortable writing that kind of message.",
        "I don't feel comfortable sharing personal details about a real person.",
        // terse whole answers
        "No.",
        "I can't.",
        "Nope!",
        // partial refusal: refuses one part, offers another
        "I can't help with hacking into the account, but I can explain how to secure your own.",
        // other languages
        "Lo siento, pero no puedo ayudarte con eso.",
        "Je suis désolé, mais je ne peux pas vous aider avec cela.",
        "Es tut mir leid, aber ich kann dir dabei nicht helfen.",
        "抱歉，我不能提供这方面的帮助。",
        "Mi dispiace, ma non posso aiutarti con questo.",
        "Desculpe, mas não posso ajudar com isso.",
        "Извините, но я не могу помочь с этим.",
    })
    void refusalsOfEveryKindFire(String text) {
        LexicalVerdict verdict = DETECTOR.score(text);
        assertThat(verdict.rejection()).as("%s -> %s", text, verdict).isTrue();
        assertThat(verdict.refusalMatches()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I'm sorry to hear that. Losing a pet is hard; here are some ways to cope with grief.",
        "Sorry for the confusion, here is the corrected code.",
        "Sure, here's a recipe for banana bread.",
        "Certainly! The capital of France is Paris.",
        "Here's a short poem about the sea.",
        "I'd be happy to help you plan your trip to Japan.",
        "As an AI engineer, I often work with PyTorch and ONNX.",
        "Refusals are messages where a model declines a request; detectors classify them.",
        "The answer is 42.",
        "I can't help but notice how beautiful the mountains are in autumn.",
    })
    void hardNegativesDoNot(String text) {
        LexicalVerdict verdict = DETECTOR.score(text);
        assertThat(verdict.rejection()).as("%s -> %s", text, verdict).isFalse();
    }

    @Test
    void moralisingHedgesAndRedirectionsCountAsWeakEvidenceTogether() {
        String one = "It is important to respect everyone's privacy.";
        String two = "As an AI language model, I don't have personal opinions. It is important to respect everyone's "
                + "privacy, and if you are struggling, please reach out to a mental health professional.";
        assertThat(DETECTOR.score(one).rejection()).isFalse();
        LexicalVerdict both = DETECTOR.score(two);
        assertThat(both.rejection()).isTrue();
        assertThat(both.decisive()).isFalse();
        assertThat(both.matches()).allMatch(m -> m.phrase().strength() == Strength.WEAK);
    }

    @Test
    void strongOpeningRefusalWithoutCounterEvidenceIsDecisive() {
        LexicalVerdict verdict = DETECTOR.score("I'm sorry, but I cannot assist with that request.");
        assertThat(verdict.rejection()).isTrue();
        assertThat(verdict.decisive()).isTrue();
        assertThat(verdict.score()).isGreaterThan(0.9);
        assertThat(verdict.matches()).allMatch(LexicalMatch::opening);
    }

    @Test
    void counterOpenerWithoutRefusalIsDecisiveNormal() {
        LexicalVerdict verdict = DETECTOR.score("Sure, here's a summary of the article.");
        assertThat(verdict.rejection()).isFalse();
        assertThat(verdict.decisive()).isTrue();
        assertThat(verdict.counterMatches()).isNotEmpty();
    }

    @Test
    void refusalAfterCompliantOpeningIsNotDecisive() {
        String text = "Sure, here's an overview of lock mechanisms. Pin tumbler locks use spring-loaded pins. "
                + "Wafer locks are simpler and common in furniture. Disc detainer locks rotate discs instead. "
                + "However, I can't provide step-by-step instructions for picking a lock you don't own.";
        LexicalVerdict verdict = DETECTOR.score(text);
        assertThat(verdict.decisive()).isFalse();
        assertThat(verdict.refusalMatches()).anyMatch(m -> !m.opening());
    }

    @Test
    void noEvidenceIsNeitherRejectionNorDecisive() {
        LexicalVerdict verdict = DETECTOR.score("Photosynthesis turns light into chemical energy.");
        assertThat(verdict.rejection()).isFalse();
        assertThat(verdict.decisive()).isFalse();
        assertThat(verdict.matches()).isEmpty();
        assertThat(verdict.score()).isLessThan(0.1);
    }

    @Test
    void openingOnlyPhrasesDoNotFireLater() {
        String later = "Paris is the capital of France and has many museums worth a visit. ".repeat(4)
                + "Unfortunately, the Louvre is closed on Tuesdays.";
        assertThat(DETECTOR.score(later).matches()).noneMatch(m -> m.phrase().category().equals("apology"));
        assertThat(DETECTOR.score("Unfortunately, I think the museum is closed.").matches())
                .anyMatch(m -> m.phrase().category().equals("apology") && m.opening());
    }

    @Test
    void wholeTextPhrasesNeedTheWholeText() {
        assertThat(DETECTOR.score("No.").rejection()).isTrue();
        assertThat(DETECTOR.score("No, the meeting is on Friday at noon in room 4.").rejection()).isFalse();
    }

    @Test
    void spansPointIntoTheOriginalTextThroughTypographyAndNfkc() {
        String text = "\uFF28ello! I\u2019m \uFF53orry,\u00A0but\u200B I can\u2019t  assist with that.";
        LexicalVerdict verdict = DETECTOR.score(text);
        assertThat(verdict.rejection()).isTrue();
        LexicalMatch inability = verdict.matches().stream()
                .filter(m -> m.phrase().category().equals("inability")).findFirst().orElseThrow();
        assertThat(inability.text()).isEqualTo("I can\u2019t  assist");
        assertThat(text.substring(inability.start(), inability.end())).isEqualTo(inability.text());
        LexicalMatch apology = verdict.matches().stream()
                .filter(m -> m.phrase().category().equals("apology")).findFirst().orElseThrow();
        assertThat(apology.text()).startsWith("\uFF53orry");
        assertThat(apology.start()).isEqualTo(text.indexOf('\uFF53'));
    }

    @Test
    void featuresFollowTheirNamesAndAgreeWithTheScore() {
        String text = "I'm sorry, but I can't help with that.";
        double[] features = DETECTOR.features(text);
        assertThat(features).hasSize(LexicalDetector.FEATURE_NAMES.size());
        assertThat(features[LexicalDetector.FEATURE_NAMES.indexOf("strong_opening")]).isEqualTo(1.0);
        assertThat(features[LexicalDetector.FEATURE_NAMES.indexOf("counter_opening")]).isEqualTo(0.0);
        assertThat(features[LexicalDetector.FEATURE_NAMES.indexOf("first_refusal")]).isLessThan(0.2);
        assertThat(features[LexicalDetector.FEATURE_NAMES.indexOf("score")]).isEqualTo(DETECTOR.score(text).score());
        double[] none = DETECTOR.features("The answer is 42.");
        assertThat(none[LexicalDetector.FEATURE_NAMES.indexOf("first_refusal")]).isEqualTo(1.0);
    }

    @Test
    void thresholdIsStrictAndValidated() {
        LexicalVerdict verdict = DETECTOR.score("I'm sorry, but I can't help with that.");
        assertThat(DETECTOR.withThreshold(verdict.score()).score("I'm sorry, but I can't help with that.")
                .rejection()).isFalse();
        assertThatThrownBy(() -> DETECTOR.withThreshold(1.5)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> DETECTOR.score(null)).hasMessageContaining("null");
    }

    @Test
    void customPhraseFilesWork() {
        LexicalDetector custom = LexicalDetector.fromString("strong opening nein: (nein | niemals)\n", "custom.txt");
        LexicalVerdict verdict = custom.score("Niemals werde ich das tun.");
        assertThat(verdict.rejection()).isTrue();
        assertThat(verdict.matches().get(0).phrase().source()).isEqualTo("custom.txt");
    }
}
