package dev.rejection.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the public API on the MiniLM WordPiece tokenizer (from the test classpath, no shared data). */
class TokenizerTest {
    private static String miniLmJson;
    private static Tokenizer miniLm;

    @BeforeAll
    static void load() throws IOException {
        miniLmJson = TokenizerParityTest.miniLmJson();
        miniLm = Tokenizer.fromJson(miniLmJson, TokenizerParityTest.MINILM_RESOURCE).withoutTruncation()
                .withoutPadding();
    }

    @Test
    void encodesWithSpecialTokensMasksAndOffsets() {
        String text = "Hello, Wörld!";
        Encoding e = miniLm.encode(text);
        assertThat(e.tokens()).containsExactly("[CLS]", "hello", ",", "world", "!", "[SEP]");
        assertThat(e.specialTokensMask()).containsExactly(1, 0, 0, 0, 0, 1);
        assertThat(e.attentionMask()).containsOnly(1);
        assertThat(text.substring(e.start(3), e.end(3))).isEqualTo("Wörld");
        assertThat(e.start(0)).isZero();
        assertThat(e.end(0)).isZero();
        assertThat(miniLm.encode(text, false).tokens()).containsExactly("hello", ",", "world", "!");
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void vocabularyLookups() {
        assertThat(miniLm.tokenToId("[CLS]")).hasValue(101);
        assertThat(miniLm.tokenToId("hello")).hasValue(7592);
        assertThat(miniLm.tokenToId("no-such-token-xyz")).isEmpty();
        assertThat(miniLm.idToToken(7592)).isEqualTo("hello");
        assertThat(miniLm.idToToken(-5)).isNull();
        assertThat(miniLm.vocabSize()).isEqualTo(30522);
        assertThat(miniLm.numSpecialTokensToAdd()).isEqualTo(2);
        assertThat(miniLm.padId()).hasValue(0);
    }

    @Test
    void emptyText() {
        assertThat(miniLm.encode("").tokens()).containsExactly("[CLS]", "[SEP]");
        assertThat(miniLm.encode("", false).length()).isZero();
    }

    @Test
    void truncationAtExactlyMaxLength() {
        String text = "one two three four five six";
        int full = miniLm.encode(text).length();
        assertThat(full).isEqualTo(8);
        Encoding exact = miniLm.withTruncation(Truncation.of(8)).encode(text);
        assertThat(exact.length()).isEqualTo(8);
        assertThat(exact.truncated()).isFalse();
        Encoding cut = miniLm.withTruncation(Truncation.of(7)).encode(text);
        assertThat(cut.tokens()).containsExactly("[CLS]", "one", "two", "three", "four", "five", "[SEP]");
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.overflowing()).hasSize(1);
        assertThat(cut.overflowing().get(0).tokens()).containsExactly("[CLS]", "six", "[SEP]");
        Encoding left = miniLm.withTruncation(new Truncation(5, 0, Truncation.Strategy.LONGEST_FIRST,
                Truncation.Direction.LEFT)).encode(text);
        assertThat(left.tokens()).containsExactly("[CLS]", "four", "five", "six", "[SEP]");
    }

    @Test
    void strideOverlapsTheWindows() {
        Encoding e = miniLm.withTruncation(new Truncation(6, 2, Truncation.Strategy.ONLY_FIRST))
                .encode("a b c d e f g h");
        assertThat(e.tokens()).containsExactly("[CLS]", "a", "b", "c", "d", "[SEP]");
        assertThat(e.overflowing()).extracting(o -> List.of(o.tokens())).containsExactly(
                List.of("[CLS]", "c", "d", "e", "f", "[SEP]"), List.of("[CLS]", "e", "f", "g", "h", "[SEP]"));
    }

    @Test
    void badTruncationSettingsFailClearly() {
        assertThatThrownBy(() -> miniLm.withTruncation(Truncation.of(1)))
                .hasMessageContaining("below the 2 special tokens");
        assertThatThrownBy(() -> miniLm.withTruncation(new Truncation(10, 0, Truncation.Strategy.ONLY_SECOND)))
                .hasMessageContaining("ONLY_SECOND");
        Tokenizer strideTooBig = miniLm.withTruncation(new Truncation(5, 3, Truncation.Strategy.LONGEST_FIRST));
        assertThatThrownBy(() -> strideTooBig.encode("a b c d e f g")).hasMessageContaining("stride 3");
    }

    @Test
    void paddingToLongestFixedAndMultiple() {
        List<Encoding> batch = miniLm.withPadding(Padding.longest()).encodeBatch(List.of("a", "a b c d"), true);
        assertThat(batch).extracting(Encoding::length).containsExactly(6, 6);
        assertThat(batch.get(0).ids()).containsExactly(101, 1037, 102, 0, 0, 0);
        assertThat(batch.get(0).attentionMask()).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(batch.get(0).specialTokensMask()).containsExactly(1, 0, 1, 1, 1, 1);
        assertThat(batch.get(0).tokens()[5]).isEqualTo("[PAD]");
        assertThat(batch.get(1).attentionMask()).containsOnly(1);

        assertThat(miniLm.withPadding(Padding.fixed(10)).encode("a").length()).isEqualTo(10);
        assertThat(miniLm.withPadding(Padding.fixed(2)).encode("a b").length()).isEqualTo(4);
        assertThat(miniLm.withPadding(Padding.longest().withPadToMultipleOf(8)).encode("a").length()).isEqualTo(8);
        Encoding left = miniLm.withPadding(Padding.fixed(5).withDirection(Truncation.Direction.LEFT)).encode("a");
        assertThat(left.ids()).containsExactly(0, 0, 101, 1037, 102);
        assertThat(miniLm.withPadding(Padding.longest()).encodeBatch(List.of(), true)).isEmpty();
    }

    @Test
    void fileTruncationAndPaddingAreHonoured() {
        Tokenizer asShipped = Tokenizer.fromJson(miniLmJson, "minilm");
        assertThat(asShipped.truncation()).isEqualTo(Truncation.of(128));
        Encoding e = asShipped.encode("hello world");
        assertThat(e.length()).isEqualTo(128);
        assertThat(e.ids()[127]).isZero();
        assertThat(asShipped.encode("word ".repeat(300)).length()).isEqualTo(128);
    }

    @Test
    void decodeRoundTrip() {
        String text = "hello, world! this is a test of decoding.";
        assertThat(miniLm.decode(miniLm.encode(text).ids(), true)).isEqualTo(text);
        assertThat(miniLm.decode(miniLm.encode("hi").ids(), false)).isEqualTo("[CLS] hi [SEP]");
    }

    @Test
    void unknownComponentTypeNamesTypeAndFile() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String section : List.of("normalizer", "pre_tokenizer", "post_processor", "decoder", "model")) {
            ObjectNode json = (ObjectNode) mapper.readTree(miniLmJson);
            ((ObjectNode) json.get(section)).put("type", "Frobnicate");
            String text = mapper.writeValueAsString(json);
            assertThatThrownBy(() -> Tokenizer.fromJson(text, "broken/tokenizer.json"))
                    .as(section).isInstanceOf(TokenizerFormatException.class)
                    .hasMessageContaining("broken/tokenizer.json").hasMessageContaining("'Frobnicate'")
                    .hasMessageContaining(section);
        }
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"model\": ", "cut.json"))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("cut.json");
    }

    @Test
    void fromDirectoryPrefersTokenizerJsonAndExplainsMissingFiles(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Tokenizer.fromDirectory(dir)).hasMessageContaining(dir.toString())
                .hasMessageContaining("no tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), miniLmJson);
        assertThat(Tokenizer.fromDirectory(dir).encode("hi").length()).isEqualTo(128);
    }

    @Test
    void legacyVocabTxtIsBertWordPiece(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world",
                "##s", "!", "ca", "##fe"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
        Tokenizer t = Tokenizer.fromDirectory(dir);
        Encoding e = t.encode("Hello WORLDS! Café [MASK] xyz");
        assertThat(e.tokens()).containsExactly("[CLS]", "hello", "world", "##s", "!", "ca", "##fe", "[MASK]", "[UNK]",
                "[SEP]");
        assertThat(e.ids()).containsExactly(2, 5, 6, 7, 8, 9, 10, 4, 1, 3);
        assertThat(t.padId()).hasValue(0);
        assertThat(t.decode(e.ids(), true)).isEqualTo("hello worlds! cafe");
    }

    @Test
    void tokenizerIsSafeAcrossThreads() throws Exception {
        List<String> texts = HardCases.generate(7, 400, 0, List.of());
        List<int[]> expected = texts.stream().map(t -> miniLm.encode(t).ids()).toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int w = 0; w < 8; w++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < texts.size(); i++) {
                        if (!java.util.Arrays.equals(miniLm.encode(texts.get(i)).ids(), expected.get(i))) return false;
                    }
                    return true;
                }));
            }
            for (var r : results) assertThat(r.get()).isTrue();
        } finally {
            pool.shutdown();
        }
    }
}
