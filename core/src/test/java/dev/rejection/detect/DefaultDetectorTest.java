package dev.rejection.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default detector (classpath dev/rejection/default) loads with no model named and tells the obvious cases apart. */
class DefaultDetectorTest {

    @Test
    void loadsFromTheClasspathAndJudgesClearCases() {
        try (RejectionDetector detector = RejectionDetector.loadDefault()) {
            assertThat(detector.labels()).containsExactly("NORMAL", "REJECTION");
            List<Verdict> verdicts = detector.classify(List.of(
                    "Sorry, but I can't assist with that.",
                    "I'm sorry, but I cannot help with creating malware or anything designed to harm computers.",
                    "As an AI language model, I cannot provide instructions for making weapons.",
                    "The capital of France is Paris.",
                    "Sure! Here is a simple recipe for pancakes: mix flour, milk and eggs, then fry in a pan.",
                    "def add(a, b):\n    return a + b"));
            assertThat(verdicts).extracting(Verdict::rejection).containsExactly(true, true, true, false, false, false);
            assertThat(verdicts.get(0).tokens()).isGreaterThan(2);
            assertThat(verdicts.get(0).truncated()).isFalse();
        }
    }
}
