package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.ReadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code rejection eval} ranks by: with the evidence gate on, a text it clears scores 0 (no rejection at any
 * threshold), so the scores do not move with the threshold, and at the threshold they give classify's verdicts.
 */
class DetectorScorerTest {
    /** Short answers the default model flags without a sign of refusal (the gate clears them), and others. */
    static final List<String> TEXTS = List.of("Nope, not doing that.", "Let's not go there.",
            "I'm sorry, but I can't help with that.", "Sure, here you go.", "Please consult a doctor.", "Error 404",
            "I cannot do that.", "Hmm.");

    @Test
    void gatedTextsRankBelowEveryThresholdAndTheVerdictsAtTheThresholdAreClassifys() {
        List<Verdict> verdicts;
        try (RejectionDetector detector = RejectionDetector.builder().threshold(0.5).build()) {
            verdicts = detector.classify(TEXTS);
        }
        assertThat(verdicts).as("the data holds texts the gate clears").anyMatch(Verdict::gated);

        double[] at03 = scores(0.3, null);
        double[] at05 = scores(0.5, null);
        assertThat(at05).containsExactly(scores(0.7, null));
        assertThat(at03).containsExactly(at05);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(at05[i] > 0.5).as(TEXTS.get(i)).isEqualTo(verdicts.get(i).rejection());
            if (verdicts.get(i).gated()) {
                assertThat(at05[i]).as(TEXTS.get(i)).isZero();
            }
        }
    }

    @Test
    void aReadingInSentencesRanksTheSameWayWhateverTheThreshold() {
        ReadSpec sentences = ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT);
        double[] at05 = scores(0.5, sentences);
        assertThat(scores(0.3, sentences)).containsExactly(at05);
        try (RejectionDetector detector = RejectionDetector.builder().threshold(0.5).build()) {
            List<Read> reads = sentences.on(detector).read(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(at05[i] > 0.5).as(TEXTS.get(i)).isEqualTo(reads.get(i).rejection());
            }
        }
    }

    private static double[] scores(double threshold, ReadSpec spec) {
        try (ModelScorer scorer = DetectorScorer.load(null, builder -> builder.threshold(threshold))) {
            return spec == null ? scorer.score(TEXTS) : scorer.reading(spec).score(TEXTS);
        }
    }
}
