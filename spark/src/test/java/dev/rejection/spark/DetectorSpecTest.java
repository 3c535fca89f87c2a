package dev.rejection.spark;

import dev.rejection.detect.mode.MatchMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorSpecTest {
    private final DetectorSpec spec = DetectorSpec.of("/models/rejection");

    @Test
    void readsTheWholeTextByDefault() {
        assertThat(spec.mode()).isEqualTo(MatchMode.FULL);
        assertThat(spec.stride()).isNull();
    }

    @Test
    void noModelIsTheEmbeddedDefaultButABlankOneIsAMistake() {
        assertThat(DetectorSpec.embedded().model()).isNull();
        assertThat(DetectorSpec.embedded().withThreshold(0.7).model()).isNull();
        assertThatThrownBy(() -> DetectorSpec.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model is blank: give a directory, a Hub id or sparkfiles:NAME, or null for the embedded "
                        + "default");
    }

    @Test
    void aWindowSpecTakesAStride() {
        DetectorSpec windows = spec.withMode(MatchMode.WINDOW).withStride(32);

        assertThat(windows.mode()).isEqualTo(MatchMode.WINDOW);
        assertThat(windows.stride()).isEqualTo(32);
        assertThat(windows.withThreshold(0.7).stride()).isEqualTo(32);
        assertThat(windows.loading()).isEqualTo(spec);
    }

    @Test
    void aStrideOutsideWindowModeOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> spec.withStride(32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a stride applies to window and deep mode only, not to full mode");
        assertThatThrownBy(() -> spec.withMode(MatchMode.WINDOW).withStride(32).withMode(MatchMode.SENTENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a stride applies to window and deep mode only, not to sentence mode");
        assertThatThrownBy(() -> spec.withMode(MatchMode.WINDOW).withStride(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stride must be at least 0, got -1");
        assertThatThrownBy(() -> spec.withMode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode is required: full, sentence, window or deep");
    }

    @Test
    void withoutAModelItRunsTheEmbeddedDefault() {
        DetectorSpec embedded = DetectorSpec.defaults();
        assertThat(embedded.model()).isNull();
        assertThatThrownBy(() -> DetectorSpec.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model is blank");
        TextScorer scorer = TextScorer.of(embedded);
        // columns: rejection_score, rejection_label, rejection, rejection_error; the default detector's verdicts
        Object[] refusal = scorer.score("I'm sorry, but I can't help with that request.");
        Object[] answer = scorer.score("The capital of France is Paris.");
        assertThat(refusal[1]).isEqualTo("REJECTION");
        assertThat(refusal[2]).isEqualTo(true);
        assertThat(answer[1]).isEqualTo("NORMAL");
        assertThat(answer[2]).isEqualTo(false);
        assertThat(refusal[3]).isNull();
    }
}
