package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.LexicalDetector;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingDetectorTest {

    private static StreamingDetector stream(FakeScorer model, LexicalDetector lexical) {
        return new StreamingDetector(ModeDetector.of(model, MatchMode.SENTENCE), lexical,
                StreamingDetector.DEFAULT_CONFIDENCE);
    }

    @Test
    void aDecisiveLexicalRefusalDecidesOnceTheFirstSentenceIsComplete() {
        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector detector = stream(model, LexicalDetector.defaults());
        assertThat(detector.accept("I'm sorry, but I can")).isEmpty();
        assertThat(detector.accept("'t help with that.")).isEmpty(); // the sentence may still go on
        Optional<StreamDecision> early = detector.accept(" If you");
        assertThat(early).isPresent();
        assertThat(early.get().early()).isTrue();
        assertThat(early.get().reason()).isEqualTo("lexical");
        assertThat(early.get().verdict().rejection()).isTrue();
        assertThat(early.get().chars()).isEqualTo(45);
        assertThat(model.calls()).isZero(); // decided without the model
        assertThat(detector.accept(" have another question, ask away.")).isEmpty(); // at most one early decision

        StreamDecision last = detector.finish();
        assertThat(last.early()).isFalse();
        assertThat(last.reason()).isEqualTo("end");
        assertThat(last.chars()).isEqualTo(detector.text().length());
        assertThat(detector.early()).contains(early.get());
    }

    @Test
    void terminalPunctuationAndASpaceCompleteASentence() {
        StreamingDetector detector = stream(new FakeScorer(0.5, 512), LexicalDetector.defaults());
        assertThat(detector.accept("I'm sorry, but I can't help with that.\n")).isPresent();
        StreamingDetector unfinished = stream(new FakeScorer(0.5, 512), LexicalDetector.defaults());
        assertThat(unfinished.accept("I'm sorry, but I can't help with that, ")).isEmpty(); // a comma: it goes on
    }

    @Test
    void aConfidentModelScoreOnTheFirstSentenceDecidesEarly() {
        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector detector = stream(model, null);
        assertThat(detector.accept("NOPE")).isEmpty();
        StreamDecision early = detector.accept(". Not today").orElseThrow();
        assertThat(early.reason()).isEqualTo("model");
        assertThat(early.verdict().rejection()).isTrue();
        assertThat(early.verdict().spanText(detector.text())).isEqualTo("NOPE.");
    }

    @Test
    void anUnsureOpeningWaitsAndTheFinalDecisionSeesTheWholeText() {
        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector detector = stream(model, null);
        // 0.55 is near the threshold: no early decision on it, and no model call after the opening sentences
        assertThat(detector.accept("MAYBE I can. MAYBE not. MAYBE so. ")).isEmpty();
        assertThat(detector.accept("Then more text. Later: NOPE. The end.")).isEmpty();
        assertThat(model.texts()).isEqualTo(3);
        StreamDecision last = detector.finish();
        assertThat(last.verdict().rejection()).isTrue();
        assertThat(last.verdict().spanText(detector.text())).isEqualTo("Later: NOPE.");
    }

    @Test
    void aConfidentNormalOpeningDecidesEarlyAndTheFinalCanStillDiffer() {
        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector detector = stream(model, null);
        StreamDecision early = detector.accept("Rivers carve valleys. Over time").orElseThrow();
        assertThat(early.verdict().rejection()).isFalse();
        detector.accept(" they widen. But NOPE, not the rest.");
        assertThat(detector.finish().verdict().rejection()).isTrue();
    }

    @Test
    void pastTheOpeningCharactersNoEarlyDecisionIsLookedFor() {
        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector detector = stream(model, LexicalDetector.defaults());
        String words = "word ".repeat(1000); // 5,000 characters, no sentence end
        assertThat(detector.accept(words)).isEmpty();
        assertThat(detector.accept(words)).isEmpty(); // 10,000: past the opening
        assertThat(detector.accept(". I'm sorry, but I can't help with that. More.")).isEmpty();
        assertThat(model.calls()).isZero();
        assertThat(detector.finish().verdict().rejection()).isFalse(); // the fake reads "NOPE" only

        StreamingDetector within = stream(new FakeScorer(0.5, 512), LexicalDetector.defaults());
        within.accept(words);
        assertThat(within.accept(". I'm sorry, but I can't help with that. More.")).isPresent();
    }

    @Test
    void aFinishedStreamTakesNoMoreText() {
        StreamingDetector detector = stream(new FakeScorer(0.5, 512), null);
        detector.finish();
        assertThatThrownBy(() -> detector.accept("more")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(detector::finish).isInstanceOf(IllegalStateException.class);
    }
}
