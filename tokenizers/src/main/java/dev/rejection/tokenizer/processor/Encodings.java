package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers the processors share: surrounding an encoding with special tokens, mapping offsets. */
final class Encodings {
    private Encodings() {}

    /** A special token: id, text, type id. */
    record Special(int id, String token, int typeId) {}

    /**
     * {@code before} + the encoding (with {@code typeId}) + {@code after}, applied to each overflowing window
     * as well.
     */
    static Encoding surround(Encoding e, List<Special> before, List<Special> after, int typeId) {
        List<Encoding> overflowing = new ArrayList<>(e.overflowing().size());
        for (Encoding o : e.overflowing()) overflowing.add(surround(o, before, after, typeId));
        int n = e.length();
        int total = before.size() + n + after.size();
        int[] ids = new int[total];
        int[] typeIds = new int[total];
        String[] tokens = new String[total];
        int[] offsets = new int[2 * total];
        int[] special = new int[total];
        int[] attention = new int[total];
        Arrays.fill(attention, 1);
        int k = 0;
        for (Special s : before) {
            ids[k] = s.id();
            typeIds[k] = s.typeId();
            tokens[k] = s.token();
            special[k++] = 1;
        }
        for (int i = 0; i < n; i++, k++) {
            ids[k] = e.ids()[i];
            typeIds[k] = typeId;
            tokens[k] = e.tokens()[i];
            offsets[2 * k] = e.start(i);
            offsets[2 * k + 1] = e.end(i);
            special[k] = e.specialTokensMask()[i];
            attention[k] = e.attentionMask()[i];
        }
        for (Special s : after) {
            ids[k] = s.id();
            typeIds[k] = s.typeId();
            tokens[k] = s.token();
            special[k++] = 1;
        }
        return new Encoding(ids, typeIds, tokens, offsets, special, attention, overflowing);
    }

    /** The same encoding with every type id set to {@code typeId} (no special tokens added). */
    static Encoding withTypeId(Encoding e, int typeId) {
        return surround(e, List.of(), List.of(), typeId);
    }

    /**
     * Byte-level offset trimming: a token's leading and trailing spaces (Ġ or whitespace) are cut from its span;
     * with {@code addPrefixSpace}, a single leading space on the first token was added by the pre-tokenizer and
     * is kept. Applied to the overflowing windows too. Spaces are counted in code points, as Hugging Face counts
     * them in characters: a space prepended to a word is aligned to the word's first character, whatever its size.
     */
    static Encoding trimOffsets(String text, Encoding e, boolean addPrefixSpace) {
        List<Encoding> overflowing = new ArrayList<>(e.overflowing().size());
        for (Encoding o : e.overflowing()) overflowing.add(trimOffsets(text, o, addPrefixSpace));
        int[] offsets = e.offsets().clone();
        String[] tokens = e.tokens();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            int leading = 0;
            while (leading < token.length() && isSpace(token.charAt(leading))) leading++;
            int trailing = 0;
            while (trailing < token.length() && isSpace(token.charAt(token.length() - 1 - trailing))) trailing++;
            if (leading == 0 && trailing == 0) continue;
            int start = offsets[2 * i];
            int end = offsets[2 * i + 1];
            if (leading > 0) {
                boolean first = i == 0 || start == 0;
                if (first && addPrefixSpace && leading == 1) leading = 0;
                start = Math.min(forward(text, start, leading), end);
            }
            if (trailing > 0 && (end >= 2 * trailing || text.codePointCount(0, end) >= trailing)) {
                end = Math.max(backward(text, end, trailing), start);
            }
            offsets[2 * i] = start;
            offsets[2 * i + 1] = end;
        }
        return new Encoding(e.ids(), e.typeIds(), tokens, offsets, e.specialTokensMask(), e.attentionMask(),
                overflowing);
    }

    /** {@code at} moved {@code n} code points forward (not past the text). */
    private static int forward(String text, int at, int n) {
        for (int i = 0; i < n && at < text.length(); i++) at += Character.charCount(text.codePointAt(at));
        return at;
    }

    /** {@code at} moved {@code n} code points back (not before 0). */
    private static int backward(String text, int at, int n) {
        for (int i = 0; i < n && at > 0; i++) at -= Character.charCount(text.codePointBefore(at));
        return at;
    }

    private static boolean isSpace(char c) {
        return c == '\u0120' || dev.rejection.tokenizer.CharClass.isWhitespace(c);
    }
}
