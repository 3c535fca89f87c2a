package dev.rejection.detect.lexical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed phrase pattern ({@link PhraseFile}): the tree of its words, wildcards, sequences and alternatives. It is
 * compiled into the {@link PhraseTrie} as it stands, never expanded into the word sequences it matches: the shipped
 * phrases spell out 145,000 of them, and building those lists first took longer than building the trie.
 */
sealed interface PhrasePattern {
    /** A word of the pattern, normalised like the text: usually one token, several for a Chinese run, none for {@code ,}. */
    record Words(List<String> tokens) implements PhrasePattern {
    }

    /** The wildcard {@code *}: any one word. */
    record AnyWord() implements PhrasePattern {
    }

    /** Items one after another; the empty sequence matches no words (an optional item is a choice with it). */
    record Sequence(List<PhrasePattern> items) implements PhrasePattern {
        static final Sequence EMPTY = new Sequence(List.of());
    }

    /** Alternatives: {@code (a b | c)}, a macro, or {@code item?} as a choice between the item and nothing. */
    record Choice(List<PhrasePattern> alternatives) implements PhrasePattern {
    }

    /** Whether the pattern matches the empty word sequence (every item optional, or words with no tokens). */
    default boolean matchesEmpty() {
        if (this instanceof Words words) {
            return words.tokens().isEmpty();
        }
        if (this instanceof Sequence sequence) {
            return sequence.items().stream().allMatch(PhrasePattern::matchesEmpty);
        }
        if (this instanceof Choice choice) {
            return choice.alternatives().stream().anyMatch(PhrasePattern::matchesEmpty);
        }
        return false;
    }

    /**
     * How many word sequences the pattern spells out, counting one spelt twice twice: the bound on what compiling it
     * adds to the trie.
     */
    default long size() {
        if (this instanceof Sequence sequence) {
            long product = 1;
            for (PhrasePattern item : sequence.items()) {
                product = Math.multiplyExact(product, item.size());
            }
            return product;
        }
        if (this instanceof Choice choice) {
            return choice.alternatives().stream().mapToLong(PhrasePattern::size).sum();
        }
        return 1;
    }

    /**
     * The distinct word sequences the pattern matches, in the order the pattern writes them ({@link PhraseFile#ANY}
     * for a wildcard): what a phrase means, spelt out. Compiling never needs it.
     */
    default List<List<String>> sequences() {
        if (this instanceof Words words) {
            return List.of(words.tokens());
        }
        if (this instanceof AnyWord) {
            return List.of(List.of(PhraseFile.ANY));
        }
        Set<List<String>> result = new LinkedHashSet<>();
        if (this instanceof Choice choice) {
            choice.alternatives().forEach(alternative -> result.addAll(alternative.sequences()));
        } else {
            result.add(List.of());
            for (PhrasePattern item : ((Sequence) this).items()) {
                List<List<String>> suffixes = item.sequences();
                Set<List<String>> longer = new LinkedHashSet<>();
                for (List<String> prefix : result) {
                    for (List<String> suffix : suffixes) {
                        List<String> joined = new ArrayList<>(prefix);
                        joined.addAll(suffix);
                        longer.add(List.copyOf(joined));
                    }
                }
                result.clear();
                result.addAll(longer);
            }
        }
        return List.copyOf(result);
    }
}
