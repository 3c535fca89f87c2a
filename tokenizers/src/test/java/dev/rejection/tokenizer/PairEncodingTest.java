package dev.rejection.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text pairs (a prompt, then the answer judged): ids, type ids, special-token masks and each token's offsets into its
 * own text agree with Hugging Face's Rust tokenizers (through DJL) wherever the pair fits; where it does not, the
 * prompt is cut first, as {@link Tokenizer#encodePair} documents.
 */
class PairEncodingTest {
    private static final Map<String, String> NO_LIMITS = Map.of("truncation", "false", "padding", "false");
    private static final List<String[]> HAND = List.of(
            new String[] {"Why is the sky blue?", "I can't help with that."},
            new String[] {"Write a poem about cats.", "Sure! Here is a poem:\n\nSoft paws, café naps, 😺 purrs."},
            new String[] {"", "An answer with an empty prompt."},
            new String[] {"A prompt with an empty answer.", ""},
            new String[] {"  spaced   prompt  ", "  spaced\tanswer \n"});

    private static HuggingFaceTokenizer miniLmOracle() throws IOException {
        return HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(TokenizerParityTest.miniLmJson().getBytes(StandardCharsets.UTF_8)), NO_LIMITS);
    }

    /** Null when they agree, else where they first differ. */
    static String compare(String first, String second, Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs) {
        long[] ids = theirs.getIds();
        if (ids.length != ours.length()) {
            return "length " + ours.length() + " vs oracle " + ids.length + " " + Arrays.toString(ours.tokens()) + " vs "
                    + Arrays.toString(theirs.getTokens());
        }
        CharSpan[] spans = theirs.getCharTokenSpans();
        int[] cpFirst = Oracle.codePointIndex(first);
        int[] cpSecond = Oracle.codePointIndex(second);
        for (int i = 0; i < ids.length; i++) {
            int[] cp = i < ours.secondStart() ? cpFirst : cpSecond;
            int start = cp[ours.start(i)];
            int end = cp[ours.end(i)];
            int ts = spans[i] == null ? 0 : spans[i].getStart();
            int te = spans[i] == null ? 0 : spans[i].getEnd();
            if (ours.ids()[i] != ids[i] || ours.typeIds()[i] != theirs.getTypeIds()[i]
                    || ours.specialTokensMask()[i] != theirs.getSpecialTokenMask()[i] || start != ts || end != te) {
                return "token " + i + ": ours " + ours.tokens()[i] + "/" + ours.ids()[i] + " t" + ours.typeIds()[i]
                        + " (" + start + "," + end + "), oracle " + theirs.getTokens()[i] + "/" + ids[i] + " t"
                        + theirs.getTypeIds()[i] + " (" + ts + "," + te + ")";
            }
        }
        return null;
    }

    private static void assertParity(Tokenizer ours, HuggingFaceTokenizer theirs, List<String[]> pairs) {
        int mismatched = 0;
        List<String> shown = new ArrayList<>();
        for (String[] p : pairs) {
            String m = compare(p[0], p[1], ours.encodePair(p[0], p[1], true), theirs.encode(p[0], p[1], true, false));
            if (m != null) {
                mismatched++;
                if (shown.size() < 5) shown.add(Oracle.escape(p[0]) + " / " + Oracle.escape(p[1]) + ": " + m);
            }
        }
        assertThat(mismatched).as(String.join("\n", shown)).isZero();
    }

    @Test
    void bertPairsMatchTheOracleWithTypeIdsZeroThenOne() throws IOException {
        Tokenizer ours = Tokenizer.fromJson(TokenizerParityTest.miniLmJson(), "minilm").withoutTruncation()
                .withoutPadding();
        try (HuggingFaceTokenizer theirs = miniLmOracle()) {
            assertParity(ours, theirs, HAND);
        }
        Encoding e = ours.encodePair("Why?", "No.", true);
        // [CLS] why ? [SEP] | no . [SEP]: written out from BERT's pair layout
        assertThat(e.tokens()).containsExactly("[CLS]", "why", "?", "[SEP]", "no", ".", "[SEP]");
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1);
        assertThat(e.secondStart()).isEqualTo(4);
        assertThat(e.truncated()).isFalse();
        assertThat(ours.numSpecialTokensToAddPair()).isEqualTo(3);
    }

    @Test
    void robertaPairsMatchTheOracleOnTheSharedPrompts() throws IOException {
        Path data = TokenizerParityTest.sharedData();
        Path json = data.resolve("roberta-base").resolve("tokenizer.json");
        Tokenizer ours = Tokenizer.fromFile(json);
        ObjectMapper mapper = new ObjectMapper();
        List<String[]> pairs = new ArrayList<>(HAND);
        for (String line : Files.readAllLines(data.resolve("refusals").resolve("jailbreakbench_weak.jsonl"))) {
            JsonNode row = mapper.readTree(line);
            pairs.add(new String[] {Oracle.rustView(row.path("prompt").asText()), Oracle.rustView(row.get("text").asText())});
        }
        try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(json, NO_LIMITS)) {
            assertParity(ours, theirs, pairs);
        }
        assertThat(pairs.size()).isGreaterThan(1_000);
        assertThat(ours.encodePair("Hi", "No", true).tokens()).containsExactly("<s>", "Hi", "</s>", "</s>", "No", "</s>");
    }

    @Test
    void aPairTooLongCutsThePromptFirstButKeepsAQuarterOfTheRoom() throws IOException {
        Tokenizer ours = Tokenizer.fromJson(TokenizerParityTest.miniLmJson(), "minilm")
                .withTruncation(Truncation.of(23)).withoutPadding(); // room: 23 - 3 special tokens = 20
        String prompt = "one two three four five six seven eight nine ten";        // 10 tokens
        String shortAnswer = "alpha beta gamma delta epsilon zeta eta theta";        // 8 tokens
        String longAnswer = (shortAnswer + " ").repeat(4).strip();                   // 32 tokens
        Encoding fits = ours.encodePair(prompt, shortAnswer, true);
        assertThat(fits.length()).isEqualTo(21);
        assertThat(fits.truncated()).isFalse();
        assertThat(fits.cut()).isEqualTo(-1);

        Encoding cutPrompt = ours.encodePair(prompt + " " + prompt, shortAnswer, true); // 20 + 8 > 20
        assertThat(cutPrompt.secondStart()).as("[CLS] + 12 prompt tokens + [SEP]").isEqualTo(14);
        assertThat(cutPrompt.truncated()).as("the answer is whole").isFalse();

        Encoding cutAnswer = ours.encodePair(prompt, longAnswer, true);                   // prompt keeps 20 / 4 = 5
        assertThat(cutAnswer.secondStart()).isEqualTo(7);
        assertThat(cutAnswer.length()).isEqualTo(23);
        assertThat(cutAnswer.truncated()).isTrue();
        assertThat(longAnswer.substring(0, cutAnswer.cut())).isEqualTo(
                "alpha beta gamma delta epsilon zeta eta theta alpha beta gamma delta epsilon zeta eta");
    }
}
