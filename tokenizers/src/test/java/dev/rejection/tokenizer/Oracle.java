package dev.rejection.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares our encodings with Hugging Face's Rust tokenizers (through DJL) and reports mismatches readably.
 *
 * <p>Two facts about the oracle shape the comparison. DJL reports offsets in code points (Rust chars), ours are
 * UTF-16 indices, so ours are converted. And DJL hands Java strings to Rust through modified UTF-8, where an
 * unpaired surrogate becomes three bytes that Rust decodes lossily as three U+FFFD; Rust never sees the
 * surrogate. So each text is compared in the form Rust sees ({@link #rustView}); that our engine maps an
 * unpaired surrogate to a single U+FFFD is checked separately.
 */
final class Oracle {
    private Oracle() {}

    /** The text as Rust receives it from DJL: each unpaired surrogate replaced by three U+FFFD. */
    static String rustView(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (Character.isHighSurrogate(c) && !lone) {
                if (sb != null) sb.append(c).append(s.charAt(i + 1));
                i++;
                continue;
            }
            if (lone && sb == null) sb = new StringBuilder(s.substring(0, i));
            if (sb != null) sb.append(lone ? "\uFFFD\uFFFD\uFFFD" : String.valueOf(c));
        }
        return sb == null ? s : sb.toString();
    }

    /** Each unpaired surrogate replaced by one U+FFFD: what our engine treats it as. */
    static String singleReplacement(String s) {
        return rustView(s).replace("\uFFFD\uFFFD\uFFFD", "\uFFFD");
    }

    /** Mismatch description, or null when ids, type ids, offsets and special-token masks agree. */
    static String compare(String text, Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs) {
        long[] ids = theirs.getIds();
        long[] typeIds = theirs.getTypeIds();
        long[] special = theirs.getSpecialTokenMask();
        CharSpan[] spans = theirs.getCharTokenSpans();
        int[] cp = codePointIndex(text);
        int n = Math.max(ids.length, ours.length());
        for (int i = 0; i < n; i++) {
            if (i >= ids.length || i >= ours.length()) {
                return describe(text, ours, theirs, i, "length " + ours.length() + " vs oracle " + ids.length);
            }
            int ts = spans[i] == null ? 0 : spans[i].getStart();
            int te = spans[i] == null ? 0 : spans[i].getEnd();
            if (ours.ids()[i] != ids[i] || ours.typeIds()[i] != typeIds[i]
                    || cp[ours.start(i)] != ts || cp[ours.end(i)] != te
                    || ours.specialTokensMask()[i] != special[i]) {
                return describe(text, ours, theirs, i, "first difference at token " + i);
            }
        }
        if (ours.overflowing().size() != theirs.getOverflowing().length) {
            return describe(text, ours, theirs, 0, "overflowing windows " + ours.overflowing().size() + " vs oracle "
                    + theirs.getOverflowing().length);
        }
        for (int w = 0; w < ours.overflowing().size(); w++) {
            String m = compare(text, ours.overflowing().get(w), theirs.getOverflowing()[w]);
            if (m != null) return "overflowing window " + w + ": " + m;
        }
        return null;
    }

    /** For each UTF-16 index of {@code s} (and its length), the code-point index: how DJL counts offsets. */
    static int[] codePointIndex(String s) {
        int[] idx = new int[s.length() + 1];
        int cp = 0;
        for (int i = 0; i < s.length(); i++) {
            idx[i] = cp;
            if (!(Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                cp++;
            }
        }
        idx[s.length()] = cp;
        return idx;
    }

    private static String describe(String text, Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs,
                                   int at, String what) {
        int from = Math.max(0, at - 3);
        StringBuilder sb = new StringBuilder();
        if (at < ours.length() && ours.end(at) > 0) {
            int ws = Math.max(0, ours.start(at) - 15);
            int we = Math.min(text.length(), ours.end(at) + 15);
            sb.append("near ").append(escape(text.substring(ws, we))).append(": ");
        }
        sb.append(what).append(" in text ").append(escape(text.length() > 300 ? text.substring(0, 300) + "…" : text))
                .append(" (").append(text.length()).append(" chars)\n    ours:   ");
        int[] cp = codePointIndex(text);
        for (int i = from; i < Math.min(ours.length(), at + 4); i++) {
            sb.append(escape(ours.tokens()[i])).append('/').append(ours.ids()[i]).append('(').append(cp[ours.start(i)])
                    .append(',').append(cp[ours.end(i)]).append(")t").append(ours.typeIds()[i]).append('s')
                    .append(ours.specialTokensMask()[i]).append(' ');
        }
        sb.append("\n    oracle: ");
        for (int i = from; i < Math.min(theirs.getIds().length, at + 4); i++) {
            CharSpan s = theirs.getCharTokenSpans()[i];
            sb.append(escape(theirs.getTokens()[i])).append('/').append(theirs.getIds()[i]).append('(')
                    .append(s == null ? 0 : s.getStart()).append(',').append(s == null ? 0 : s.getEnd())
                    .append(")t").append(theirs.getTypeIds()[i]).append('s').append(theirs.getSpecialTokenMask()[i])
                    .append(' ');
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c) || c == '\u200B' || c == '\u200D'
                    || c == '\uFEFF' || (c >= 0x2000 && c <= 0x206F && !Character.isLetterOrDigit(c) && c > 0x2027)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** The oracle's encodings of {@code texts} (in their Rust view), encoded in parallel batches. */
    static ai.djl.huggingface.tokenizers.Encoding[] oracle(HuggingFaceTokenizer theirs, List<String> texts,
                                                          boolean addSpecialTokens, boolean withOverflow) {
        ai.djl.huggingface.tokenizers.Encoding[] out = new ai.djl.huggingface.tokenizers.Encoding[texts.size()];
        for (int from = 0; from < texts.size(); from += 512) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + 512)).stream()
                    .map(Oracle::rustView).toList();
            ai.djl.huggingface.tokenizers.Encoding[] e = theirs.batchEncode(chunk, addSpecialTokens, withOverflow);
            System.arraycopy(e, 0, out, from, e.length);
        }
        return out;
    }

    /** Encodes every text with ours and compares with the oracle's encodings; all mismatches counted, few kept. */
    static Result run(Tokenizer ours, List<String> texts, ai.djl.huggingface.tokenizers.Encoding[] theirs,
                      boolean addSpecialTokens) {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        int failed = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = rustView(texts.get(i));
            String m = compare(text, ours.encode(text, addSpecialTokens), theirs[i]);
            count++;
            if (m != null) {
                failed++;
                if (mismatches.size() < 5) mismatches.add(m);
            }
        }
        return new Result(count, failed, mismatches);
    }

    record Result(int compared, int mismatched, List<String> examples) {
        String report(String name) {
            return name + ": " + compared + " strings compared, " + mismatched + " mismatches"
                    + (examples.isEmpty() ? "" : "\n  " + String.join("\n  ", examples));
        }
    }

    static long[] toLong(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }
}
