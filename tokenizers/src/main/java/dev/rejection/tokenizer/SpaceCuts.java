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
 * A tokenizer whose stages do not all say so, or a text with no space cut, is tokenized whole. The golden test
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

    /** The first space cut at or after {@code from}, or the text's length when there is none. */
    static int atOrAfter(String text, int from) {
        for (int i = Math.max(from, 1); i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                char before = text.charAt(i - 1);
                if (before > ' ' && before < 0x7F) {
                    return i;
                }
            }
        }
        return text.length();
    }
}
