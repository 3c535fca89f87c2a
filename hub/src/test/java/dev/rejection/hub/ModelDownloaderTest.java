package dev.rejection.hub;

import static dev.rejection.hub.HubFixture.COMMIT_1;
import static dev.rejection.hub.HubFixture.COMMIT_2;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ModelDownloaderTest {
    @TempDir
    Path tmp;
    Path cache;
    FakeHub hub;

    @BeforeEach
    void start() throws IOException {
        cache = tmp.resolve("hub");
        hub = HubFixture.publish(FakeHub.start());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Path download(String model) {
        return HubFixture.downloader(HubFixture.settings(hub, cache)).download(RepoId.parse(model), null);
    }

    private Path repoDir() {
        return cache.resolve("models--acme--tiny-rejection");
    }

    @Test
    void freshDownloadLaysOutTheCacheAsHuggingfaceHubDoes() throws IOException {
        Path dir = download(REPO);

        assertThat(dir).isEqualTo(repoDir().resolve("snapshots").resolve(COMMIT_1));
        assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(CONFIG);
        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        // relative symlinks into blobs/, named by the unquoted etag: git SHA-1 for small files, SHA-256 for LFS
        String configSha1 = FakeHub.gitBlobSha1(CONFIG.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readSymbolicLink(dir.resolve("config.json")))
                .isEqualTo(Path.of("..", "..", "blobs", configSha1));
        assertThat(Files.readSymbolicLink(dir.resolve("onnx/model.onnx")))
                .isEqualTo(Path.of("..", "..", "..", "blobs", FakeHub.sha256(ONNX)));
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(COMMIT_1);
        assertThat(cache.resolve(".locks/models--acme--tiny-rejection/" + FakeHub.sha256(ONNX) + ".lock")).exists();
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incomplete"));
        }
        // optional files the repository lacks are remembered, as huggingface_hub does
        assertThat(repoDir().resolve(".no_exist/" + COMMIT_1 + "/special_tokens_map.json")).exists();
        // no legacy tokenizer files are asked for when tokenizer.json exists; model.onnx is tried before onnx/
        assertThat(hub.count("HEAD", "/vocab.json")).isZero();
        assertThat(hub.count("HEAD", "/resolve/main/config.json")).isEqualTo(1);
        assertThat(hub.count("HEAD", "/resolve/" + COMMIT_1 + "/model.onnx")).isEqualTo(1);
        // the CDN got the bytes request, without the token
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).hasSize(1)
                .allMatch(r -> r.authorization() == null);
    }

    @Test
    void cachedModelAtACommitNeedsNoRequest() {
        Path first = download(REPO + "@" + COMMIT_1);
        hub.clearRequests();

        Path again = download(REPO + "@" + COMMIT_1);

        assertThat(again).isEqualTo(first);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void cachedModelOnABranchCostsOneMetadataRequestAndNoDownload() {
        Path first = download(REPO);
        hub.clearRequests();

        Path again = download(REPO);

        assertThat(again).isEqualTo(first);
        assertThat(hub.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("HEAD /" + REPO
                        + "/resolve/main/config.json"));
    }

    @Test
    void aNewRevisionGetsItsOwnSnapshotAndReusesUnchangedBlobs() throws IOException {
        Path old = download(REPO);
        String newConfig = CONFIG.replace("roberta", "roberta-v2");
        hub.file(REPO, "main", COMMIT_2, "config.json", newConfig)
                .file(REPO, "main", COMMIT_2, "tokenizer.json", HubFixture.TOKENIZER)
                .file(REPO, "main", COMMIT_2, "onnx/model.onnx", ONNX);
        hub.clearRequests();

        Path now = download(REPO);

        assertThat(now).isEqualTo(repoDir().resolve("snapshots").resolve(COMMIT_2));
        assertThat(Files.readString(now.resolve("config.json"))).isEqualTo(newConfig);
        assertThat(Files.readString(old.resolve("config.json"))).isEqualTo(CONFIG);
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(COMMIT_2);
        assertThat(Files.readAllBytes(now.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        assertThat(hub.requests()).noneMatch(r -> r.server().equals("cdn")); // same blob: not downloaded again
        assertThat(download(REPO + "@" + COMMIT_1)).isEqualTo(old);
    }

    @Test
    void aMissingRequiredFileIsNamed() {
        ModelDownloader downloader = HubFixture.downloader(HubFixture.settings(hub, cache));

        assertThatThrownBy(() -> downloader.download(RepoId.parse(REPO), "onnx/model_quantized.onnx"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("onnx/model_quantized.onnx").hasMessageContaining(REPO)
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.FILE_NOT_FOUND);
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/onnx/model_quantized.onnx")).doesNotExist();
    }

    @Test
    void aMissingRepositoryOrRevisionIsNamed() {
        assertThatThrownBy(() -> download("acme/no-such-model"))
                .isInstanceOf(HubException.class).hasMessageContaining("acme/no-such-model")
                .hasMessageContaining("not found").hasMessageContaining("HF_TOKEN");
        assertThatThrownBy(() -> download(REPO + "@v9"))
                .isInstanceOf(HubException.class).hasMessageContaining("revision v9 not found in " + REPO);
    }

    @Test
    void aModelWithoutTokenizerOrOnnxIsRefusedNamingWhatIsMissing() {
        hub.file("acme/bare", "main", COMMIT_1, "config.json", CONFIG);
        assertThatThrownBy(() -> download("acme/bare")).isInstanceOf(HubException.class)
                .hasMessageContaining("no tokenizer in acme/bare@main").hasMessageContaining("vocab.txt");
        // a new commit: files at a commit never change, and the first run remembered vocab.txt as missing
        hub.file("acme/bare", "main", COMMIT_2, "config.json", CONFIG)
                .file("acme/bare", "main", COMMIT_2, "vocab.txt", "[PAD]\n[UNK]\n");
        assertThatThrownBy(() -> download("acme/bare")).isInstanceOf(HubException.class)
                .hasMessageContaining("no ONNX model in acme/bare@main").hasMessageContaining("onnx/model.onnx");
    }

    @Test
    void legacyTokenizerFilesAreFetchedWhenThereIsNoTokenizerJson() throws IOException {
        hub.file("acme/legacy", "main", COMMIT_1, "config.json", CONFIG)
                .file("acme/legacy", "main", COMMIT_1, "vocab.json", "{\"<s>\":0}")
                .file("acme/legacy", "main", COMMIT_1, "merges.txt", "#version: 0.2\n")
                .file("acme/legacy", "main", COMMIT_1, "model.onnx", ONNX);

        Path dir = download("acme/legacy");

        assertThat(Files.readString(dir.resolve("merges.txt"))).isEqualTo("#version: 0.2\n");
        assertThat(dir.resolve("model.onnx")).exists();
        assertThat(dir.resolve("onnx")).doesNotExist();
    }

    @Test
    void serverErrorsFailClearlyAndLeaveNothingBehind() {
        hub.fail("config.json", 500, 1);

        assertThatThrownBy(() -> download(REPO)).isInstanceOf(HubException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("config.json")
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.SERVER_ERROR);
        assertThat(repoDir().resolve("snapshots")).doesNotExist();

        assertThat(download(REPO).resolve("config.json")).exists(); // the next try works
    }

    @Test
    void weakEtagsAreStoredWithoutTheirMarkerAndQuotes() {
        hub.weakEtags();
        download(REPO);
        assertThat(repoDir().resolve("blobs").resolve(FakeHub.gitBlobSha1(CONFIG.getBytes(StandardCharsets.UTF_8))))
                .isRegularFile();
    }

    @Test
    void aBrokenConnectionIsResumedWithARangeRequest() throws IOException {
        hub.dropAfter("onnx/model.onnx", 50_000, 1);

        Path dir = download(REPO);

        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        List<String> ranges = hub.requests().stream().filter(r -> r.server().equals("cdn"))
                .map(FakeHub.Request::range).toList();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isNull();
        // resumed where the saved bytes end: the 50,000 sent, or fewer when the reset discarded a buffered tail
        assertThat(ranges.get(1)).matches("bytes=\\d+-");
        assertThat(Long.parseLong(ranges.get(1).substring(6, ranges.get(1).length() - 1))).isBetween(1L, 50_000L);
    }

    @Test
    void aDownloadThatBreaksForGoodLeavesOnlyAPartialFileAndTheNextRunResumesIt() throws IOException {
        hub.dropAfter("onnx/model.onnx", 80_000, 1);
        HubSettings settings = HubFixture.settings(hub, cache);
        ModelDownloader noRetries = new ModelDownloader(new HubClient(settings, DownloadListener.QUIET, 0),
                new HubCache(cache));

        assertThatThrownBy(() -> noRetries.download(RepoId.parse(REPO), null)).isInstanceOf(HubException.class)
                .hasMessageContaining("onnx/model.onnx").hasMessageContaining("run again to resume");
        Path blob = repoDir().resolve("blobs").resolve(FakeHub.sha256(ONNX));
        assertThat(blob).doesNotExist();
        // what arrived before the break: the 80,000 bytes sent, or fewer when the connection's reset discards the
        // tail still in the socket's buffers (seen on a loaded machine: 65,434), but always the file's first bytes
        Path partial = blob.resolveSibling(blob.getFileName() + ".incomplete");
        long saved = Files.size(partial);
        assertThat(saved).isBetween(1L, 80_000L);
        assertThat(Files.readAllBytes(partial)).isEqualTo(Arrays.copyOf(ONNX, (int) saved));
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/onnx/model.onnx")).doesNotExist();

        Path dir = noRetries.download(RepoId.parse(REPO), null);

        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).last()
                .extracting(FakeHub.Request::range).isEqualTo("bytes=" + saved + "-");
        assertThat(blob.resolveSibling(blob.getFileName() + ".incomplete")).doesNotExist();
    }

    @Test
    void aChecksumMismatchIsRejectedAndNothingIsKept() {
        hub.wrongSha256("onnx/model.onnx");

        assertThatThrownBy(() -> download(REPO)).isInstanceOf(HubException.class)
                .hasMessageContaining("onnx/model.onnx").hasMessageContaining("SHA-256")
                .hasMessageContaining("corrupt")
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.CORRUPT);
        try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.length() >= 64); // neither the blob nor its .incomplete
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(repoDir().resolve("snapshots/" + COMMIT_1 + "/onnx/model.onnx")).doesNotExist();
    }

    @Test
    void twoClientsDownloadingTheSameModelFetchItOnce() throws Exception {
        hub.holdUntilHeads("onnx/model.onnx", 2); // both have asked before either gets the bytes
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Path> dirs;
        try {
            Future<Path> a = pool.submit(() -> download(REPO));
            Future<Path> b = pool.submit(() -> download(REPO));
            dirs = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertThat(dirs.get(0)).isEqualTo(dirs.get(1));
        assertThat(Files.readAllBytes(dirs.get(0).resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        assertThat(hub.count("GET", FakeHub.sha256(ONNX))).isEqualTo(1);
    }

    @Test
    void twoProcessesDownloadingTheSameModelFetchItOnce() throws Exception {
        hub.holdUntilHeads("onnx/model.onnx", 2);
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                DownloadInAnotherProcess.class.getName(), hub.endpoint(), cache.toString(), REPO)
                .redirectErrorStream(true).start();
        try {
            Path here = download(REPO);
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(output).isZero();
            assertThat(output.strip().lines().reduce((x, y) -> y).orElse("")).isEqualTo(here.toString());
            assertThat(Files.readAllBytes(here.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
            assertThat(hub.count("GET", FakeHub.sha256(ONNX))).isEqualTo(1);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void offlineUsesTheCacheWithoutTheNetwork() {
        Path online = download(REPO);
        HubSettings offline = HubFixture.settings(hub, cache, "HF_HUB_OFFLINE", "1");
        hub.close(); // nothing to reach

        assertThat(HubFixture.downloader(offline).download(RepoId.parse(REPO), null)).isEqualTo(online);
        assertThat(HubFixture.downloader(offline).download(RepoId.parse(REPO + "@" + COMMIT_1), null))
                .isEqualTo(online);
    }

    @Test
    void offlineWithoutTheModelCachedSaysWhatIsMissing() {
        HubSettings offline = HubFixture.settings(hub, cache, "HF_HUB_OFFLINE", "true");

        assertThatThrownBy(() -> HubFixture.downloader(offline).download(RepoId.parse(REPO), null))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("offline").hasMessageContaining(REPO).hasMessageContaining("revision main")
                .hasMessageContaining("config.json").hasMessageContaining("rejection download " + REPO);
        assertThatThrownBy(() -> HubFixture.downloader(offline).download(RepoId.parse(REPO + "@" + COMMIT_1), null))
                .isInstanceOf(HubException.class).hasMessageContaining("revision " + COMMIT_1)
                .hasMessageContaining("config.json").hasMessageContaining("not in the cache");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineWithoutAnOnnxFileItsAdviceDownloadsThatFile() {
        download(REPO); // config, tokenizer and the default ONNX file
        HubSettings offline = HubFixture.settings(hub, cache, "HF_HUB_OFFLINE", "1");
        assertThatThrownBy(() -> HubFixture.downloader(offline).download(RepoId.parse(REPO),
                "onnx/model_quantized.onnx"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("'rejection download " + REPO + " --onnx-file onnx/model_quantized.onnx'");
    }

    @Test
    void aHubThatRefusesTheConnectionIsSaidInWords() throws java.io.IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        HubSettings settings = HubSettings.fromEnvironment(java.util.Map.of("HF_ENDPOINT",
                "http://127.0.0.1:" + closedPort, "HF_HUB_CACHE", cache.toString()), cache.resolveSibling("home"));
        assertThatThrownBy(() -> HubFixture.downloader(settings).download(RepoId.parse(REPO + "@" + COMMIT_1), null))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("cannot reach the Hub at 127.0.0.1").hasMessageContaining("connection refused")
                .hasMessageNotContaining("ConnectException");
    }

    @Test
    void whenTheHubIsUnreachableACachedBranchIsUsed() {
        Path online = download(REPO);
        HubSettings settings = HubFixture.settings(hub, cache);
        hub.close();

        assertThat(HubFixture.downloader(settings).download(RepoId.parse(REPO), null)).isEqualTo(online);
    }

    @Test
    void aCacheWrittenByHuggingfaceHubIsUsedAsIs() throws IOException {
        // the layout huggingface_hub leaves after hf_hub_download(..., revision="main") of three files
        Path repo = cache.resolve("models--acme--python-made");
        String onnxSha = FakeHub.sha256(ONNX);
        String configSha1 = FakeHub.gitBlobSha1(CONFIG.getBytes(StandardCharsets.UTF_8));
        byte[] tokenizer = HubFixture.TOKENIZER.getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(repo.resolve("blobs"));
        Files.write(repo.resolve("blobs").resolve(onnxSha), ONNX);
        Files.writeString(repo.resolve("blobs").resolve(configSha1), CONFIG);
        Files.write(repo.resolve("blobs").resolve(FakeHub.gitBlobSha1(tokenizer)), tokenizer);
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT_2).resolve("onnx"))
                .getParent();
        Files.createSymbolicLink(snapshot.resolve("config.json"), Path.of("../../blobs/" + configSha1));
        Files.createSymbolicLink(snapshot.resolve("tokenizer.json"),
                Path.of("../../blobs/" + FakeHub.gitBlobSha1(tokenizer)));
        Files.createSymbolicLink(snapshot.resolve("onnx/model.onnx"), Path.of("../../../blobs/" + onnxSha));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT_2);

        HubSettings offline = HubFixture.settings(hub, cache, "HF_HUB_OFFLINE", "1");
        Path dir = HubFixture.downloader(offline).download(RepoId.parse("acme/python-made"), null);

        assertThat(dir).isEqualTo(snapshot);
        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aCachedBlobIsLinkedIntoANewSnapshotWithoutDownloadingIt() throws IOException {
        // blobs are shared across commits: a file another tool already has costs only its metadata request
        download(REPO);
        hub.file(REPO, "v2", COMMIT_2, "config.json", CONFIG).file(REPO, "v2", COMMIT_2, "tokenizer.json",
                HubFixture.TOKENIZER).file(REPO, "v2", COMMIT_2, "model.onnx", ONNX);
        hub.clearRequests();

        Path dir = download(REPO + "@v2");

        assertThat(Files.readAllBytes(dir.resolve("model.onnx"))).isEqualTo(ONNX);
        assertThat(Files.readString(repoDir().resolve("refs/v2"))).isEqualTo(COMMIT_2);
        assertThat(hub.requests()).allMatch(r -> r.method().equals("HEAD"));
    }
}
