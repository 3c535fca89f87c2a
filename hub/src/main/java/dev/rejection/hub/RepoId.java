package dev.rejection.hub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model repository on the Hub and the revision wanted: {@code org/name} or {@code org/name@revision}, where the
 * revision is a branch, a tag or a 40-character commit hash (default {@value #DEFAULT_REVISION}).
 */
public record RepoId(String repo, String revision) {

    public static final String DEFAULT_REVISION = "main";

    /** Hub names: letters, digits, '-', '_' and '.', not starting or ending with '-' or '.'. */
    private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?";
    private static final Pattern REPO = Pattern.compile(NAME + "/" + NAME);
    private static final Pattern ID = Pattern.compile("(" + REPO.pattern() + ")(?:@(.+))?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public RepoId {
        if (repo == null || !REPO.matcher(repo).matches()) {
            throw new IllegalArgumentException("not a Hub model id: '" + repo + "' (expected org/name)");
        }
        if (repo.contains("--") || repo.contains("..")) {
            throw new IllegalArgumentException("not a Hub model id: '" + repo + "' ('--' and '..' are not allowed)");
        }
        if (revision == null || revision.isBlank()) {
            revision = DEFAULT_REVISION;
        }
        if (!HubCache.isRelativeName(revision)) {
            // it names refs/{revision} in the cache: '.', '..' or an absolute path would point elsewhere
            throw new IllegalArgumentException("not a usable revision for " + repo + ": '" + revision + "' (a "
                    + "branch, tag or commit: '/'-separated names, none empty, '.' or '..')");
        }
    }

    /**
     * Parses {@code org/name[@revision]}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static RepoId parse(String text) {
        Matcher m = text == null ? null : ID.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a Hub model id: '" + text + "' (expected org/name or "
                    + "org/name@revision)");
        }
        return new RepoId(m.group(1), m.group(2));
    }

    /** Whether the text has the form of a Hub id (it may still name a directory). */
    public static boolean looksLikeId(String text) {
        return text != null && ID.matcher(text.strip()).matches();
    }

    /** Whether a revision is a full commit hash, which never moves and so needs no ref. */
    public static boolean isCommitHash(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** The same repository at another revision. */
    public RepoId at(String otherRevision) {
        return new RepoId(repo, otherRevision);
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
