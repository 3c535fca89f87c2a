package dev.rejection.tokenizer;

/**
 * A tokenizer file that cannot be loaded: names the file and what is wrong in it. An {@link
 * IllegalArgumentException}, as bad input is, so that callers that report bad input (the CLI's exit 2) report it.
 */
public final class TokenizerFormatException extends IllegalArgumentException {
    public TokenizerFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public TokenizerFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
