package dev.rejection.hub;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the Hub says about one file before sending it, as huggingface_hub reads it: the commit it belongs to
 * ({@code X-Repo-Commit}), its etag ({@code X-Linked-Etag} for files stored in LFS, else {@code ETag}; quotes and
 * the weak marker stripped), its size ({@code X-Linked-Size}, else {@code Content-Length}; -1 when unknown) and
 * where its bytes are (the CDN a large file redirects to, else the resolve URL itself).
 *
 * <p>The commit and the etag name folders and files in the cache, so they are held to what the Hub sends: a commit
 * is 40 hex digits; an etag is a git blob SHA-1 (40 hex) or a SHA-256 (64 hex), and an LFS file's
 * ({@code X-Linked-Etag}) must be a SHA-256, which its bytes are then checked against.
 */
public record FileMetadata(String commit, String etag, long size, URI location) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1_OR_SHA256 = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public FileMetadata {
        if (!COMMIT.matcher(commit).matches() || !GIT_SHA1_OR_SHA256.matcher(etag).matches()) {
            throw new IllegalArgumentException("not a commit and etag: '" + commit + "', '" + etag + "'");
        }
    }

    /** For an LFS file the etag is the SHA-256 of its content, which the download is checked against. */
    public Optional<String> sha256() {
        return SHA256.matcher(etag).matches() ? Optional.of(etag) : Optional.empty();
    }

    /**
     * Reads a metadata answer's headers.
     *
     * @param location where the file's bytes are
     * @throws IllegalArgumentException naming the header and its value when one is missing or not what the Hub
     *                                  sends
     */
    static FileMetadata fromHeaders(HttpHeaders headers, URI location) {
        String commit = headers.firstValue("X-Repo-Commit").orElseThrow(() ->
                new IllegalArgumentException("no X-Repo-Commit header"));
        if (!COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("X-Repo-Commit '" + commit + "' is not a commit (40 hex digits)");
        }
        boolean lfs = headers.firstValue("X-Linked-Etag").isPresent();
        String etagHeader = lfs ? "X-Linked-Etag" : "ETag";
        String etag = normalizeEtag(headers.firstValue(etagHeader).orElseThrow(() ->
                new IllegalArgumentException("no ETag header")));
        if (!(lfs ? SHA256 : GIT_SHA1_OR_SHA256).matcher(etag).matches()) {
            throw new IllegalArgumentException(etagHeader + " '" + etag + "' is not " + (lfs
                    ? "the SHA-256 (64 hex digits) an LFS file is stored and checked by"
                    : "a git blob SHA-1 (40 hex digits) or a SHA-256 (64 hex digits)"));
        }
        String sizeHeader = headers.firstValue("X-Linked-Size").isPresent() ? "X-Linked-Size" : "Content-Length";
        return new FileMetadata(commit, etag, size(headers, sizeHeader), location);
    }

    private static long size(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return -1;
        }
        try {
            long size = Long.parseLong(value.get().strip());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " '" + value.get() + "' is not a size in bytes");
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
