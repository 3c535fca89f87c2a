package dev.rejection.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Fuzzes the tokenizers with random strings (any UTF-16 units, unpaired surrogates included; words of mixed
 * scripts; whitespace and added-token look-alikes): encoding never throws, offsets lie in the text and never go
 * back, ids are in the vocabulary, truncation holds, and the head of a text has the whole text's tokens. Tries
 * are set so that each property runs in a few seconds.
 */
class TokenizerFuzzTest {
    private static final List<Tokenizer> TOKENIZERS = load();

    private static List<Tokenizer> load() {
        try {
            List<Tokenizer> out = new ArrayList<>();
            out.add(Tokenizer.fromJson(TokenizerParityTest.miniLmJson(), "minilm"));
            Path roberta = Path.of(System.getProperty("shared.dir", "../shared"), "data/roberta-base/tokenizer.json");
            if (Files.isRegularFile(roberta)) {
                out.add(Tokenizer.fromFile(roberta));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> words = Arbitraries.of("Sorry,", "I", "can't", "help", "straße", "İstanbul", "你好",
                "😀", "👨‍👩‍👧", "e\u0301", "<mask>", "[SEP]", "<s>", "\u200B", "\u00A0", "\t", "\n", "  ", "x\uD800",
                "\uDC00", "12,345.6", "ﬁ", "ΣΊΣ");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(120),
                words.list().ofMaxSize(60).map(w -> String.join(" ", w)),
                words.list().ofMaxSize(60).map(w -> String.join("", w)),
                Arbitraries.strings().withChars(" .,'!?ab\u00e9\u4e00\r\n").ofMaxLength(400));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void encodingsStayInsideTheirTextAndVocabulary(@ForAll("texts") String text,
                                                   @ForAll("maxLengths") int maxLength) {
        for (Tokenizer base : TOKENIZERS) {
            Tokenizer tokenizer = base.withoutPadding().withTruncation(Truncation.of(maxLength));
            Encoding e = tokenizer.encode(text, true);
            assertThat(e.length()).isLessThanOrEqualTo(maxLength);
            int lastStart = 0;
            int lastEnd = 0;
            for (int i = 0; i < e.length(); i++) {
                assertThat(tokenizer.idToToken(e.ids()[i])).as("id %d in the vocabulary", e.ids()[i]).isNotNull();
                if (e.specialTokensMask()[i] == 1) {
                    continue;
                }
                assertThat(e.start(i)).isBetween(0, e.end(i));
                assertThat(e.end(i)).isLessThanOrEqualTo(text.length());
                assertThat(e.start(i)).as("starts never go back").isGreaterThanOrEqualTo(lastStart);
                assertThat(e.end(i)).as("ends never go back").isGreaterThanOrEqualTo(lastEnd);
                lastStart = e.start(i);
                lastEnd = e.end(i);
            }
            Encoding head = tokenizer.encodeHead(text, true);
            assertThat(head.ids()).containsExactly(e.ids());
            assertThat(head.offsets()).containsExactly(e.offsets());
            assertThat(head.truncated()).isEqualTo(e.truncated());
        }
    }

    @Provide
    Arbitrary<Integer> maxLengths() {
        return Arbitraries.integers().between(2, 64);
    }
}
