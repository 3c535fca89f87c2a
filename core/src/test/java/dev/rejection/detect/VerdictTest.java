package dev.rejection.detect;

import dev.rejection.pipeline.Classification;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private static Classification scores(double normal, double rejection) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("NORMAL", normal);
        scores.put("REJECTION", rejection);
        return new Classification(scores, 7, false, -1);
    }

    @Test
    void rejectionWhenScoreIsAboveThreshold() {
        Verdict v = Verdict.decide(scores(0.2, 0.8), "REJECTION", 0.5);
        assertThat(v.rejection()).isTrue();
        assertThat(v.label()).isEqualTo("REJECTION");
        assertThat(v.score()).isEqualTo(0.8);
        assertThat(v.scores()).containsExactly(Map.entry("NORMAL", 0.2), Map.entry("REJECTION", 0.8));
        assertThat(v.tokens()).isEqualTo(7);
        assertThat(v.truncated()).isFalse();
    }

    @Test
    void thresholdIsStrictSoATieIsNotARejection() {
        Verdict v = Verdict.decide(scores(0.5, 0.5), "REJECTION", 0.5);
        assertThat(v.rejection()).isFalse();
        assertThat(v.label()).isEqualTo("NORMAL");
        assertThat(v.score()).isEqualTo(0.5);
    }

    @Test
    void otherThresholdsMoveTheDecision() {
        assertThat(Verdict.decide(scores(0.7, 0.3), "REJECTION", 0.25).rejection()).isTrue();
        assertThat(Verdict.decide(scores(0.1, 0.9), "REJECTION", 0.95).rejection()).isFalse();
        assertThat(Verdict.decide(scores(0.1, 0.9), "REJECTION", 0.95).label()).isEqualTo("NORMAL");
    }

    @Test
    void nonRejectionLabelIsTheBestOtherLabel() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("NORMAL", 0.3);
        scores.put("REJECTION", 0.2);
        scores.put("PARTIAL", 0.5);
        Verdict v = Verdict.decide(new Classification(scores, 3, true, 12), "REJECTION", 0.5);
        assertThat(v.label()).isEqualTo("PARTIAL");
        assertThat(v.truncated()).isTrue();
        assertThat(v.cut()).isEqualTo(12);
        assertThat(v.read("twenty characters...")).isEqualTo(12);
    }

    @Test
    void aGatedRejectionIsCappedAtTheThresholdAndKeepsItsCounts() {
        Verdict model = Verdict.decide(scores(0.25, 0.75), "REJECTION", 0.5);
        Verdict gated = model.gated("REJECTION", 0.5);
        assertThat(gated.gated()).isTrue();
        assertThat(gated.rejection()).isFalse();
        assertThat(gated.label()).isEqualTo("NORMAL");
        assertThat(gated.score()).isEqualTo(0.5);
        assertThat(gated.scores()).containsExactly(Map.entry("NORMAL", 0.5), Map.entry("REJECTION", 0.5));
        assertThat(gated.tokens()).isEqualTo(7);
        assertThat(model.gated()).isFalse();
    }

    @Test
    void aGatedCertainRejectionSharesTheRestAmongTheOtherLabels() {
        Map<String, Double> three = new LinkedHashMap<>();
        three.put("NORMAL", 0.0);
        three.put("OTHER", 0.0);
        three.put("REJECTION", 1.0);
        Verdict model = Verdict.decide(new Classification(three, 4, false, -1), "REJECTION", 0.8);
        Verdict gated = model.gated("REJECTION", 0.8);
        assertThat(gated.score()).isEqualTo(0.8);
        assertThat(gated.scores().get("NORMAL")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(gated.scores().get("OTHER")).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(gated.label()).isIn("NORMAL", "OTHER");
    }
}
