package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.RefusalEvidence;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An answer's closing: the last paragraphs when they only wish that the answer helps or offer more of it ("I hope this
 * helps! Let me know if you have any other questions.", "Would you like me to go into more detail?"). A closing says
 * nothing about whether the answer refused; but read at the end of a window, right after an answer's last point, it
 * reads to a model like a refusal's sign-off ("If you have any other questions, feel free to ask"). Deep mode's
 * windows past the full read, and window mode's windows over a text longer than one window, stop before it
 * ({@link ModeDetector}). The question "Is there anything else I can help you with?" alone is not a closing: short
 * deflections end with it as often as answers do.
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
            // a question offering more: "Would you like me to ...?"
            Pattern.compile("^(would you like|do you want|want me to|shall i|should i)\\b.*\\?$"),
            // a send-off: "Good luck!", "Happy coding!", "Enjoy your trip!"
            Pattern.compile("^(good luck|best of luck|happy \\w+|enjoy|cheers|have fun|have a (great|good|nice))\\b"));

    /**
     * An offer of help with something else: part of a closing beside one of the {@link #OPENINGS} ("I hope this
     * helps! Is there anything else I can help you with?"), not one alone, since short deflections end with it.
     */
    private static final Pattern SOMETHING_ELSE = Pattern.compile("^(is there anything else|anything else)\\b.*\\?$");

    private Closing() {
    }

    /**
     * Where the text's content ends: the end of the paragraph before its closing (the trailing paragraphs that are
     * closing ones; a closing needs content before it), or the text's length when it has none.
     */
    static int contentEnd(String text) {
        List<Span> paragraphs = ModeDetector.paragraphs(text).stream().filter(p -> !p.of(text).isBlank()).toList();
        int end = text.length();
        for (int i = paragraphs.size() - 1; i > 0 && closing(paragraphs.get(i).of(text)); i--) {
            end = paragraphs.get(i - 1).end();
        }
        return end;
    }

    /**
     * Whether every sentence of a paragraph (those with a letter in them) opens as a closing does, or offers help
     * with something else beside one that does, and no refusal cue is in it.
     */
    static boolean closing(String paragraph) {
        boolean opens = false;
        for (String sentence : SENTENCE_END.split(paragraph.strip())) {
            String s = LEADING_MARKUP.matcher(sentence).replaceFirst("").strip().toLowerCase(Locale.ROOT);
            if (s.codePoints().noneMatch(Character::isLetter)) {
                continue; // an emoji or a rule between the sentences says nothing
            }
            if (OPENINGS.stream().anyMatch(opening -> opening.matcher(s).find())) {
                opens = true;
            } else if (!SOMETHING_ELSE.matcher(s).find()) {
                return false;
            }
        }
        return opens && !RefusalEvidence.defaults().cued(paragraph);
    }
}
