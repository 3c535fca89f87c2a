package dev.rejection.detect.lexical;

/** Where in a text a phrase may match. */
public enum Position {
    /** Only in the opening: the first sentence or the first {@link LexicalDetector#OPENING_CHARS} characters. */
    OPENING,
    /** Anywhere; the match still reports whether it sits in the opening. */
    ANYWHERE,
    /** The match must be the whole text (all its words), as in a terse "No." or "I can't." */
    WHOLE
}
