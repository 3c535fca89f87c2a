package dev.rejection.hub;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the Hub says about one file before sending it, as huggingface_hub reads it: the commit it belongs to
 * ({@code X-Repo-Commit}), its etag ({@code X-Linked-Etag} for files stored in LFS, else {@code ETag}; quotes and
 * the weak marker stripped), its size ({@code X-Linked-Size}, else {@code Content-Length}; -1 when unknown) and
 * where its bytes are (the CDN a large file redirects to, else the resolve URL itself).
 */
public record FileMetadata(String commit, String etag, long size, URI location) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** For an LFS file the etag is the SHA-256 of its content, which the download is checked against. */
    public Optional<String> sha256() {
        return SHA256.matcher(etag).matches() ? Optional.of(etag) : Optional.empty();
    }

    /** An {@code ETag} header as huggingface_hub stores it: without {@code W/} and without quotes. */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }
}
