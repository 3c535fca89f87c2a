package dev.rejection.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Tokenizer#encodeHead} reads only a prefix of a long text, yet gives exactly the tokens that tokenizing the
 * whole text and truncating gives: the golden comparison runs both ways on the real tokenizers (BERT WordPiece,
 * RoBERTa byte-level BPE, with and without lowercasing) over seeded hard cases and long corpus texts.
 */
class EncodeHeadTest {
    private static final int[] MAX_LENGTHS = {3, 32, 512};

    private static Map<String, Tokenizer> tokenizers() throws IOException {
        Map<String, Tokenizer> out = new LinkedHashMap<>();
        out.put("MiniLM WordPiece", Tokenizer.fromJson(TokenizerParityTest.miniLmJson(), "minilm"));
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"), "data");
        Path roberta = shared.resolve("roberta-base/tokenizer.json");
        if (Files.isRegularFile(roberta)) {
            String json = Files.readString(roberta);
            out.put("roberta-base", Tokenizer.fromJson(json, "roberta-base"));
            out.put("roberta-base, prefix space and lowercase", Tokenizer.fromJson(json
                    .replace("\"normalizer\":null", "\"normalizer\":{\"type\":\"Lowercase\"}")
                    .replace("\"add_prefix_space\":false", "\"add_prefix_space\":true"), "roberta-base variant"));
        }
        return out;
    }

    private static List<String> texts() throws IOException {
        Path data = Path.of(System.getProperty("shared.dir", "../shared"), "data");
        List<String> corpus = Files.isDirectory(data.resolve("refusals")) ? TokenizerParityTest.corpus(data) : List.of();
        List<String> texts = new ArrayList<>(HardCases.generate(15, 200, 4, corpus));
        texts.addAll(cjk());
        // long answers built from the corpus, so cuts fall in ordinary prose too
        StringBuilder sb = new StringBuilder();
        for (String t : corpus) {
            sb.append(t).append(' ');
            if (sb.length() > 3_000) {
                texts.add(sb.toString());
                sb.setLength(0);
                if (texts.size() >= 260) { // 200 hard cases, 60 long answers
                    break;
                }
            }
        }
        return texts;
    }

    /**
     * Long texts with few or no spaces: ideographs (some outside the BMP, some compatibility ones), kana between
     * them, Latin letters, digits and punctuation against them, so that CJK cuts fall everywhere a cut could go wrong.
     */
    private static List<String> cjk() {
        java.util.Random random = new java.util.Random(27);
        int[][] pools = {{0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}, {0xF900, 0xFAFF}, {0x3041, 0x3096},
                {0x30A1, 0x30FA}};
        String[] others = {"a", "Z", "é", "9", "，", "。", "!", " ", "\u0301", "[UNK]", "\n", "ß", "İ"};
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            StringBuilder sb = new StringBuilder();
            int length = 200 + random.nextInt(t < 20 ? 800 : 6000);
            while (sb.length() < length) {
                if (random.nextInt(10) < 7 - t % 3) {
                    int[] pool = pools[random.nextInt(t % 2 == 0 ? 2 : pools.length)];
                    sb.appendCodePoint(pool[0] + random.nextInt(pool[1] - pool[0] + 1));
                } else {
                    sb.append(others[random.nextInt(others.length)]);
                }
            }
            texts.add(sb.toString());
        }
        texts.add("我很抱歉，但我无法帮助你完成这个请求。".repeat(300));
        return texts;
    }

    @Test
    void theHeadOfALongTextHasTheTokensOfTheWholeTextTruncated() throws IOException {
        List<String> texts = texts();
        Map<String, Tokenizer> tokenizers = tokenizers();
        int compared = 0;
        for (Map.Entry<String, Tokenizer> named : tokenizers.entrySet()) {
            for (int max : MAX_LENGTHS) {
                Tokenizer tokenizer = named.getValue().withoutPadding().withTruncation(Truncation.of(max));
                for (boolean special : max == 32 ? new boolean[] {false} : new boolean[] {true}) {
                    for (String text : texts) {
                        Encoding whole = tokenizer.encode(text, special); // tokenizes all of it, then truncates
                        Encoding head = tokenizer.encodeHead(text, special);
                        String what = named.getKey() + ", max " + max + ", special " + special + ": " + text;
                        assertThat(head.ids()).as(what).containsExactly(whole.ids());
                        assertThat(head.tokens()).as(what).containsExactly(whole.tokens());
                        assertThat(head.offsets()).as(what).containsExactly(whole.offsets());
                        assertThat(head.typeIds()).as(what).containsExactly(whole.typeIds());
                        assertThat(head.specialTokensMask()).as(what).containsExactly(whole.specialTokensMask());
                        assertThat(head.truncated()).as(what).isEqualTo(whole.truncated());
                        assertThat(head.overflowing()).isEmpty();
                        compared++;
                    }
                }
            }
        }
        // every text under every tokenizer and length: 200 hard cases at least (60 long answers more, and the RoBERTa
        // tokenizers, with ../shared)
        assertThat(compared).isEqualTo(tokenizers.size() * MAX_LENGTHS.length * texts.size())
                .isGreaterThanOrEqualTo(MAX_LENGTHS.length * 200);
    }

    @Test
    void aHugeChineseTextCostsWhatItsKeptTokensNeedWhereIdeographsAreWordsOfTheirOwn() throws IOException {
        String huge = "我很抱歉但我无法帮助你完成这个请求".repeat(2_000_000 / 17); // 2 million ideographs, no space
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tokenizer tokenizer = tokenizers().get("MiniLM WordPiece").withoutPadding().withTruncation(Truncation.of(512));
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        Encoding head = tokenizer.encodeHead(huge, true);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(head.length()).isEqualTo(512);
        assertThat(allocated).as("bytes allocated").isLessThan(4L << 20);
        assertThat(head.ids()).containsExactly(tokenizer.encode(huge.substring(0, 20_000), true).ids());
    }

    @Test
    void aHugeTextCostsWhatItsKeptTokensNeed() throws IOException {
        String word = "Sorry, I can't help with that request. ";
        String huge = word.repeat(20_000_000 / word.length()); // 20 MB of prose
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, Tokenizer> named : tokenizers().entrySet()) {
            Tokenizer tokenizer = named.getValue().withoutPadding().withTruncation(Truncation.of(512));
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            Encoding head = tokenizer.encodeHead(huge, true);
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(head.length()).isEqualTo(512);
            assertThat(head.truncated()).isTrue();
            // the whole text would take gigabytes (about 128 bytes per character); the head a prefix of ~8 KB
            assertThat(allocated).as(named.getKey() + ": bytes allocated").isLessThan(4L << 20);
            assertThat(head.ids()).containsExactly(tokenizer.encode(huge.substring(0, 20_000), true).ids());
        }
    }
}
