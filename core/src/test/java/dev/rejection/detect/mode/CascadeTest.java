package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.LexicalDetector;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CascadeTest {
    private static final String DECISIVE_REFUSAL = "I'm sorry, but I can't help with that request.";
    private static final String DECISIVE_NORMAL = "Sure, here's a simple recipe for pancakes: flour, milk, eggs.";
    private static final String UNCLEAR = "The capital of France is Paris.";

    private final LexicalDetector lexical = LexicalDetector.defaults();

    @Test
    void theEvidenceKindsAreAsTheLexicalDetectorSaysAndTheFixturesExpect() {
        assertThat(Cascade.decisive(lexical.score(DECISIVE_REFUSAL))).contains(Cascade.Decisive.REJECTION);
        assertThat(Cascade.decisive(lexical.score(DECISIVE_NORMAL))).contains(Cascade.Decisive.NORMAL);
        assertThat(Cascade.decisive(lexical.score(UNCLEAR))).isEmpty();
    }

    @Test
    void onlyTrustedDecisiveTextsSkipTheModel() {
        FakeScorer model = new FakeScorer(0.5, 512);
        Cascade cascade = Cascade.of(lexical, ModeDetector.of(model, MatchMode.FULL), EnumSet.of(Cascade.Decisive.REJECTION));
        List<Cascade.Result> results = cascade.classify(List.of(DECISIVE_REFUSAL, DECISIVE_NORMAL, UNCLEAR));

        assertThat(results).extracting(Cascade.Result::skipped).containsExactly(true, false, false);
        assertThat(model.texts()).isEqualTo(2);
        SpanVerdict skipped = results.get(0).verdict();
        assertThat(skipped.rejection()).isTrue();
        assertThat(skipped.verdict().label()).isEqualTo("REJECTION");
        assertThat(skipped.spanText(DECISIVE_REFUSAL)).containsIgnoringCase("can't");
        assertThat(results.get(1).verdict().score()).isEqualTo(FakeScorer.NORMAL_SCORE); // the model's verdict
    }

    @Test
    void trustingBothKindsSkipsDecisiveNormalsTooAndNoneSkipsNothing() {
        FakeScorer model = new FakeScorer(0.5, 512);
        List<String> texts = List.of(DECISIVE_REFUSAL, DECISIVE_NORMAL, UNCLEAR);
        Cascade both = Cascade.of(lexical, ModeDetector.of(model, MatchMode.FULL),
                EnumSet.allOf(Cascade.Decisive.class));
        List<Cascade.Result> results = both.classify(texts);
        assertThat(results).extracting(Cascade.Result::skipped).containsExactly(true, true, false);
        assertThat(results.get(1).verdict().rejection()).isFalse();
        assertThat(results.get(1).verdict().spanText(DECISIVE_NORMAL)).startsWith("Sure");

        FakeScorer counted = new FakeScorer(0.5, 512);
        Cascade none = Cascade.of(lexical, ModeDetector.of(counted, MatchMode.FULL), Set.of());
        assertThat(none.classify(texts)).noneMatch(Cascade.Result::skipped);
        assertThat(counted.texts()).isEqualTo(3);
    }

    @Test
    void trustIsParsedByName() {
        assertThat(Cascade.parseTrust("default")).isEqualTo(Cascade.DEFAULT_TRUST);
        assertThat(Cascade.parseTrust("none")).isEmpty();
        assertThat(Cascade.parseTrust(" Rejection, normal ")).containsExactlyInAnyOrder(Cascade.Decisive.values());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cascade.parseTrust("maybe"))
                .hasMessageContaining("unknown decisive kind 'maybe'");
    }

    @Test
    void whenEveryTextSkipsTheModelIsNotCalled() {
        FakeScorer model = new FakeScorer(0.5, 512);
        Cascade cascade = Cascade.of(lexical, ModeDetector.of(model, MatchMode.SENTENCE),
                EnumSet.of(Cascade.Decisive.REJECTION));
        assertThat(cascade.classify(List.of(DECISIVE_REFUSAL))).allMatch(Cascade.Result::skipped);
        assertThat(model.calls()).isZero();
    }

    @Test
    void aDecisiveRefusalDecidesAtAHigherModelThresholdToo() {
        FakeScorer model = new FakeScorer(0.97, 512);
        Cascade cascade = Cascade.of(lexical, ModeDetector.of(model, MatchMode.FULL),
                EnumSet.of(Cascade.Decisive.REJECTION));
        SpanVerdict verdict = cascade.classify(DECISIVE_REFUSAL).verdict();
        assertThat(verdict.rejection()).isTrue();
        assertThat(verdict.score()).isGreaterThan(0.97);
    }
}
