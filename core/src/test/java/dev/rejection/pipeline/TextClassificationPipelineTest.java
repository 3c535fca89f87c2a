package dev.rejection.pipeline;

import dev.rejection.model.ModelDir;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Pipeline behaviour on the tiny fp32 RoBERTa stand-in. */
class TextClassificationPipelineTest {
    static final List<String> TEXTS = List.of(
            "I'm sorry, but I can't help with that.",
            "",
            "Sure! Here is a short poem about the sea:\n\nWaves roll in, waves roll out.",
            "As an AI language model, I cannot provide medical advice. Please consult a doctor.",
            "ok",
            "Paris is the capital of France. It has been the capital since the 10th century, with short breaks, "
                    + "and is home to the Louvre, the Eiffel Tower and Notre-Dame. ".repeat(12),
            "🙂 emoji, 中文, עברית and     runs   of spaces\n\n\n",
            "I won't do that.");

    static TextClassificationPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = TextClassificationPipeline.load(ModelDir.open(StandIns.tiny()), 0, 0, 2);
    }

    @AfterAll
    static void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** "hello" and " hello" are one token each in roberta-base, so n words make n + 2 tokens with <s> and </s>. */
    static String words(int n) {
        return "hello" + " hello".repeat(n - 1);
    }

    @Test
    void logitsThatAreNotNumbersAreTheModelsFaultNotAVerdict() {
        Encoding encoding = pipeline.preprocess("Sure.");
        // a NaN score compares false with every threshold: it would read as "not a rejection", with no word said
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> pipeline.postprocess(encoding, new float[] {0.5f, bad}))
                    .isInstanceOf(dev.rejection.model.ModelException.class)
                    .hasMessageContaining("model " + StandIns.tiny())
                    .hasMessageContaining("gave logits [0.5, " + bad + "] for a text of 4 tokens");
        }
        assertThat(pipeline.postprocess(encoding, new float[] {0f, 0f}).scores().values()).containsOnly(0.5);
        // minus infinity is a certain no, which softmax takes in its stride
        assertThat(pipeline.postprocess(encoding, new float[] {0f, Float.NEGATIVE_INFINITY}).scores().values())
                .containsExactly(1.0, 0.0);
    }

    @Test
    void aHugeTextCostsTheMemoryOfItsKeptTokensNotOfItsLength() {
        String huge = "Sorry, but I can't assist with that. ".repeat(200_000); // 7.4 million characters
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        dev.rejection.tokenizer.Encoding encoding = pipeline.preprocess(huge);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(encoding.length()).isEqualTo(pipeline.maxLength());
        assertThat(encoding.truncated()).isTrue();
        // tokenizing it whole allocates about 128 bytes per character, here near 1 GB
        assertThat(allocated).as("bytes allocated").isLessThan(8L << 20);
        assertThat(encoding.ids()).containsExactly(pipeline.preprocess(huge.substring(0, 20_000)).ids());
    }

    @Test
    void defaultsFollowTheConfig() {
        assertThat(pipeline.maxLength()).isEqualTo(512); // 514 positions - (pad id 1 + 1)
        assertThat(pipeline.labels()).containsExactly("NORMAL", "REJECTION");
        assertThat(pipeline.scoreFunction()).isEqualTo(ScoreFunction.SOFTMAX);
        assertThat(pipeline.model().dynamicallyQuantized()).isFalse();
        // fp32 too: one text per call, calls side by side (this fixture gives each call two threads)
        assertThat(pipeline.batcher().batchSize()).isEqualTo(1);
        assertThat(pipeline.batcher().parallelism()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        try (TextClassificationPipeline defaults = TextClassificationPipeline.load(ModelDir.open(StandIns.tiny()), 0,
                0, 0)) {
            assertThat(defaults.batcher().parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void aTextOfExactlyMaxLengthIsNotTruncatedAndOneMoreTokenIs() {
        Classification exact = pipeline.classify(words(510));
        assertThat(exact.tokens()).isEqualTo(512);
        assertThat(exact.truncated()).isFalse();

        Classification over = pipeline.classify(words(511));
        assertThat(over.tokens()).isEqualTo(512);
        assertThat(over.truncated()).isTrue();
        // the model saw the same 512 tokens ("hello" x 510 with <s> and </s>) both times
        assertThat(over.scores().get("REJECTION")).isCloseTo(exact.scores().get("REJECTION"), within(1e-6));
    }

    @Test
    void aMaxLengthWithRoomForTheSpecialTokensOnlyIsRefused() {
        // 2 would read "<s></s>" of every text: a clear refusal scored as whatever the empty text scores
        for (int tooShort : new int[] {1, 2}) {
            assertThatThrownBy(() -> TextClassificationPipeline.load(ModelDir.open(StandIns.tiny()), tooShort, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("max length " + tooShort + " leaves no room for a token of text after the 2 special "
                            + "tokens");
        }
        try (TextClassificationPipeline three = TextClassificationPipeline.load(ModelDir.open(StandIns.tiny()), 3, 0,
                1)) {
            assertThat(three.preprocess("hello hello").length()).isEqualTo(3);
        }
    }

    @Test
    void aConfiguredMaxLengthTruncatesThere(@TempDir Path unused) {
        try (TextClassificationPipeline short16 = TextClassificationPipeline.load(
                ModelDir.open(StandIns.tiny()), 16, 0, 1)) {
            assertThat(short16.maxLength()).isEqualTo(16);
            Encoding exact = short16.preprocess(words(14));
            assertThat(exact.length()).isEqualTo(16);
            assertThat(exact.truncated()).isFalse();
            Encoding over = short16.preprocess(words(15));
            assertThat(over.length()).isEqualTo(16);
            assertThat(over.truncated()).isTrue();
            assertThat(over.ids()[15]).isEqualTo(2); // </s> is kept at the end
        }
    }

    @Test
    void theEmptyStringIsJustTheSpecialTokens() {
        Encoding encoding = pipeline.preprocess("");
        assertThat(encoding.ids()).containsExactly(0, 2);
        Classification c = pipeline.classify("");
        assertThat(c.tokens()).isEqualTo(2);
        assertThat(c.truncated()).isFalse();
        assertThat(c.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void batchesGiveTheSameScoresAsOneByOne() {
        List<Classification> batched = pipeline.classify(TEXTS);
        double maxDeviation = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            Classification alone = pipeline.classify(TEXTS.get(i));
            assertThat(batched.get(i).tokens()).isEqualTo(alone.tokens());
            assertThat(batched.get(i).truncated()).isEqualTo(alone.truncated());
            for (Map.Entry<String, Double> score : alone.scores().entrySet()) {
                maxDeviation = Math.max(maxDeviation,
                        Math.abs(batched.get(i).scores().get(score.getKey()) - score.getValue()));
            }
        }
        assertThat(maxDeviation).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void bertWithTokenTypeIdsBatchesExactlyToo() {
        try (TextClassificationPipeline bert = TextClassificationPipeline.load(
                ModelDir.open(StandIns.bertTiny()), 0, 3, 1)) {
            assertThat(bert.model().inputNames()).contains("token_type_ids");
            List<Classification> batched = bert.classify(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                Classification alone = bert.classify(TEXTS.get(i));
                assertThat(batched.get(i).tokens()).isEqualTo(alone.tokens());
                for (String label : bert.labels()) {
                    assertThat(batched.get(i).scores().get(label)).isCloseTo(alone.scores().get(label), within(1e-5));
                }
            }
        }
    }

    @Test
    void paddedLogitsMatchUnpaddedLogits() {
        Encoding shortText = pipeline.preprocess(TEXTS.get(4));
        Encoding longText = pipeline.preprocess(TEXTS.get(5));
        float[][] together = pipeline.forward(List.of(shortText, longText));
        float[] alone = pipeline.forward(List.of(shortText))[0];
        for (int j = 0; j < alone.length; j++) {
            assertThat(together[0][j]).isCloseTo(alone[j], within(1e-5f));
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        List<Classification> sequential = new ArrayList<>();
        for (String text : TEXTS) {
            sequential.add(pipeline.classify(text));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Classification>>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    List<Classification> results = new ArrayList<>();
                    for (int call = 0; call < 50; call++) {
                        results.add(pipeline.classify(TEXTS.get((offset + call) % TEXTS.size())));
                    }
                    return results;
                }));
            }
            for (int thread = 0; thread < 8; thread++) {
                List<Classification> results = futures.get(thread).get();
                for (int call = 0; call < 50; call++) {
                    Classification expected = sequential.get((thread + call) % TEXTS.size());
                    Classification actual = results.get(call);
                    assertThat(actual.tokens()).isEqualTo(expected.tokens());
                    for (String label : pipeline.labels()) {
                        assertThat(actual.scores().get(label)).isCloseTo(expected.scores().get(label), within(1e-6));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void multiLabelProblemTypeUsesSigmoidOnTheSameLogits(@TempDir Path dir) throws IOException {
        Path multi = ConfigVariant.of(StandIns.tiny(), dir, "problem_type", "\"multi_label_classification\"");
        try (TextClassificationPipeline sigmoid = TextClassificationPipeline.load(ModelDir.open(multi), 0, 0, 1)) {
            assertThat(sigmoid.scoreFunction()).isEqualTo(ScoreFunction.SIGMOID);
            String text = TEXTS.get(0);
            float[] logits = pipeline.forward(List.of(pipeline.preprocess(text)))[0];
            Map<String, Double> softmax = pipeline.classify(text).scores();
            Map<String, Double> sigmoids = sigmoid.classify(text).scores();
            assertThat(sigmoids.get("NORMAL")).isCloseTo(1 / (1 + Math.exp(-logits[0])), within(1e-6));
            assertThat(sigmoids.get("REJECTION")).isCloseTo(1 / (1 + Math.exp(-logits[1])), within(1e-6));
            // softmax over two labels is the sigmoid of the logit difference
            assertThat(softmax.get("REJECTION")).isCloseTo(1 / (1 + Math.exp(logits[0] - logits[1])), within(1e-6));
        }
    }
}
