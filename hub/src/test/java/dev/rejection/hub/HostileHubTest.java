package dev.rejection.hub;

import static dev.rejection.hub.HubFixture.COMMIT_1;
import static dev.rejection.hub.HubFixture.CONFIG;
import static dev.rejection.hub.HubFixture.ONNX;
import static dev.rejection.hub.HubFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rejection.testing.FakeHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hub (or mirror) that lies: path-like and non-hash etags and commits, bodies longer than advertised or
 * corrupted, redirects to places that are not URLs. Each case must fail with a message naming the header (or
 * option) and its value, and must write nothing outside the cache folder.
 */
@Timeout(60)
class HostileHubTest {
    @TempDir
    Path tmp;
    /** The cache; everything else under {@link #tmp} must stay empty. */
    Path cache;
    FakeHub hub;

    @BeforeEach
    void start() throws IOException {
        cache = tmp.resolve("cache/hub");
        hub = HubFixture.publish(FakeHub.start());
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
        assertNothingOutsideTheCache();
    }

    /** Every file or folder under {@link #tmp} is the cache, inside it, or one of its parents. */
    private void assertNothingOutsideTheCache() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> !p.startsWith(cache) && !cache.startsWith(p)).toList()).isEmpty();
        }
    }

    private Path download(String model, String onnxFile) {
        return HubFixture.downloader(HubFixture.settings(hub, cache)).download(RepoId.parse(model), onnxFile);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String model) {
        return assertThatThrownBy(() -> download(model, null)).isInstanceOf(HubException.class);
    }

    private Path repoDir() {
        return cache.resolve("models--acme--tiny-rejection");
    }

    private List<String> blobNames() throws IOException {
        if (!Files.isDirectory(repoDir().resolve("blobs"))) {
            return List.of();
        }
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            return blobs.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void pathLikeEtagsAreRefusedNamingTheHeader() {
        String outside = tmp.resolve("victim").toString();
        for (String etag : List.of("../../../escaped", outside, "blobs/../../x", "abc", "")) {
            hub.header("config.json", "ETag", "\"" + etag + "\"");
            assertRefused(REPO).as(etag).hasMessageContaining("ETag").hasMessageContaining("'" + etag + "'")
                    .hasMessageContaining("config.json")
                    .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.SERVER_ERROR);
        }
        assertThat(tmp.resolve("victim")).doesNotExist();
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/config.json")).doesNotExist();
    }

    @Test
    void anLfsEtagMustBeASha256() throws IOException {
        String gitSha1 = FakeHub.gitBlobSha1(ONNX);
        for (String etag : List.of(gitSha1, "../" + FakeHub.sha256(ONNX), tmp.resolve("victim").toString())) {
            hub.header("onnx/model.onnx", "X-Linked-Etag", "\"" + etag + "\"");
            assertRefused(REPO).as(etag).hasMessageContaining("X-Linked-Etag").hasMessageContaining(etag)
                    .hasMessageContaining("onnx/model.onnx");
        }
        // the ONNX body was never cached without a hash to check it against
        assertThat(blobNames()).noneMatch(n -> n.startsWith(gitSha1) || n.startsWith(FakeHub.sha256(ONNX)));
        assertThat(hub.requests()).noneMatch(r -> r.server().equals("cdn"));
    }

    @Test
    void pathLikeOrShortCommitsAreRefusedAndNeverBecomeARef() throws IOException {
        for (String commit : List.of("../../../escaped", tmp.resolve("victim").toString(), "abc123",
                "ABCDEF0123456789ABCDEF0123456789ABCDEF01", COMMIT_1 + "/..")) {
            hub.header(FakeHub.EVERY_PATH, "X-Repo-Commit", commit);
            assertRefused(REPO).as(commit).hasMessageContaining("X-Repo-Commit").hasMessageContaining(commit)
                    .hasMessageContaining("40");
        }
        assertThat(repoDir().resolve("refs/main")).doesNotExist();
        assertThat(repoDir().resolve(".no_exist")).doesNotExist();
        assertThat(repoDir().resolve("snapshots")).doesNotExist();
    }

    @Test
    void aPoisonedCachedRefIsIgnoredOfflineAndRepairedOnline() throws IOException {
        // what a hostile Hub could leave behind before commits were checked
        Files.createDirectories(repoDir().resolve("refs"));
        Files.writeString(repoDir().resolve("refs/main"), "../../../escaped");
        HubSettings offline = HubFixture.settings(hub, cache, "HF_HUB_OFFLINE", "1");

        assertThatThrownBy(() -> HubFixture.downloader(offline).download(RepoId.parse(REPO), null))
                .isInstanceOf(HubException.class).hasMessageContaining("revision main was never downloaded")
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.NOT_CACHED);

        assertThat(download(REPO, null)).isEqualTo(repoDir().resolve("snapshots/" + COMMIT_1));
        assertThat(Files.readString(repoDir().resolve("refs/main"), StandardCharsets.UTF_8)).isEqualTo(COMMIT_1);
    }

    @Test
    void aBodyLongerThanAdvertisedStopsBeingWrittenAtTheAdvertisedSize() throws IOException {
        hub.oversized("onnx/model.onnx", 5_000_000);
        AtomicLong mostWritten = new AtomicLong();
        DownloadListener watch = new DownloadListener() {
            @Override
            public void progressed(String path, long bytes) {
                mostWritten.accumulateAndGet(bytes, Math::max);
            }
        };
        ModelDownloader downloader = new ModelDownloader(
                new HubClient(HubFixture.settings(hub, cache), watch, 3), new HubCache(cache));

        assertThatThrownBy(() -> downloader.download(RepoId.parse(REPO), null)).isInstanceOf(HubException.class)
                .hasMessageContaining("onnx/model.onnx").hasMessageContaining("more than the " + ONNX.length)
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.CORRUPT);
        assertThat(mostWritten.get()).isLessThanOrEqualTo(ONNX.length);
        assertThat(blobNames()).noneMatch(n -> n.startsWith(FakeHub.sha256(ONNX)));
        // refused at once, not retried: the CDN saw one request
        assertThat(hub.count("GET", FakeHub.sha256(ONNX))).isEqualTo(1);
    }

    @Test
    void aSmallFileLongerThanAdvertisedIsRefusedToo() throws IOException {
        hub.oversized("config.json", 1_000_000);

        assertRefused(REPO).hasMessageContaining("config.json")
                .hasMessageContaining("more than the " + CONFIG.length() + " bytes");
        assertThat(blobNames()).isEmpty();
    }

    /** A guard rather than a fix: a SHA-256 etag was already checked; the body must stay refused. */
    @Test
    void aCorruptedLfsBodyIsRefusedAndNothingIsCached() throws IOException {
        hub.corrupted("onnx/model.onnx");

        assertRefused(REPO).hasMessageContaining("onnx/model.onnx").hasMessageContaining("SHA-256")
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.CORRUPT);
        assertThat(blobNames()).noneMatch(n -> n.startsWith(FakeHub.sha256(ONNX)));
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/onnx/model.onnx")).doesNotExist();
    }

    @Test
    void aBodyThatSaysNoSizeIsCutAtTheCapAndNothingIsCached() throws IOException {
        hub.unsized("config.json", HubClient.MAX_UNSIZED_BYTES + (1 << 20));

        assertRefused(REPO).hasMessageContaining("config.json").hasMessageContaining("more than 64 MiB without "
                + "saying its size").extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.CORRUPT);
        assertThat(blobNames()).isEmpty(); // not even the partial file
    }

    @Test
    void aBodyThatStallsCountsAsBrokenAndIsResumed() throws IOException {
        hub.stallAfter("onnx/model.onnx", 1_000, 1);
        ModelDownloader downloader = new ModelDownloader(new HubClient(HubFixture.settings(hub, cache),
                DownloadListener.QUIET, 3, Duration.ofSeconds(1)), new HubCache(cache));

        Path snapshot = downloader.download(RepoId.parse(REPO), null);
        assertThat(Files.readAllBytes(snapshot.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        // the second request resumed after the 1,000 bytes the stalled one had sent
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn") && r.method().equals("GET"))
                .extracting(FakeHub.Request::range).containsExactly(null, "bytes=1000-");
    }

    @Test
    void aFileOfAnotherCommitThanThePinnedOneIsRefused() throws IOException {
        hub.header(FakeHub.EVERY_PATH, "X-Repo-Commit", HubFixture.COMMIT_2);

        assertRefused(REPO + "@" + COMMIT_1).hasMessageContaining("at commit " + COMMIT_1)
                .hasMessageContaining("answered for commit " + HubFixture.COMMIT_2);
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/config.json")).doesNotExist();
    }

    @Test
    void controlCharactersFromTheServerNeverReachTheMessage() {
        hub.header("config.json", "ETag", "\"\u001b]0;pwned\u0007\"");

        assertRefused(REPO).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007")
                .contains("\\u001b"));
    }

    @Test
    void oddRedirectsAreClearErrors() {
        for (String location : List.of("http:///x", "ftp://example.org/x", "file:///etc/passwd", "http://[bad",
                "")) {
            hub.header("onnx/model.onnx", "Location", location);
            assertRefused(REPO).as(location).hasMessageContaining("Location")
                    .hasMessageContaining("'" + location + "'").hasMessageContaining("onnx/model.onnx");
        }
    }

    @Test
    void anUnreadableSizeIsAClearError() {
        hub.header("onnx/model.onnx", "X-Linked-Size", "lots");

        assertRefused(REPO).hasMessageContaining("X-Linked-Size").hasMessageContaining("'lots'");
    }

    @Test
    void pathLikeRevisionsAreRefusedBeforeAnythingIsWritten() throws IOException {
        for (String revision : List.of(".", "a/./b", "refs//x", "refs/", "x\\..\\y", "..")) {
            assertThatThrownBy(() -> RepoId.parse(REPO + "@" + revision)).as(revision)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision")
                    .hasMessageContaining(revision);
        }
        // and the cache itself refuses them, whoever asks
        HubCache hubCache = new HubCache(cache, Duration.ofSeconds(1));
        for (String revision : List.of(".", "..", "../../x", tmp.resolve("victim").toString())) {
            assertThatThrownBy(() -> hubCache.writeRef(REPO, revision, COMMIT_1)).as(revision)
                    .isInstanceOf(HubException.class).hasMessageContaining(revision);
        }
        assertThat(repoDir().resolve("refs")).doesNotExist();
        // a revision of nested refs (refs/pr/1) is a legitimate one
        hubCache.writeRef(REPO, "refs/pr/1", COMMIT_1);
        assertThat(Files.readString(repoDir().resolve("refs/refs/pr/1"), StandardCharsets.UTF_8)).isEqualTo(COMMIT_1);
    }

    @Test
    void anOnnxFileOutsideTheRepositoryIsRefused() {
        for (String onnx : List.of("../../escaped.onnx", "onnx/../../../escaped.onnx",
                tmp.resolve("victim.onnx").toString(), "onnx//model.onnx", "./model.onnx")) {
            assertThatThrownBy(() -> download(REPO, onnx)).as(onnx)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ONNX file")
                    .hasMessageContaining(onnx);
        }
        assertThat(hub.requests()).noneMatch(r -> r.path().contains("escaped"));
    }

    @Test
    void everyCachePathIsCheckedInOnePlace() {
        HubCache hubCache = new HubCache(cache);
        String outside = tmp.resolve("victim").toString();
        for (String bad : List.of("..", "../x", outside, "a/../../b", "")) {
            assertThatThrownBy(() -> hubCache.blob(REPO, bad)).as(bad).isInstanceOf(HubException.class)
                    .hasMessageContaining("outside the cache");
            assertThatThrownBy(() -> hubCache.snapshot(REPO, bad)).isInstanceOf(HubException.class);
            assertThatThrownBy(() -> hubCache.lockFile(REPO, bad)).isInstanceOf(HubException.class);
            assertThatThrownBy(() -> hubCache.cached(REPO, COMMIT_1, bad)).isInstanceOf(HubException.class);
            assertThatThrownBy(() -> hubCache.markMissing(REPO, COMMIT_1, bad)).isInstanceOf(HubException.class);
            assertThatThrownBy(() -> hubCache.commitOf(REPO, bad)).isInstanceOf(HubException.class);
        }
    }
}
