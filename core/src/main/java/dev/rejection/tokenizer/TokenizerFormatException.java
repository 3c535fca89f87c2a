package dev.rejection.tokenizer;

/** A tokenizer file that cannot be loaded: names the file and what is wrong in it. */
public final class TokenizerFormatException extends RuntimeException {
    public TokenizerFormatException(String source, String message) {
        super(source + ": " + message);
    }

    public TokenizerFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
