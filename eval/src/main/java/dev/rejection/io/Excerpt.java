package dev.rejection.io;

/**
 * A value from a file or a client as an error message quotes it: cut, so that the message stays a line however long
 * the value was (a 900 KB label must not come back whole).
 */
public final class Excerpt {
    /** The most characters of a value quoted. */
    public static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    /** {@code s} itself when short, else its first {@value #MAX_CHARS} characters and its length. */
    public static String of(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "... (" + s.length() + " characters)";
    }
}
