package dev.rejection.tokenizer;

/**
 * Unicode character classes as Hugging Face {@code tokenizers} (Rust) sees them. Java's own {@code \s} and
 * {@link Character#isWhitespace} differ from Unicode's White_Space property, which Rust and Oniguruma use.
 */
public final class CharClass {
    private CharClass() {}

    /** Unicode White_Space (Rust {@code char::is_whitespace}, Oniguruma {@code \s}). */
    public static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** General category L*. */
    public static boolean isLetter(int c) {
        return Character.isLetter(c);
    }

    /** General category N* (Nd, Nl, No). */
    public static boolean isNumber(int c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** General category P*. */
    public static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** BERT's punctuation: ASCII punctuation (symbols such as $ + < = > ^ ` | ~ included) or category P*. */
    public static boolean isBertPunctuation(int c) {
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                || (c >= 0x7B && c <= 0x7E) || isPunctuation(c);
    }

    /** Regex {@code \w} as Rust's regex crate defines it in Unicode mode. */
    public static boolean isWordChar(int c) {
        if (Character.isAlphabetic(c)) return true;
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.CONNECTOR_PUNCTUATION:
                return true;
            default:
                return c == 0x200C || c == 0x200D;
        }
    }

    /** Rust {@code char::is_alphanumeric}: Alphabetic or Numeric. */
    public static boolean isAlphanumeric(int c) {
        return Character.isAlphabetic(c) || isNumber(c);
    }

    /** Category C* except tab, newline and carriage return (BERT's notion of a control character). */
    public static boolean isBertControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') return false;
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }

    /** CJK ideographs that BERT surrounds with spaces. */
    public static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
