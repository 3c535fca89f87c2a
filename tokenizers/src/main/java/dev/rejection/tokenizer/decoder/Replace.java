package dev.rejection.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces a pattern in every token. */
public final class Replace implements Decoder {
    private final Pattern pattern;
    private final String content;

    public Replace(Pattern pattern, String content) {
        this.pattern = pattern;
        this.content = content;
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        String replacement = Matcher.quoteReplacement(content);
        for (String t : tokens) out.add(pattern.matcher(t).replaceAll(replacement));
        return out;
    }
}
