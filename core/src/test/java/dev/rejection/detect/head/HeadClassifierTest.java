package dev.rejection.detect.head;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.model.ModelException;
import dev.rejection.pipeline.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HeadClassifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEXICAL = LexicalDetector.FEATURE_NAMES.size();

    /** A lexical-only head whose weight reads the lexical detector's own score feature. */
    private static HeadSpec lexicalHead(double weightOnScore, double bias) {
        double[] weights = new double[LEXICAL];
        weights[LexicalDetector.FEATURE_NAMES.indexOf("score")] = weightOnScore;
        double[] mean = new double[LEXICAL];
        double[] scale = new double[LEXICAL];
        Arrays.fill(scale, 1.0);
        return new HeadSpec(HeadSpec.FORMAT, List.of("NORMAL", "REJECTION"), null, true,
                new HeadSpec.Weights(mean, scale, weights, bias), Map.of());
    }

    @Test
    void scoresAreTheLogisticFunctionOfTheStandardisedFeatures(@TempDir Path dir) throws Exception {
        JSON.writeValue(dir.resolve(HeadSpec.FILE_NAME).toFile(), lexicalHead(8, -4));
        LexicalDetector lexical = LexicalDetector.defaults();
        String refusal = "I'm sorry, but I can't help with that.";
        String normal = "Sure! Paris is the capital of France.";
        try (HeadClassifier head = HeadClassifier.load(dir, 0, 0)) {
            for (String text : List.of(refusal, normal)) {
                double lexicalScore = lexical.features(text)[LexicalDetector.FEATURE_NAMES.indexOf("score")];
                double expected = LinearHead.sigmoid(8 * lexicalScore - 4);
                Classification c = head.classify(text);
                assertThat(c.scores().get("REJECTION")).isCloseTo(expected, within(1e-12));
                assertThat(c.scores().get("NORMAL")).isCloseTo(1 - expected, within(1e-12));
            }
            assertThat(head.classify(refusal).topLabel()).isEqualTo("REJECTION");
            assertThat(head.classify(normal).topLabel()).isEqualTo("NORMAL");
        }
    }

    @Test
    void aDetectorFolderLoadsThroughRejectionDetector(@TempDir Path dir) throws Exception {
        JSON.writeValue(dir.resolve(HeadSpec.FILE_NAME).toFile(), lexicalHead(8, -4));
        try (RejectionDetector detector = RejectionDetector.builder().modelDir(dir).threshold(0.6).build()) {
            List<Verdict> verdicts = detector.classify(List.of("I cannot assist with that request.",
                    "Here is a recipe for pancakes: flour, eggs, milk."));
            assertThat(verdicts).extracting(Verdict::rejection).containsExactly(true, false);
            assertThat(detector.labels()).containsExactly("NORMAL", "REJECTION");
            assertThat(detector.threshold()).isEqualTo(0.6);
        }
    }

    @Test
    void badFilesAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(HeadSpec.FILE_NAME);
        Files.writeString(file, "{\"format\": \"rejection-head/1\", \"labels\": [\"NORMAL\", ");
        assertThatThrownBy(() -> HeadClassifier.load(dir, 0, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("malformed").hasMessageContaining(file.toString());

        Files.writeString(file, "{\"format\": \"rejection-head/9\", \"labels\": [\"NORMAL\", \"REJECTION\"]}");
        assertThatThrownBy(() -> HeadClassifier.load(dir, 0, 0)).hasMessageContaining("rejection-head/9")
                .hasMessageContaining(file.toString());

        Files.writeString(file, "{\"format\": \"rejection-head/1\", \"labels\": [\"NORMAL\", \"REJECTION\"]}");
        assertThatThrownBy(() -> HeadClassifier.load(dir, 0, 0)).hasMessageContaining("no 'head' weights");

        Files.writeString(file, "{\"format\": \"rejection-head/1\", \"labels\": [\"NORMAL\", \"REJECTION\"], "
                + "\"encoder\": {\"onnx\": \"encoder/model.onnx\", \"tokenizer\": \"encoder/tokenizer.json\", "
                + "\"max_length\": 64, \"opening_tokens\": 8}, \"lexical\": false, \"head\": {\"mean\": [0], "
                + "\"scale\": [1], \"weights\": [1], \"bias\": 0}}");
        assertThatThrownBy(() -> HeadClassifier.load(dir, 0, 0)).hasMessageContaining("encoder/tokenizer.json");
    }

    @Test
    void theBuiltInEncoderGivesTokenCountsAndTruncation(@TempDir Path dir) {
        double[] zeros = new double[2 * 384];
        double[] ones = new double[2 * 384];
        Arrays.fill(ones, 1);
        HeadSpec spec = new HeadSpec(HeadSpec.FORMAT, List.of("NORMAL", "REJECTION"),
                new HeadSpec.Encoder("classpath:/all-minilm-l6-v2-q.onnx", "classpath:/all-minilm-l6-v2-q-tokenizer.json",
                        16, 4), false, new HeadSpec.Weights(zeros, ones, zeros, 0), Map.of());
        try (HeadClassifier head = loadFromJson(dir, spec)) {
            Classification shortText = head.classify("No.");
            Classification longText = head.classify("word ".repeat(100));
            assertThat(shortText.tokens()).isEqualTo(4); // [CLS] no . [SEP]
            assertThat(shortText.truncated()).isFalse();
            assertThat(longText.tokens()).isEqualTo(16);
            assertThat(longText.truncated()).isTrue();
            // all-zero weights: exactly one half, whatever the features
            assertThat(shortText.scores().get("REJECTION")).isEqualTo(0.5);
        }
    }

    private static HeadClassifier loadFromJson(Path dir, HeadSpec spec) {
        try {
            JSON.writeValue(dir.resolve(HeadSpec.FILE_NAME).toFile(), spec);
            return HeadClassifier.load(dir, 0, 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
