package dev.rejection.detect.mode;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits an LLM answer into sentences: {@link BreakIterator}'s Unicode sentence rules (UAX #29) inside each
 * markdown block, where blocks end at blank lines and at lines that start a list item or quote; a heading or table
 * row is a span of its own, and a fenced code block is one span (code is not prose). UAX #29 alone runs list items together ("1. Mix
 * the flour 2. Add eggs" is one sentence to it when lines lack final punctuation) and would cut code at every dot.
 *
 * <p>Spans are trimmed of surrounding whitespace; spans with no letter or digit (rules, table separators) are
 * dropped. Immutable and thread-safe (a fresh {@code BreakIterator} per call).
 */
public final class SentenceSplitter {
    /** A list item's marker: a new block starts, and the marker is not a sentence of its own. */
    private static final Pattern LIST_ITEM = Pattern.compile("[ \\t]*(?:[-*+•]|\\d{1,3}[.)])[ \\t]+");
    /** A line that is a block by itself: a heading or a table row. */
    private static final Pattern LINE_BLOCK = Pattern.compile("[ \\t]*(?:#{1,6}[ \\t]|\\|)");
    private static final Pattern QUOTE = Pattern.compile("[ \\t]*>");
    private static final Pattern FENCE = Pattern.compile("[ \\t]*(?:```|~~~).*");
    /**
     * Abbreviations that UAX #29 ends a sentence after when a capital follows ("Dr. Smith"); no break is made after
     * them. Lower-case followers ("e.g. acetone") never break anyway. Not "No." or "etc.", which often do end one.
     */
    private static final Pattern ABBREVIATION = Pattern.compile(
            "(?:^|[\\s(\"'])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|approx|Fig|e\\.g|i\\.e)\\.\\s*$");

    private final Locale locale;

    public SentenceSplitter() {
        this(Locale.ROOT);
    }

    public SentenceSplitter(Locale locale) {
        this.locale = locale;
    }

    /** The sentences of {@code text}, in order; none for a blank text. */
    public List<Span> split(String text) {
        List<Span> sentences = new ArrayList<>();
        int blockStart = 0;
        boolean inFence = false;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd);
            boolean fence = FENCE.matcher(line).matches();
            if (inFence) {
                if (fence) { // the closing fence ends the code block, which is one span
                    addTrimmed(text, blockStart, lineEnd, sentences);
                    blockStart = lineEnd;
                    inFence = false;
                }
            } else if (fence || line.isBlank() || LINE_BLOCK.matcher(line).lookingAt()) {
                sentences(text, blockStart, lineStart, sentences);
                if (!fence) {
                    addTrimmed(text, lineStart, lineEnd, sentences); // a heading or row; nothing for a blank line
                }
                blockStart = fence ? lineStart : lineEnd;
                inFence = fence;
            } else if (LIST_ITEM.matcher(line).lookingAt() || QUOTE.matcher(line).lookingAt()) {
                sentences(text, blockStart, lineStart, sentences);
                blockStart = lineStart;
            }
            lineStart = newline < 0 ? text.length() : newline + 1;
        }
        if (inFence) {
            addTrimmed(text, blockStart, text.length(), sentences); // an unclosed fence: code to the end
        } else {
            sentences(text, blockStart, text.length(), sentences);
        }
        return sentences;
    }

    /**
     * UAX #29 sentences of the prose block {@code [start, end)}. A list marker at its start is read past ("1. Mix"
     * would otherwise end a sentence at "1.") and joins the first sentence.
     */
    private void sentences(String text, int start, int end, List<Span> out) {
        if (start >= end) {
            return;
        }
        java.util.regex.Matcher marker = LIST_ITEM.matcher(text).region(start, end);
        int from = marker.lookingAt() ? marker.end() : start;
        BreakIterator it = BreakIterator.getSentenceInstance(locale);
        it.setText(text.substring(from, end));
        int last = start;
        for (int to = it.next(); to != BreakIterator.DONE; to = it.next()) {
            if (from + to < end && ABBREVIATION.matcher(text.substring(last, from + to)).find()) {
                continue; // "Dr. Smith": the sentence goes on
            }
            addTrimmed(text, last, from + to, out);
            last = from + to;
        }
    }

    private static void addTrimmed(String text, int start, int end, List<Span> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                out.add(new Span(start, end));
                return;
            }
        }
    }
}
