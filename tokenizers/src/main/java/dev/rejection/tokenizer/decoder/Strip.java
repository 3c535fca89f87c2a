package dev.rejection.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Removes up to {@code start} leading and {@code stop} trailing occurrences of a character from every token. */
public final class Strip implements Decoder {
    private final char content;
    private final int start;
    private final int stop;

    public Strip(char content, int start, int stop) {
        this.content = content;
        this.start = start;
        this.stop = stop;
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            int from = 0;
            int to = t.length();
            while (from < start && from < to && t.charAt(from) == content) from++;
            int cut = 0;
            while (cut < stop && to > from && t.charAt(to - 1) == content) {
                to--;
                cut++;
            }
            out.add(t.substring(from, to));
        }
        return out;
    }
}
