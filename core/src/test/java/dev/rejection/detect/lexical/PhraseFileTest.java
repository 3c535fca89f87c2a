package dev.rejection.detect.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseFileTest {
    private static List<List<String>> sequences(String pattern) {
        return PhraseFile.parse("strong anywhere test: " + pattern, "t.txt").get(0).sequences();
    }

    @Test
    void parsesStrengthPositionCategoryAndSource() {
        List<PhraseFile.Entry> entries = PhraseFile.parse(
                "# comment\n\nweak opening as-ai: as an ai\ncounter whole terse-ok: ok\n", "p.txt");
        assertThat(entries).hasSize(2);
        Phrase first = entries.get(0).phrase();
        assertThat(first.strength()).isEqualTo(Strength.WEAK);
        assertThat(first.position()).isEqualTo(Position.OPENING);
        assertThat(first.category()).isEqualTo("as-ai");
        assertThat(first.source()).isEqualTo("p.txt");
        assertThat(first.line()).isEqualTo(3);
        assertThat(entries.get(1).phrase().position()).isEqualTo(Position.WHOLE);
    }

    @Test
    void expandsAlternativesOptionalsWildcardsAndMacros() {
        assertThat(sequences("i (can't | cannot) help")).containsExactly(
                List.of("i", "can't", "help"), List.of("i", "cannot", "help"));
        assertThat(sequences("i'm (really)? sorry")).containsExactly(
                List.of("i'm", "really", "sorry"), List.of("i'm", "sorry"));
        assertThat(sequences("sorry? no")).containsExactly(List.of("sorry", "no"), List.of("no"));
        assertThat(sequences("as * ai")).containsExactly(List.of("as", PhraseFile.ANY, "ai"));
        List<PhraseFile.Entry> withMacro = PhraseFile.parse("@cant = can't | am unable to\nstrong anywhere x: i @cant go",
                "m.txt");
        assertThat(withMacro.get(0).sequences()).containsExactly(
                List.of("i", "can't", "go"), List.of("i", "am", "unable", "to", "go"));
    }

    @Test
    void normalisesPatternWordsLikeText() {
        // typographic apostrophe, upper case, punctuation, and a Chinese run split into characters
        assertThat(sequences("I\u2019M Sorry, but")).containsExactly(List.of("i'm", "sorry", "but"));
        assertThat(sequences("我不能")).containsExactly(List.of("我", "不", "能"));
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere ok: fine\nstrong anywhere bad: i (can't", "x.txt"))
                .isInstanceOf(PhraseSyntaxException.class)
                .hasMessageStartingWith("x.txt:2:").hasMessageContaining("unclosed '('")
                .satisfies(e -> assertThat(((PhraseSyntaxException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> PhraseFile.parse("mighty anywhere c: x", "x.txt"))
                .hasMessageStartingWith("x.txt:1:1:").hasMessageContaining("unknown strength 'mighty'")
                .hasMessageContaining("strong, weak, counter");
        assertThatThrownBy(() -> PhraseFile.parse("strong somewhere c: x", "x.txt"))
                .hasMessageContaining("unknown position 'somewhere'");
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere Bad_Cat: x", "x.txt"))
                .hasMessageContaining("category 'Bad_Cat'");
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere c: i @nope", "x.txt"))
                .hasMessageContaining("undefined macro @nope");
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere c: (a | ) b", "x.txt"))
                .hasMessageContaining("empty alternative");
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere c: (maybe)?", "x.txt"))
                .hasMessageContaining("can match an empty text");
        assertThatThrownBy(() -> PhraseFile.parse("strong anywhere c: i 'm sorry", "x.txt"))
                .hasMessageContaining("contraction is one word");
        assertThatThrownBy(() -> PhraseFile.parse("this is not a phrase line", "x.txt"))
                .hasMessageStartingWith("x.txt:1:").hasMessageContaining("expected '<strength> <position>");
        assertThatThrownBy(() -> PhraseFile.parse("@m = a\n@m = b\nstrong anywhere c: @m", "x.txt"))
                .hasMessageStartingWith("x.txt:2:").hasMessageContaining("defined twice");
        assertThatThrownBy(() -> PhraseFile.parse("# only comments\n", "x.txt"))
                .hasMessageContaining("no phrases");
        String big = "strong anywhere c: (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j)"
                + " (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j)";
        assertThatThrownBy(() -> PhraseFile.parse(big, "x.txt")).hasMessageContaining("split it");
    }

    @Test
    void shippedPhraseFileParses() {
        LexicalDetector detector = LexicalDetector.defaults();
        assertThat(detector.phraseCount()).isGreaterThan(100);
    }
}
