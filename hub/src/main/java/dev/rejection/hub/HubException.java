package dev.rejection.hub;

/**
 * A model could not be had from the Hub or the cache. The message names the model, the revision and the file,
 * and says what to do; {@link #reason()} tells callers which case it is.
 */
public class HubException extends RuntimeException {

    /** Why the file could not be had. */
    public enum Reason {
        /** The repository has no such file at that revision. */
        FILE_NOT_FOUND,
        /** No such repository, or a private one we may not see. */
        REPO_NOT_FOUND,
        /** No such branch, tag or commit. */
        REVISION_NOT_FOUND,
        /** The repository is gated or private and the token is missing or refused. */
        UNAUTHORIZED,
        /** The Hub answered with a server error or something that is not a Hub answer. */
        SERVER_ERROR,
        /** The Hub could not be reached, or the connection broke. */
        NETWORK,
        /** The bytes received are not the file the Hub described (size or SHA-256). */
        CORRUPT,
        /** Offline mode, and the cache lacks the file. */
        NOT_CACHED,
        /** Another process held the file's lock for too long. */
        LOCKED,
        /** A name from the Hub or the caller (etag, commit, revision, file) would place a file outside the cache. */
        UNSAFE_PATH
    }

    private final Reason reason;

    public HubException(Reason reason, String message) {
        super(printable(message));
        this.reason = reason;
    }

    public HubException(Reason reason, String message, Throwable cause) {
        super(printable(message), cause);
        this.reason = reason;
    }

    /**
     * The message with control characters written as {@code \\u001b}: it quotes what a server sent (headers, error
     * messages), and printed raw an escape sequence would act on the user's terminal.
     */
    static String printable(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    public Reason reason() {
        return reason;
    }
}
