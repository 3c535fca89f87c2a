package dev.rejection.hub;

import static dev.rejection.hub.HubFixture.COMMIT_1;
import static dev.rejection.hub.HubFixture.CONFIG;
import static dev.rejection.hub.HubFixture.ONNX;
import static dev.rejection.hub.HubFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rejection.testing.FakeHub;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class HubClientTest {
    @TempDir
    Path tmp;
    FakeHub hub;

    @BeforeEach
    void start() throws IOException {
        hub = HubFixture.publish(FakeHub.start());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubClient client(String... env) {
        return new HubClient(HubFixture.settings(hub, tmp.resolve("hub"), env));
    }

    @Test
    void resolveUrlsFollowTheHubsScheme() {
        HubClient client = new HubClient(HubSettings.fromEnvironment(
                java.util.Map.of("HF_ENDPOINT", "https://hub.example/"), tmp));
        assertThat(client.resolveUrl("org/name", "main", "onnx/model.onnx"))
                .isEqualTo(URI.create("https://hub.example/org/name/resolve/main/onnx/model.onnx"));
        assertThat(client.resolveUrl("org/name", "refs/pr/1", "a b.json"))
                .isEqualTo(URI.create("https://hub.example/org/name/resolve/refs%2Fpr%2F1/a%20b.json"));
    }

    @Test
    void smallFileMetadataComesFromItsEtagAndLength() {
        FileMetadata file = client().metadata(REPO, "main", "config.json");

        assertThat(file.commit()).isEqualTo(COMMIT_1);
        assertThat(file.etag()).isEqualTo(FakeHub.gitBlobSha1(CONFIG.getBytes(StandardCharsets.UTF_8)));
        assertThat(file.size()).isEqualTo(CONFIG.length());
        assertThat(file.sha256()).isEmpty();
        assertThat(file.location().toString()).startsWith(hub.endpoint() + "/" + REPO + "/resolve/main/");
    }

    @Test
    void lfsFileMetadataComesFromTheLinkedHeadersAndPointsAtTheCdn() {
        FileMetadata file = client().metadata(REPO, "main", "onnx/model.onnx");

        assertThat(file.etag()).isEqualTo(FakeHub.sha256(ONNX));
        assertThat(file.sha256()).contains(FakeHub.sha256(ONNX));
        assertThat(file.size()).isEqualTo(ONNX.length);
        assertThat(file.location().toString()).doesNotStartWith(hub.endpoint()).contains(FakeHub.sha256(ONNX));
        assertThat(hub.requests()).noneMatch(r -> r.server().equals("cdn")); // metadata stops at the redirect
    }

    @Test
    void etagsAreNormalizedAsHuggingfaceHubDoes() {
        assertThat(FileMetadata.normalizeEtag("\"abc\"")).isEqualTo("abc");
        assertThat(FileMetadata.normalizeEtag("W/\"abc\"")).isEqualTo("abc");
        assertThat(FileMetadata.normalizeEtag("abc")).isEqualTo("abc");
    }

    @Test
    void aGatedModelWithoutATokenSaysToSetHfToken() {
        hub.gated(REPO, "hf_secret");

        assertThatThrownBy(() -> client().metadata(REPO, "main", "config.json"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("gated").hasMessageContaining("no token was sent")
                .hasMessageContaining("HF_TOKEN").hasMessageContaining(hub.endpoint() + "/" + REPO)
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.UNAUTHORIZED);
    }

    @Test
    void aRefusedTokenIsNamedByWhereItCameFrom() {
        hub.gated(REPO, "hf_secret");

        assertThatThrownBy(() -> client("HF_TOKEN", "hf_wrong").metadata(REPO, "main", "config.json"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("the token from HF_TOKEN was refused");
    }

    @Test
    void aGatedModelDownloadsWithItsTokenWhichNeverReachesTheCdn() throws IOException {
        hub.gated(REPO, "hf_secret");
        Path cache = tmp.resolve("hub");

        Path dir = HubFixture.downloader(HubFixture.settings(hub, cache, "HF_TOKEN", "hf_secret"))
                .download(RepoId.parse(REPO), null);

        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx"))).isEqualTo(ONNX);
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("hub"))
                .allMatch(r -> "Bearer hf_secret".equals(r.authorization()));
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                .allMatch(r -> r.authorization() == null);
    }

    @Test
    void theTokenFileThatHuggingfaceCliWritesIsUsed() throws IOException {
        hub.gated(REPO, "hf_from_file");
        Path home = Files.createDirectories(tmp.resolve("hfhome"));
        Files.writeString(home.resolve("token"), "hf_from_file\n");

        FileMetadata file = client("HF_HOME", home.toString()).metadata(REPO, "main", "config.json");

        assertThat(file.commit()).isEqualTo(COMMIT_1);
    }

    @Test
    void aServerErrorIsReportedWithItsStatus() {
        hub.fail("config.json", 503, 1);

        assertThatThrownBy(() -> client().metadata(REPO, "main", "config.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining("try again later");
    }

    @Test
    void somethingThatIsNotAHubIsCalledOut() throws IOException {
        try (FakeHub other = FakeHub.start()) {
            HubClient client = new HubClient(HubSettings.fromEnvironment(
                    java.util.Map.of("HF_ENDPOINT", other.endpoint() + "/not-a-hub"), tmp));
            assertThatThrownBy(() -> client.metadata(REPO, "main", "config.json"))
                    .isInstanceOf(HubException.class).hasMessageContaining(REPO);
        }
    }

    @Test
    void anUnreachableHubSaysSoAndSuggestsOfflineMode() throws IOException {
        String endpoint = hub.endpoint();
        hub.close();
        HubClient client = new HubClient(HubSettings.fromEnvironment(java.util.Map.of("HF_ENDPOINT", endpoint), tmp));

        assertThatThrownBy(() -> client.metadata(REPO, "main", "config.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("cannot reach the Hub")
                .hasMessageContaining("HF_HUB_OFFLINE=1")
                .extracting(e -> ((HubException) e).reason()).isEqualTo(HubException.Reason.NETWORK);
    }

    @Test
    void originsDecideWhereTheTokenGoes() {
        assertThat(HubClient.sameOrigin(URI.create("https://huggingface.co/a"), URI.create("https://huggingface.co:443/b")))
                .isTrue();
        assertThat(HubClient.sameOrigin(URI.create("https://huggingface.co/a"), URI.create("https://cdn-lfs.hf.co/b")))
                .isFalse();
        assertThat(HubClient.sameOrigin(URI.create("http://127.0.0.1:1/a"), URI.create("http://127.0.0.1:2/a")))
                .isFalse();
    }
}
