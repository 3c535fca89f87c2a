package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;
import java.util.Arrays;

/**
 * Applies a Unicode normalization form while keeping alignments the way Hugging Face's alignment-tracking
 * normalization does. Every output character carries a change: 0 replaces the next input character (and takes
 * its span), +1 is inserted (and takes the span of the input character before it), -n replaces the next 1 + n
 * input characters (taking the first one's span). Decomposition gives each character's first piece 0 and the
 * others +1; canonical reordering moves characters with their changes; composing a base with a mark adds the
 * mark's change minus one to the base.
 */
final class UnicodeForm {
    private UnicodeForm() {}

    static void apply(NormalizedString ns, Form form) {
        String s = ns.toString();
        if (java.text.Normalizer.isNormalized(s, form)) return;
        boolean compatibility = form == Form.NFKC || form == Form.NFKD;
        Form decomposition = compatibility ? Form.NFKD : Form.NFD;

        // the input code points and their spans
        int n = s.codePointCount(0, s.length());
        int[] spanStart = new int[n];
        int[] spanEnd = new int[n];
        // 1. decompose each code point on its own
        StringBuilder decomposed = new StringBuilder(s.length() + 16);
        int[] changes = new int[s.length() * 4 + 4];
        int count = 0;
        int k = 0;
        for (int i = 0; i < s.length(); k++) {
            int cp = s.codePointAt(i);
            int w = Character.charCount(cp);
            spanStart[k] = ns.originalStart(i, i + w);
            spanEnd[k] = ns.originalEnd(i, i + w);
            String one = new String(Character.toChars(cp));
            String d = cp < 0xA0 ? one : java.text.Normalizer.normalize(one, decomposition);
            for (int j = 0, first = 1; j < d.length(); first = 0) {
                int p = d.codePointAt(j);
                if (count == changes.length) changes = Arrays.copyOf(changes, count * 2);
                changes[count++] = first == 1 ? 0 : 1;
                decomposed.appendCodePoint(p);
                j += Character.charCount(p);
            }
            i += w;
        }
        int[] cps = decomposed.codePoints().toArray();
        changes = Arrays.copyOf(changes, count);
        // 2. canonical reordering: marks move, each with its change
        String reordered = java.text.Normalizer.normalize(decomposed, Form.NFD);
        if (!reordered.contentEquals(decomposed)) {
            int[] target = reordered.codePoints().toArray();
            int[] moved = new int[count];
            boolean[] used = new boolean[count];
            int firstUnused = 0;
            for (int t = 0; t < target.length; t++) {
                int m = firstUnused;
                while (used[m] || cps[m] != target[t]) m++;
                used[m] = true;
                moved[t] = changes[m];
                while (firstUnused < count && used[firstUnused]) firstUnused++;
            }
            cps = target;
            changes = moved;
        }
        // 3. composition: a composed character absorbs the marks it was built from
        if (!compatibility && form == Form.NFC || form == Form.NFKC) {
            String composed = java.text.Normalizer.normalize(new String(cps, 0, cps.length), Form.NFC);
            int[] out = composed.codePoints().toArray();
            int[] outChanges = new int[out.length];
            boolean[] absorbed = new boolean[cps.length];
            int p = 0;
            for (int o = 0; o < out.length; o++) {
                while (p < cps.length && absorbed[p]) p++;
                int change = changes[Math.min(p, cps.length - 1)];
                if (p < cps.length && cps[p] != out[o]) {
                    int[] parts = java.text.Normalizer.normalize(new String(Character.toChars(out[o])), Form.NFD)
                            .codePoints().toArray();
                    for (int part = 1; part < parts.length; part++) {
                        for (int q = p + 1; q < cps.length; q++) {
                            if (!absorbed[q] && cps[q] == parts[part]) {
                                absorbed[q] = true;
                                change += changes[q] - 1;
                                break;
                            }
                        }
                    }
                }
                outChanges[o] = change;
                p++;
            }
            cps = out;
            changes = outChanges;
        }
        // 4. align the output to the input by the changes
        NormalizedString.Builder b = NormalizedString.builder(cps.length + 4);
        int input = 0;
        for (int o = 0; o < cps.length; o++) {
            int start;
            int end;
            if (changes[o] > 0 || input >= n) {
                int prev = Math.max(0, Math.min(input, n) - 1);
                start = spanStart[prev];
                end = spanEnd[prev];
            } else {
                start = spanStart[input];
                end = spanEnd[input];
                input += 1 - changes[o];
            }
            b.append(new String(Character.toChars(cps[o])), start, end);
        }
        ns.replaceWith(b);
    }
}
