package dev.rejection.detect.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The trie is compiled from the pattern's tree: it must match exactly the word sequences the pattern spells out. */
class PhraseTrieTest {
    private static PhraseTrie trie(String phraseFile) {
        return new PhraseTrie(PhraseFile.parse(phraseFile, "t.txt"));
    }

    private static List<String> wholeMatches(PhraseTrie trie, String text) {
        String normalized = LexicalNormalizer.normalize(text).normalized();
        WordTokens tokens = WordTokens.of(normalized);
        return trie.match(normalized, tokens).stream()
                .filter(hit -> hit.first() == 0 && hit.end() == tokens.size)
                .map(hit -> hit.phrase().category())
                .toList();
    }

    @Test
    void matchesEveryWordSequenceOfOverlappingAlternativesAndNothingElse() {
        // alternatives that share words and reach the same trie node by different paths, optionals, a wildcard,
        // and a macro used twice
        PhraseTrie trie = trie("@v = help | help you | assist\n"
                + "strong anywhere p: (i am | i)? (sorry | am sorry)? i (can't | cannot) @v (with *)? (@v)?\n");
        List<String> spelled = List.of(
                "i can't help", "i am i cannot assist", "sorry i can't help you", "i am sorry i cannot assist",
                "i am am sorry i can't help with homework", "i can't help you with that", "i cannot help you help",
                "i can't assist assist", "i am sorry i can't help with it help you");
        for (String text : spelled) {
            assertThat(wholeMatches(trie, text)).as(text).containsExactly("p");
        }
        List<String> near = List.of(
                "i can't", "am i can't help", "i am sorry i won't help", "i can't help with", "i cannot you",
                "i am i am sorry i can't help", "i can't help with that you");
        for (String text : near) {
            assertThat(wholeMatches(trie, text)).as(text).isEmpty();
        }
    }

    @Test
    void everyPhraseEndingAtANodeIsReported() {
        // p reaches "i can't help" by two spellings, q by one: the node keeps both phrases
        PhraseTrie trie = trie("strong anywhere p: (i can't | i (can't)?) (help | can't help)\n"
                + "weak anywhere q: i can't help\n");
        assertThat(wholeMatches(trie, "i can't help")).containsExactly("p", "q");
        assertThat(wholeMatches(trie, "i help")).containsExactly("p");
    }
}
