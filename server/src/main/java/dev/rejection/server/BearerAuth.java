package dev.rejection.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time: both sides are hashed first, so that neither the
 * token's characters nor its length leak through how long a comparison takes.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";
    private final byte[] expectedDigest; // null: no token configured, everything is allowed

    BearerAuth(Optional<String> token) {
        this.expectedDigest = token.map(BearerAuth::sha256).orElse(null);
    }

    boolean enabled() {
        return expectedDigest != null;
    }

    /** Whether the Authorization header value (null when absent) grants access. */
    boolean allows(String authorization) {
        if (expectedDigest == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
