package dev.rejection.detect;

import dev.rejection.model.ModelException;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void withoutTheDefaultModelArtifactSaysWhichOneToAdd() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // a class loader that sees only the JDK: the classpath without rejection-default-model
        try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(jdkOnly);
            assertThatThrownBy(RejectionDetector::loadDefault)
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("dev/rejection/default")
                    .hasMessageContaining("dev.rejection:rejection-default-model");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void aMissingGraphInTheDefaultIsNamedWithoutAskingForTheArtifactItIsIn() {
        assertThatThrownBy(() -> RejectionDetector.builder().onnxFile("onnx/nope.onnx").build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("onnx/nope.onnx")
                .message().doesNotContain("rejection-default-model");
    }

    @Test
    void aNullTextIsNamedInEveryWayOfReadingOne() {
        try (RejectionDetector detector = RejectionDetector.loadDefault()) {
            dev.rejection.detect.mode.Reading reading = dev.rejection.detect.mode.ReadSpec.defaults().on(detector);
            assertThatThrownBy(() -> reading.classify((String) null)).hasMessage("text 0 is null");
            assertThatThrownBy(() -> reading.classify("a prompt", null)).hasMessage("text 0 is null");
            assertThatThrownBy(() -> detector.classify((String) null)).hasMessage("text 0 is null");
        }
    }
}
