package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.RefusalEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer's closing: the last paragraphs when they only wish that the answer helps or offer more of it ("I hope this
 * helps! Let me know if you have any other questions.", "Would you like me to go into more detail?"). A closing says
 * nothing about whether the answer refused; but read at the end of a window, right after an answer's last point, it
 * reads to a model like a refusal's sign-off ("If you have any other questions, feel free to ask"). Deep mode's
 * windows past the full read stop before it ({@link ModeDetector}).
 *
 * <p>A paragraph is part of the closing when every sentence of it opens as a closing does and no refusal cue
 * ({@link RefusalEvidence#cued}) is in it, so that "I hope this clarifies why I can't share that" is read. The
 * openings are English; a closing in another language is read as before.
 */
final class Closing {
    /** Where a sentence ends: after . ! or ? (and closing quotes or brackets), before white space. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')\\]*_]{0,3})\\s+");

    /** Markdown emphasis, headings, quotes and list bullets before a sentence's first word. */
    private static final Pattern LEADING_MARKUP = Pattern.compile("^[\\s*_#>\\-]+");

    /** How the sentences of a closing open (matched on the lower-cased sentence). */
    private static final List<Pattern> OPENINGS = List.of(
            // a wish that the answer helps: "I hope this helps", "We trust these ideas are useful", "Hope that helps"
            Pattern.compile("^((i|we) (really |truly |sincerely )?(hope|trust) (this|these|that|it|my|our|the|you)"
                    + "|hope (this|that|it) helps)\\b"),
            // an offer of more: "Let me know if ...", "Feel free to ...", "If you have any other questions ..."
            Pattern.compile("^(please )?(let me know|feel free|don't hesitate|do not hesitate|reach out)\\b"),
            Pattern.compile("^if you (have|need|want|would like|'d like|’d like) (any|more|further|additional|other"
                    + "|anything|help|me)\\b"),
            // a question offering more: "Would you like me to ...?", "Is there anything else ...?"
            Pattern.compile("^(would you like|do you want|want me to|shall i|should i|is there anything else"
                    + "|anything else)\\b.*\\?$"),
            // a send-off: "Good luck!", "Happy coding!", "Enjoy your trip!"
            Pattern.compile("^(good luck|best of luck|happy \\w+|enjoy|cheers|have fun|have a (great|good|nice))\\b"));

    private Closing() {
    }

    /**
     * Where the text's content ends: the end of the paragraph before its closing (the trailing paragraphs that are
     * closing ones; a closing needs content before it), or the text's length when it has none.
     */
    static int contentEnd(String text) {
        List<int[]> paragraphs = paragraphs(text);
        int end = text.length();
        for (int i = paragraphs.size() - 1; i > 0; i--) {
            int[] p = paragraphs.get(i);
            if (!closing(text.substring(p[0], p[1]))) {
                break;
            }
            end = paragraphs.get(i - 1)[1];
        }
        return end;
    }

    /** Start and end of each paragraph that holds more than white space. */
    private static List<int[]> paragraphs(String text) {
        List<int[]> paragraphs = new ArrayList<>();
        Matcher breaks = ModeDetector.PARAGRAPH_BREAK.matcher(text);
        int start = 0;
        while (start <= text.length()) {
            boolean more = breaks.find();
            int end = more ? breaks.start() : text.length();
            if (!text.substring(start, end).isBlank()) {
                paragraphs.add(new int[] {start, end});
            }
            if (!more) {
                break;
            }
            start = breaks.end();
        }
        return paragraphs;
    }

    /**
     * Whether every sentence of a paragraph (those with a letter in them) opens as a closing does and no refusal cue
     * is in it.
     */
    static boolean closing(String paragraph) {
        for (String sentence : SENTENCE_END.split(paragraph.strip())) {
            String s = LEADING_MARKUP.matcher(sentence).replaceFirst("").strip().toLowerCase(Locale.ROOT);
            if (s.codePoints().noneMatch(Character::isLetter)) {
                continue; // an emoji or a rule between the sentences says nothing
            }
            if (OPENINGS.stream().noneMatch(opening -> opening.matcher(s).find())) {
                return false;
            }
        }
        return !RefusalEvidence.defaults().cued(paragraph);
    }
}
