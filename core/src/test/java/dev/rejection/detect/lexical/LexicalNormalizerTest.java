package dev.rejection.detect.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalNormalizerTest {
    @Test
    void foldsCaseApostrophesQuotesDashesAndWhitespace() {
        NormalizedText t = LexicalNormalizer.normalize("I\u2019m  SORRY \u2014 \u201CNo\u201D\t\u00B4tis`");
        assertThat(t.normalized()).isEqualTo("i'm sorry - \"no\" 'tis'");
    }

    @Test
    void collapsesWhitespaceRunsKeepingLineBreaks() {
        assertThat(LexicalNormalizer.normalize("a \u00A0 b\n\n  c\r\nd").normalized()).isEqualTo("a b\nc\nd");
    }

    @Test
    void removesZeroWidthCharactersAndSoftHyphens() {
        NormalizedText t = LexicalNormalizer.normalize("can\u200B't he\u00ADlp\uFEFF");
        assertThat(t.normalized()).isEqualTo("can't help");
        // "help" came from "he\u00ADlp"; the soft hyphen is inside the span
        int h = t.normalized().indexOf("help");
        assertThat(t.originalSpan(h, h + 4)).containsExactly(7, 12);
    }

    @Test
    void appliesNfkcAndMapsEveryCharacterBackToItsSource() {
        String original = "\uFF29 \uFB01nd \u2460 e\u0301t\u00E9"; // fullwidth I, "fi" ligature, circled 1, e + combining acute
        NormalizedText t = LexicalNormalizer.normalize(original);
        assertThat(t.normalized()).isEqualTo("i find 1 \u00E9t\u00E9");
        // both letters of the ligature map to the ligature
        assertThat(t.originalSpan(2, 4)).containsExactly(2, 3);
        // the composed é maps to the two original characters
        int e = t.normalized().indexOf('\u00E9');
        assertThat(t.originalSpan(e, e + 1)).containsExactly(8, 10);
        assertThat(original.substring(t.originalStart(e), t.originalEnd(e))).isEqualTo("e\u0301");
    }

    @Test
    void keepsSurrogatePairsWhole() {
        NormalizedText t = LexicalNormalizer.normalize("\uD83D\uDE00 No");
        assertThat(t.normalized()).isEqualTo("\uD83D\uDE00 no");
        assertThat(t.originalSpan(3, 5)).containsExactly(3, 5);
    }

    @Test
    void emptyTextStaysEmpty() {
        assertThat(LexicalNormalizer.normalize("").normalized()).isEmpty();
        assertThat(LexicalNormalizer.normalize("").originalSpan(0, 0)).containsExactly(0, 0);
    }
}
