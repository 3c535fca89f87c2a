package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.NormalizedString;
import dev.rejection.tokenizer.PreTokenizedString;
import java.util.ArrayList;
import java.util.List;

/** Keeps runs of word characters and runs of other non-space characters ({@code \w+|[^\w\s]+}). */
public final class Whitespace implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(Whitespace::split);
    }

    private static List<NormalizedString> split(NormalizedString ns) {
        String s = ns.toString();
        List<NormalizedString> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (CharClass.isWhitespace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            boolean word = CharClass.isWordChar(cp);
            int j = i + Character.charCount(cp);
            while (j < s.length()) {
                int next = s.codePointAt(j);
                if (CharClass.isWhitespace(next) || CharClass.isWordChar(next) != word) break;
                j += Character.charCount(next);
            }
            out.add(ns.slice(i, j));
            i = j;
        }
        return out;
    }

    @Override
    public boolean splitsAtSpaceCuts() {
        return true; // its words are runs of word or of other non-space characters
    }

    @Override
    public boolean splitsAtWhitespace() {
        return true; // its words are runs of word or of other non-space characters
    }
}
