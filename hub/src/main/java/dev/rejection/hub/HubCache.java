package dev.rejection.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub cache in huggingface_hub's layout, so a model Python downloaded is used here and the other way round:
 *
 * <pre>
 * {cache}/models--org--name/
 *     blobs/{etag}                      file contents, named by etag (the SHA-256 for LFS files)
 *     snapshots/{commit}/{path}         relative symlink to ../../blobs/{etag} (a copy where links fail)
 *     refs/{revision}                   the commit a branch or tag pointed to when last seen
 *     .no_exist/{commit}/{path}         empty marker: the file does not exist at that commit
 * {cache}/.locks/models--org--name/{etag}.lock
 * </pre>
 *
 * <p>Every one of these paths is built by {@code inside(folder, what, name)}, which refuses a name that would leave its folder: the
 * etags and commits come from the Hub's headers, the revisions and file names from the caller.
 *
 * <p>A file is written to {@code blobs/{etag}.incomplete} under its lock, checked (size, and SHA-256 for LFS files)
 * and only then moved into place, so a snapshot never shows a partial or corrupt file. The lock is a
 * {@link FileChannel#lock} on the lock file: it excludes other JVMs and threads using this class. (huggingface_hub
 * locks with {@code flock}, which Linux keeps apart from these locks; a Python and a Java download of the same new
 * blob at the same moment are not excluded from each other, but each checks what it moves into place.)
 */
public final class HubCache {
    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
    private static final Duration LOCK_POLL = Duration.ofMillis(100);
    private static final Duration LOCK_NOTICE = Duration.ofSeconds(10);

    private final Path root;
    private final Duration lockTimeout;

    /**
     * @param lockTimeout how long to wait for another process that downloads the same file
     */
    public HubCache(Path root, Duration lockTimeout) {
        this.root = root;
        this.lockTimeout = lockTimeout;
    }

    /** A cache that waits up to an hour for another process's download of the same file. */
    public HubCache(Path root) {
        this(root, Duration.ofHours(1));
    }

    public Path root() {
        return root;
    }

    /** {@code models--org--name}: the repository's folder name. */
    public static String folderName(String repo) {
        return "models--" + repo.replace("/", "--");
    }

    public Path repoDir(String repo) {
        return inside(root, "repository", folderName(repo));
    }

    public Path blob(String repo, String etag) {
        return inside(repoDir(repo).resolve("blobs"), "etag", etag);
    }

    public Path snapshot(String repo, String commit) {
        return inside(repoDir(repo).resolve("snapshots"), "commit", commit);
    }

    public Path lockFile(String repo, String etag) {
        Path lock = inside(root.resolve(".locks").resolve(folderName(repo)), "etag", etag);
        return lock.resolveSibling(lock.getFileName() + ".lock");
    }

    private Path refFile(String repo, String revision) {
        return inside(repoDir(repo).resolve("refs"), "revision", revision);
    }

    private Path noExistMarker(String repo, String commit, String path) {
        return inside(inside(repoDir(repo).resolve(".no_exist"), "commit", commit), "file", path);
    }

    private Path snapshotFile(String repo, String commit, String path) {
        return inside(snapshot(repo, commit), "file", path);
    }

    /**
     * {@code folder/name}, refused unless it lies strictly inside {@code folder}: every cache path goes through
     * here, because its parts come from the Hub's headers (etags, commits) or the command line (revisions, file
     * names), and a hostile Hub must not be able to write anywhere else. A name is '/'-separated segments, none
     * empty, {@code .} or {@code ..}, with no backslash, colon or control character.
     *
     * @param what what the name is, for the message: etag, commit, revision, file
     * @throws HubException naming the value when it is not such a name
     */
    static Path inside(Path folder, String what, String name) {
        if (!isRelativeName(name)) {
            throw new HubException(HubException.Reason.UNSAFE_PATH, "refusing " + what + " '" + name + "': as a "
                    + "file name it would lie outside the cache folder " + folder);
        }
        Path path = folder.resolve(name);
        if (!path.normalize().startsWith(folder.normalize()) || path.normalize().equals(folder.normalize())) {
            throw new HubException(HubException.Reason.UNSAFE_PATH, "refusing " + what + " '" + name + "': "
                    + path + " lies outside the cache folder " + folder);
        }
        return path;
    }

    /** Whether a name is relative '/'-separated segments that cannot climb out of the folder it is resolved in. */
    static boolean isRelativeName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c == '\\' || c == ':' || c < 0x20)) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The commit a revision stands for: itself when it is a commit hash, else what its ref says, if cached. A ref
     * that holds anything but a commit hash (damaged, or written by a hostile Hub before commits were checked) is
     * ignored with a warning.
     */
    public Optional<String> commitOf(String repo, String revision) {
        if (RepoId.isCommitHash(revision)) {
            return Optional.of(revision);
        }
        Path ref = refFile(repo, revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (!RepoId.isCommitHash(commit)) {
                LOG.warn("ignoring the cached ref {}: it holds '{}', not a 40-hex commit; delete it", ref,
                        HubException.printable(commit.length() > 80 ? commit.substring(0, 80) + "..." : commit));
                return Optional.empty();
            }
            return Optional.of(commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cached ref " + ref, e);
        }
    }

    /** Records that a branch or tag points at a commit (a commit hash needs no ref). */
    public void writeRef(String repo, String revision, String commit) throws IOException {
        if (!RepoId.isCommitHash(commit)) {
            throw new HubException(HubException.Reason.SERVER_ERROR, "refusing to record commit '" + commit + "' for "
                    + "revision " + revision + " of " + repo + ": a commit is 40 hex digits");
        }
        if (revision.equals(commit) || commitOf(repo, revision).filter(commit::equals).isPresent()) {
            return;
        }
        Path ref = refFile(repo, revision);
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling(ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8); // no newline, as huggingface_hub writes it
        Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file in the snapshot, when it is there and complete (a link to a missing blob does not count). */
    public Optional<Path> cached(String repo, String commit, String path) {
        Path file = snapshotFile(repo, commit, path);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Whether an earlier download found that the file does not exist at this commit. */
    public boolean knownMissing(String repo, String commit, String path) {
        return Files.exists(noExistMarker(repo, commit, path));
    }

    /** Remembers that the file does not exist at this commit, so it is not asked for again. */
    public void markMissing(String repo, String commit, String path) throws IOException {
        Path marker = noExistMarker(repo, commit, path);
        Files.createDirectories(marker.getParent());
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException e) {
            // another process was first
        }
    }

    /** Writes a file's bytes into the given (possibly partly written) file. */
    @FunctionalInterface
    public interface Fetch {
        void into(Path incomplete) throws IOException;
    }

    /**
     * Puts a file into the snapshot: its blob is fetched unless present, checked, moved into place, and linked.
     *
     * @param file  what the Hub says about the file (etag, size)
     * @param fetch writes the bytes, resuming after those already in the {@code .incomplete} file
     * @return the file's path in the snapshot
     * @throws HubException when the bytes are not the file the Hub described; nothing is left in place then
     */
    public Path store(String repo, String commit, String path, FileMetadata file, Fetch fetch) throws IOException {
        Path blob = blob(repo, file.etag());
        if (!Files.isRegularFile(blob)) {
            Path lockFile = lockFile(repo, file.etag());
            Files.createDirectories(lockFile.getParent());
            Files.createDirectories(blob.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lock(channel, lockFile, repo, path)) {
                if (!Files.isRegularFile(blob)) { // another process may have finished it while we waited
                    writeBlob(repo, path, file, fetch, blob);
                }
            }
        }
        Path pointer = snapshotFile(repo, commit, path);
        link(blob, pointer);
        return pointer;
    }

    private static void writeBlob(String repo, String path, FileMetadata file, Fetch fetch, Path blob)
            throws IOException {
        Path incomplete = blob.resolveSibling(blob.getFileName() + ".incomplete");
        boolean resumed = Files.exists(incomplete) && Files.size(incomplete) > 0;
        fetch.into(incomplete);
        String problem = check(incomplete, file);
        if (problem != null && resumed) {
            // the earlier part may be what is wrong (another tool's leftover): one fresh try
            LOG.warn("{} of {}: {}; downloading it again from the start", path, repo, problem);
            Files.delete(incomplete);
            fetch.into(incomplete);
            problem = check(incomplete, file);
        }
        if (problem != null) {
            Files.deleteIfExists(incomplete);
            throw new HubException(HubException.Reason.CORRUPT, "downloaded " + path + " of " + repo + " at commit "
                    + file.commit() + " is corrupt: " + problem + "; it was deleted, nothing was cached. Run again; "
                    + "if it persists, a proxy or mirror (HF_ENDPOINT) is altering the file");
        }
        Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What is wrong with the downloaded bytes, or null when they are the file the Hub described. */
    private static String check(Path incomplete, FileMetadata file) throws IOException {
        long size = Files.size(incomplete);
        if (file.size() >= 0 && size != file.size()) {
            return "expected " + file.size() + " bytes, got " + size;
        }
        Optional<String> expected = file.sha256();
        if (expected.isPresent()) {
            String actual = sha256(incomplete);
            if (!actual.equals(expected.get())) {
                return "SHA-256 is " + actual + ", expected " + expected.get();
            }
        }
        return null;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Takes the lock, waiting for another process or thread that holds it. Polls, because a blocking
     * {@link FileChannel#lock} cannot wait for a lock held elsewhere in this JVM (it throws instead).
     */
    private FileLock lock(FileChannel channel, Path lockFile, String repo, String path) throws IOException {
        long start = System.nanoTime();
        long noticed = start;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // held by another thread of this JVM
            }
            long now = System.nanoTime();
            if (now - start > lockTimeout.toNanos()) {
                throw new HubException(HubException.Reason.LOCKED, "gave up after " + lockTimeout.toSeconds()
                        + " s waiting for another download of " + path + " of " + repo + " (lock " + lockFile + ")");
            }
            if (now - noticed > LOCK_NOTICE.toNanos()) {
                noticed = now;
                LOG.info("waiting for another process that downloads {} of {} (lock {})", path, repo, lockFile);
            }
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + lockFile);
            }
        }
    }

    /**
     * Points {@code snapshots/{commit}/{path}} at the blob with a relative symlink, as huggingface_hub does, or
     * copies the blob where the file system has no symlinks. Made under a temporary name and renamed, so that a
     * concurrent reader sees the old entry or the new one, never none.
     */
    private static void link(Path blob, Path pointer) throws IOException {
        Files.createDirectories(pointer.getParent());
        if (Files.isRegularFile(pointer) && Files.isSymbolicLink(pointer)
                && Files.readSymbolicLink(pointer).equals(pointer.getParent().relativize(blob))) {
            return;
        }
        Path tmp = pointer.resolveSibling(pointer.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(tmp, pointer.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("no symlink for {} ({}); copying the blob", pointer, e.toString());
            Files.deleteIfExists(tmp);
            Files.copy(blob, tmp);
        }
        Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
