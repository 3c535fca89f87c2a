package dev.rejection.hub;

import static dev.rejection.hub.HubFixture.COMMIT_1;
import static dev.rejection.hub.HubFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rejection.testing.FakeHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ModelLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void anExistingDirectoryIsItself() throws IOException {
        try (FakeHub hub = FakeHub.start()) {
            Path dir = Files.createDirectories(tmp.resolve("acme/tiny-rejection"));
            ModelLocator locator = new ModelLocator(HubFixture.downloader(HubFixture.settings(hub, tmp.resolve("c"))));

            assertThat(locator.locate(dir.toString(), null, null).dir()).isEqualTo(dir);
            assertThat(hub.requests()).isEmpty();
            assertThatThrownBy(() -> locator.locate(dir.toString(), "main", null))
                    .hasMessageContaining("only applies to a Hub model id");
        }
    }

    @Test
    void aHubIdIsDownloaded() throws IOException {
        try (FakeHub hub = HubFixture.publish(FakeHub.start())) {
            ModelLocator locator = new ModelLocator(HubFixture.downloader(HubFixture.settings(hub, tmp.resolve("c"))));

            ModelLocator.Located located = locator.locate(REPO, null, null);

            assertThat(located.dir()).isEqualTo(tmp.resolve("c/models--acme--tiny-rejection/snapshots/" + COMMIT_1));
            assertThat(located.hubId()).contains(new RepoId(REPO, "main"));
            assertThat(located.known()).isEmpty();
            assertThat(locator.locate(REPO, COMMIT_1, null).dir()).isEqualTo(located.dir());
        }
    }

    @Test
    void aTokenizerAloneLeavesTheOnnxFileOnTheHub() throws IOException {
        try (FakeHub hub = HubFixture.publish(FakeHub.start())) {
            ModelLocator locator = new ModelLocator(HubFixture.downloader(HubFixture.settings(hub, tmp.resolve("c"))));

            Path dir = locator.locateTokenizer(REPO, null).dir();

            assertThat(dir.resolve("tokenizer.json")).exists();
            assertThat(dir.resolve("tokenizer_config.json")).exists();
            assertThat(dir.resolve("onnx/model.onnx")).doesNotExist();
            assertThat(hub.requests()).noneMatch(r -> r.path().endsWith(".onnx"));
        }
    }

    @Test
    void aKnownModelGetsItsPinnedRevisionAndOnnxFile() throws IOException {
        KnownModels.KnownModel protectai = KnownModels.PROTECTAI_REJECTION;
        try (FakeHub hub = FakeHub.start()) {
            // main has moved on; the pinned commit is what we get, with onnx/model.onnx even though model.onnx exists
            hub.file(protectai.repo(), "main", protectai.revision(), "config.json", HubFixture.CONFIG)
                    .file(protectai.repo(), "main", protectai.revision(), "tokenizer.json", HubFixture.TOKENIZER)
                    .file(protectai.repo(), "main", protectai.revision(), "onnx/model.onnx", HubFixture.ONNX)
                    .file(protectai.repo(), "main", protectai.revision(), "model.onnx", new byte[] {1, 2, 3})
                    .file(protectai.repo(), "main", HubFixture.COMMIT_2, "config.json", "{}");
            ModelLocator locator = new ModelLocator(HubFixture.downloader(HubFixture.settings(hub, tmp.resolve("c"))));

            ModelLocator.Located located = locator.locate(protectai.repo(), null, null);

            assertThat(located.dir().getFileName().toString()).isEqualTo(protectai.revision());
            assertThat(located.known()).contains(protectai);
            assertThat(located.dir().resolve("onnx/model.onnx")).exists();
            assertThat(located.dir().resolve("model.onnx")).doesNotExist();
            assertThat(hub.requests()).noneMatch(r -> r.path().contains("/resolve/main/"));
        }
    }

    @Test
    void somethingElseIsNamed() throws IOException {
        try (FakeHub hub = FakeHub.start()) {
            ModelLocator locator = new ModelLocator(HubFixture.downloader(HubFixture.settings(hub, tmp.resolve("c"))));
            assertThatThrownBy(() -> locator.locate("./no/such/dir", null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model directory not found: ./no/such/dir (nor is it a Hub model id");
            assertThatThrownBy(() -> locator.locate(tmp.resolve("missing").toString(), null, null))
                    .hasMessageContaining("model directory not found: " + tmp.resolve("missing"));
            Path file = java.nio.file.Files.writeString(tmp.resolve("notes.txt"), "mine");
            assertThatThrownBy(() -> locator.locate(file.toString(), null, null))
                    .hasMessageContaining(file + " is a file, not a model directory");
        }
    }

    @Test
    void twoRevisionsThatDisagreeAreRefusedBeforeTheHubIsAsked() {
        ModelLocator locator = new ModelLocator(() -> {
            throw new AssertionError("the Hub must not be asked");
        });
        assertThatThrownBy(() -> locator.locate("org/name@v1", "v2", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two revisions given: v1 in org/name@v1 and v2 as --revision; give one");
    }

    @Test
    void aLocalDirectoryIsFoundWithoutMakingADownloader() throws IOException {
        ModelLocator locator = new ModelLocator(() -> {
            throw new IllegalArgumentException("as a bad HF_ENDPOINT would");
        });
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("local"));
        assertThat(locator.locate(dir.toString(), null, null).dir()).isEqualTo(dir);
    }

    @Test
    void theKnownModelsTableHasTheProtectAiModelPinned() {
        assertThat(KnownModels.find("protectai/DISTILROBERTA-base-rejection-v1")).contains(KnownModels.PROTECTAI_REJECTION);
        assertThat(KnownModels.PROTECTAI_REJECTION.revision()).isEqualTo("65584967c3f22ff7723e5370c65e0e76791e6055");
        assertThat(KnownModels.PROTECTAI_REJECTION.labels()).containsExactly("NORMAL", "REJECTION");
    }
}
