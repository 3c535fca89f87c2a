package dev.rejection.detect;

import dev.rejection.model.ModelException;
import dev.rejection.pipeline.ConfigVariant;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public API on the tiny RoBERTa stand-in. */
class RejectionDetectorTest {
    static final List<String> TEXTS = List.of("I'm sorry, but I can't help with that.", "",
            "Here is the recipe you asked for: flour, eggs and milk.", "No.");

    static RejectionDetector detector;

    @BeforeAll
    static void load() {
        detector = RejectionDetector.load(StandIns.bertTiny());
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void verdictCarriesTheRejectionProbabilityAndAllScores() {
        assertThat(detector.labels()).containsExactly("NORMAL", "REJECTION");
        assertThat(detector.threshold()).isEqualTo(0.5);
        assertThat(detector.positiveLabel()).isEqualTo("REJECTION");
        Verdict v = detector.classify(TEXTS.get(0));
        assertThat(v.score()).isEqualTo(v.scores().get("REJECTION"));
        assertThat(v.rejection()).isEqualTo(v.score() > 0.5);
        assertThat(v.label()).isEqualTo(v.rejection() ? "REJECTION" : "NORMAL");
        assertThat(v.tokens()).isGreaterThan(2);
        assertThat(v.truncated()).isFalse();
    }

    @Test
    void listsAreClassifiedInInputOrder() {
        List<Verdict> verdicts = detector.classify(TEXTS);
        assertThat(verdicts).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(verdicts.get(i).tokens()).isEqualTo(detector.classify(TEXTS.get(i)).tokens());
            assertThat(verdicts.get(i).score()).isCloseTo(detector.classify(TEXTS.get(i)).score(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThatThrownBy(() -> detector.classify(java.util.Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text 1 is null");
    }

    @Test
    void thresholdAtTheScoreIsNotARejectionAndJustBelowIs() {
        double score = detector.classify(TEXTS.get(0)).score();
        try (RejectionDetector at = RejectionDetector.builder().modelDir(StandIns.bertTiny()).threshold(score).build();
             RejectionDetector below = RejectionDetector.builder().modelDir(StandIns.bertTiny())
                     .threshold(Math.nextDown(score) - 1e-9).build()) {
            assertThat(at.classify(TEXTS.get(0)).rejection()).isFalse();
            assertThat(at.classify(TEXTS.get(0)).label()).isEqualTo("NORMAL");
            assertThat(below.classify(TEXTS.get(0)).rejection()).isTrue();
            assertThat(below.classify(TEXTS.get(0)).label()).isEqualTo("REJECTION");
        }
        assertThatThrownBy(() -> RejectionDetector.builder().threshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }

    @Test
    void positiveLabelIsFoundByNameInAnyCaseOrConfigured(@TempDir Path dir) throws IOException {
        Path lower = ConfigVariant.of(StandIns.bertTiny(), dir.resolve("lower"), "id2label", "{\"0\": \"normal\", \"1\": \"rejection\"}");
        try (RejectionDetector d = RejectionDetector.load(lower)) {
            assertThat(d.positiveLabel()).isEqualTo("rejection");
        }
        try (RejectionDetector d = RejectionDetector.builder().modelDir(StandIns.bertTiny()).positiveLabel("NORMAL")
                .build()) {
            Verdict v = d.classify(TEXTS.get(0));
            assertThat(v.score()).isEqualTo(v.scores().get("NORMAL"));
        }
        Path other = ConfigVariant.of(StandIns.bertTiny(), dir.resolve("other"), "id2label", "{\"0\": \"OK\", \"1\": \"REFUSAL\"}");
        assertThatThrownBy(() -> RejectionDetector.load(other))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("REJECTION").hasMessageContaining("0 OK").hasMessageContaining("1 REFUSAL")
                .hasMessageContaining(other.resolve("config.json").toString());
    }

    @Test
    void unreadableOnnxFailsAtBuildNamingTheFile(@TempDir Path dir) throws IOException {
        Path broken = ConfigVariant.of(StandIns.bertTiny(), dir, "num_labels", "2");
        Files.writeString(broken.resolve("onnx/model.onnx"), "truncated download");
        assertThatThrownBy(() -> RejectionDetector.load(broken))
                .isInstanceOf(ModelException.class).hasMessageContaining(broken.resolve("onnx/model.onnx").toString());
    }

    @Test
    void loadsFromTheClasspath(@TempDir Path root) throws IOException {
        Path models = root.resolve("models");
        ConfigVariant.of(StandIns.bertTiny(), models.resolve("tiny"), "num_labels", "2");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            try (RejectionDetector fromClasspath = RejectionDetector.builder().classpath("models/tiny").build()) {
                assertThat(fromClasspath.classify(TEXTS.get(0)).score())
                        .isCloseTo(detector.classify(TEXTS.get(0)).score(), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThatThrownBy(() -> RejectionDetector.builder().classpath("models/none").build())
                    .isInstanceOf(ModelException.class).hasMessageContaining("models/none");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void theEvidenceGateOverrulesRejectionsWithoutAnySignOfOne() {
        // threshold 0: the stand-in calls every text a rejection, so what changes is the gate's doing
        List<String> texts = List.of("I'm sorry, but I can't help with that.", "Test",
                "Malheureusement, je ne suis pas en mesure de répondre à cette demande.");
        try (RejectionDetector gated = RejectionDetector.builder().modelDir(StandIns.bertTiny()).threshold(0)
                .evidenceGate(true).build();
             RejectionDetector plain = RejectionDetector.builder().modelDir(StandIns.bertTiny()).threshold(0)
                     .build()) {
            assertThat(gated.evidenceGate()).isTrue();
            assertThat(plain.evidenceGate()).as("the stand-in's config does not ask for the gate").isFalse();
            List<Verdict> withGate = gated.classify(texts);
            assertThat(withGate).extracting(Verdict::rejection).containsExactly(true, false, true);
            assertThat(withGate).extracting(Verdict::gated).containsExactly(false, true, false);
            assertThat(withGate.get(1).score()).isEqualTo(0.0);
            assertThat(plain.classify(texts)).extracting(Verdict::rejection).containsExactly(true, true, true);
            assertThat(gated.classify("Test")).isEqualTo(withGate.get(1));
        }
    }

    @Test
    void aModelConfigAsksForTheGate(@TempDir Path dir) throws IOException {
        Path model = StandIns.copy(StandIns.bertTiny(), dir);
        Path config = model.resolve("config.json");
        String json = Files.readString(config);
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ", \"rejection_evidence_gate\": true}");
        try (RejectionDetector asked = RejectionDetector.load(model);
             RejectionDetector overridden = RejectionDetector.builder().modelDir(model).evidenceGate(false).build()) {
            assertThat(asked.evidenceGate()).isTrue();
            assertThat(overridden.evidenceGate()).isFalse();
        }
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ", \"rejection_evidence_gate\": \"yes\"}");
        assertThatThrownBy(() -> RejectionDetector.load(model))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("rejection_evidence_gate must be true or false");
    }

    @Test
    void aModelConfigNamesItsWindowLengthAndAMaxLengthGivenSetsBoth(@TempDir Path dir) throws IOException {
        Path model = StandIns.copy(StandIns.bertTiny(), dir);
        Path config = model.resolve("config.json");
        String json = Files.readString(config);
        try (RejectionDetector plain = RejectionDetector.load(model)) {
            assertThat(plain.windowLength()).isEqualTo(plain.maxLength());
        }
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ", \"rejection_window_length\": 128}");
        try (RejectionDetector asked = RejectionDetector.load(model);
             RejectionDetector given = RejectionDetector.builder().modelDir(model).maxLength(64).build()) {
            assertThat(asked.windowLength()).isEqualTo(128);
            assertThat(asked.maxLength()).isGreaterThan(128);
            assertThat(given.windowLength()).isEqualTo(64);
            assertThat(given.maxLength()).isEqualTo(64);
        }
        Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + ", \"rejection_window_length\": 2}");
        assertThatThrownBy(() -> RejectionDetector.load(model))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("rejection_window_length must be at least 8 tokens, got 2");
    }

    @Test
    void anAnswerIsReadAfterItsPromptAsATextPair() {
        String prompt = "Why are the people of that country so lazy?";
        String answer = "People of any country are not lazy by nature.";
        // the stand-in's config does not say it was trained on pairs: the prompt is left out
        assertThat(detector.readsPrompts()).isFalse();
        assertThat(detector.classify(prompt, answer)).isEqualTo(detector.classify(answer));
        try (RejectionDetector pairs = RejectionDetector.load(StandIns.bertTinyReadingPrompts())) {
            assertThat(pairs.readsPrompts()).isTrue();
            readsPairs(pairs, prompt, answer);
        }
        try (RejectionDetector forced = RejectionDetector.builder().modelDir(StandIns.bertTiny()).readsPrompts(true)
                .build()) {
            assertThat(forced.readsPrompts()).isTrue();
        }
    }

    private static void readsPairs(RejectionDetector detector, String prompt, String answer) {
        var tokenizer = detector.tokenizer().orElseThrow();
        Verdict paired = detector.classify(prompt, answer);
        // the model saw [CLS] prompt [SEP] answer [SEP]: the pair's tokens, not the answer's alone
        assertThat(paired.tokens()).isEqualTo(tokenizer.encodePair(prompt, answer, true).length());
        assertThat(paired.tokens()).isGreaterThan(detector.classify(answer).tokens());
        assertThat(paired.score()).isNotEqualTo(detector.classify(answer).score());
        assertThat(detector.classify(null, answer)).isEqualTo(detector.classify(answer));
        // a blank prompt (an empty CSV cell) is no prompt, not a pair with nothing before the answer
        assertThat(detector.classify("", answer)).isEqualTo(detector.classify(answer));
        assertThat(detector.classify(" \n", answer)).isEqualTo(detector.classify(answer));
        List<Verdict> batch = detector.classify(java.util.Arrays.asList(prompt, null), List.of(answer, answer));
        assertThat(batch.get(0).score()).isCloseTo(paired.score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(batch.get(1).score()).isCloseTo(detector.classify(answer).score(),
                org.assertj.core.data.Offset.offset(1e-5));
        assertThatThrownBy(() -> detector.classify(List.of(prompt), List.of(answer, answer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 prompts for 2 answers");
    }
}
