package dev.rejection.tokenizer;

import dev.rejection.tokenizer.PreTokenizedString.Split;
import dev.rejection.tokenizer.normalizer.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The added tokens and how they are cut out of a text: tokens that are not {@code normalized} are found in the
 * original text first, the rest of the text is normalized, then {@code normalized} tokens are found in it
 * (their own content normalized the same way). At each position the longest token wins, leftmost first.
 */
final class AddedVocabulary {
    private final List<AddedToken> tokens;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, AddedToken> byId = new HashMap<>();
    private final TokenMatcher raw;
    private final TokenMatcher normalized;

    AddedVocabulary(List<AddedToken> tokens, Normalizer normalizer) {
        this.tokens = List.copyOf(tokens);
        List<AddedToken> rawTokens = new ArrayList<>();
        List<AddedToken> normTokens = new ArrayList<>();
        List<String> normPatterns = new ArrayList<>();
        for (AddedToken t : tokens) {
            ids.put(t.content(), t.id());
            byId.put(t.id(), t);
            if (t.normalized()) {
                normTokens.add(t);
                NormalizedString ns = NormalizedString.of(t.content());
                if (normalizer != null) normalizer.normalize(ns);
                normPatterns.add(ns.toString());
            } else {
                rawTokens.add(t);
            }
        }
        List<String> rawPatterns = new ArrayList<>();
        for (AddedToken t : rawTokens) rawPatterns.add(t.content());
        raw = new TokenMatcher(rawTokens, rawPatterns);
        normalized = new TokenMatcher(normTokens, normPatterns);
    }

    List<AddedToken> tokens() { return tokens; }

    int id(String content) {
        Integer id = ids.get(content);
        return id == null ? -1 : id;
    }

    AddedToken token(int id) { return byId.get(id); }

    /** Cuts {@code text} into added-token splits (with their token set) and normalized splits. */
    List<Split> extractAndNormalize(String text, Normalizer normalizer) {
        List<Split> out = new ArrayList<>();
        if (raw.isEmpty()) {
            addNormalized(NormalizedString.of(text), normalizer, out);
            return out;
        }
        int[] m = raw.find(text);
        int prev = 0;
        for (int i = 0; i < m[0]; i++) {
            int s = m[1 + 3 * i];
            int e = m[2 + 3 * i];
            if (s > prev) addNormalized(NormalizedString.of(text, prev, s), normalizer, out);
            NormalizedString piece = NormalizedString.of(text, s, e);
            out.add(new Split(piece, List.of(new Token(m[3 + 3 * i], piece.toString(), 0, piece.length()))));
            prev = e;
        }
        if (prev < text.length() || out.isEmpty()) addNormalized(NormalizedString.of(text, prev, text.length()),
                normalizer, out);
        return out;
    }

    private void addNormalized(NormalizedString ns, Normalizer normalizer, List<Split> out) {
        if (normalizer != null) normalizer.normalize(ns);
        if (normalized.isEmpty()) {
            out.add(new Split(ns, null));
            return;
        }
        String s = ns.toString();
        int[] m = normalized.find(s);
        if (m[0] == 0) {
            out.add(new Split(ns, null));
            return;
        }
        int prev = 0;
        for (int i = 0; i < m[0]; i++) {
            int st = m[1 + 3 * i];
            int e = m[2 + 3 * i];
            if (st > prev) out.add(new Split(ns.slice(prev, st), null));
            NormalizedString piece = ns.slice(st, e);
            out.add(new Split(piece, List.of(new Token(m[3 + 3 * i], piece.toString(), 0, piece.length()))));
            prev = e;
        }
        if (prev < s.length()) out.add(new Split(ns.slice(prev, s.length()), null));
    }

    /** Finds a set of tokens in a string: longest match at the leftmost position, then on after it. */
    private static final class TokenMatcher {
        private final Map<Character, List<Integer>> byFirstChar = new HashMap<>();
        private final boolean[] firstBmp = new boolean[0x10000];
        private final List<AddedToken> tokens;
        private final List<String> patterns;

        TokenMatcher(List<AddedToken> tokens, List<String> patterns) {
            this.tokens = tokens;
            this.patterns = patterns;
            for (int i = 0; i < patterns.size(); i++) {
                String p = patterns.get(i);
                if (p.isEmpty()) continue;
                byFirstChar.computeIfAbsent(p.charAt(0), c -> new ArrayList<>()).add(i);
                firstBmp[p.charAt(0)] = true;
            }
            for (List<Integer> l : byFirstChar.values()) {
                l.sort(Comparator.comparingInt((Integer i) -> patterns.get(i).length()).reversed());
            }
        }

        boolean isEmpty() { return byFirstChar.isEmpty(); }

        /** {@code [count, start0, end0, id0, start1, ...]}: spans include the whitespace lstrip/rstrip take. */
        int[] find(String s) {
            int[] out = new int[1];
            int count = 0;
            int n = s.length();
            int pieceStart = 0;
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (!firstBmp[c]) {
                    i++;
                    continue;
                }
                int hit = -1;
                for (int k : byFirstChar.get(c)) {
                    if (s.startsWith(patterns.get(k), i)) {
                        hit = k;
                        break;
                    }
                }
                if (hit < 0) {
                    i++;
                    continue;
                }
                AddedToken t = tokens.get(hit);
                int start = i;
                int stop = i + patterns.get(hit).length();
                if (t.singleWord() && ((start > 0 && isWordChar(s.codePointBefore(start)))
                        || (stop < n && isWordChar(s.codePointAt(stop))))) {
                    i = stop;
                    continue;
                }
                if (t.lstrip()) {
                    while (start > pieceStart && CharClass.isWhitespace(s.charAt(start - 1))) start--;
                }
                if (t.rstrip()) {
                    while (stop < n && CharClass.isWhitespace(s.charAt(stop))) stop++;
                }
                if (out.length < 1 + 3 * (count + 1)) out = java.util.Arrays.copyOf(out, out.length * 2 + 3);
                out[1 + 3 * count] = start;
                out[2 + 3 * count] = stop;
                out[3 + 3 * count] = t.id();
                count++;
                pieceStart = stop;
                i = stop;
            }
            out[0] = count;
            return out;
        }

        private static boolean isWordChar(int cp) {
            return CharClass.isAlphanumeric(cp) || cp == '_';
        }
    }
}
