package dev.rejection.tokenizer;

import dev.rejection.tokenizer.normalizer.Normalizer;
import dev.rejection.tokenizer.pretokenizer.PreTokenizer;
import java.util.List;

/**
 * Where a long text may be cut so that the tokens of the part before the cut are exactly the first tokens of the
 * whole text — same ids, same offsets — which lets {@link Tokenizer#encodeHead} tokenize a prefix of a huge text
 * instead of all of it.
 *
 * <p>A <em>space cut</em> is a position holding a space (U+0020) right after a printable ASCII character other
 * than a space ({@code !} to {@code ~}). Why the tokens before it cannot depend on what follows, stage by stage:
 * <ul>
 *   <li>added tokens: none may contain whitespace (so no match spans the cut) nor strip whitespace to its right
 *       (so none ending at the cut would swallow the space); a single-word token sees a word boundary at the
 *       cut either way;</li>
 *   <li>the normalizer {@link Normalizer#keepsSpaceCuts keeps space cuts}: ASCII before the cut normalizes to
 *       itself or its lowercase, nothing after the cut reaches back, and the space stays whitespace;</li>
 *   <li>the pre-tokenizer {@link PreTokenizer#splitsAtSpaceCuts splits there}: no word straddles the cut;</li>
 *   <li>every model (BPE, WordPiece, WordLevel) tokenizes each word on its own.</li>
 * </ul>
 * A <em>CJK cut</em> is a place between two CJK ideographs ({@link CharClass#isChineseChar}), for tokenizers that make
 * each ideograph a word of its own: the normalizer {@link Normalizer#spacesOutCjk spaces them out} (BERT's), the
 * pre-tokenizer {@link PreTokenizer#splitsAtWhitespace splits at whitespace}, and no added token holds an ideograph
 * (so no match spans the cut). Chinese and Japanese answers have few spaces, and without these cuts a long one was
 * tokenized whole (2 million characters: 12 s).
 *
 * <p>A tokenizer whose stages do not all say so, or a text with no cut, is tokenized whole. The golden test
 * ({@code EncodeHeadTest}) compares both ways on the real tokenizers.
 */
final class SpaceCuts {
    private SpaceCuts() {
    }

    /** Whether texts cut at space cuts keep their first tokens under these stages. */
    static boolean hold(Normalizer normalizer, PreTokenizer preTokenizer, List<AddedToken> addedTokens) {
        if (preTokenizer == null || !preTokenizer.splitsAtSpaceCuts()) {
            return false;
        }
        if (normalizer != null && !normalizer.keepsSpaceCuts()) {
            return false;
        }
        return addedTokens.stream().noneMatch(t -> t.rstrip() || t.content().chars().anyMatch(Character::isWhitespace)
                || t.content().chars().anyMatch(Character::isSpaceChar));
    }

    /** Whether texts cut between two CJK ideographs keep their first tokens under these stages. */
    static boolean cjkHold(Normalizer normalizer, PreTokenizer preTokenizer, List<AddedToken> addedTokens) {
        return normalizer != null && normalizer.spacesOutCjk() && preTokenizer != null
                && preTokenizer.splitsAtWhitespace()
                && addedTokens.stream().noneMatch(t -> t.content().codePoints().anyMatch(CharClass::isChineseChar));
    }

    /**
     * The first cut at or after {@code from} of the kinds asked for ({@code space}, {@code cjk}), or the text's length
     * when there is none.
     */
    static int atOrAfter(String text, int from, boolean space, boolean cjk) {
        for (int i = Math.max(from, 1); i < text.length(); i++) {
            char c = text.charAt(i);
            if (space && c == ' ') {
                char before = text.charAt(i - 1);
                if (before > ' ' && before < 0x7F) {
                    return i;
                }
            } else if (cjk && !Character.isLowSurrogate(c) && CharClass.isChineseChar(text.codePointAt(i))
                    && CharClass.isChineseChar(text.codePointBefore(i))) {
                return i;
            }
        }
        return text.length();
    }
}
