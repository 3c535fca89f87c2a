package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rejection.hub.HubSettings;
import dev.rejection.hub.KnownModels;
import dev.rejection.testing.FakeHub;
import dev.rejection.testing.StandIns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code download}, {@code models} and {@code --model org/name} against a fake Hub on loopback. */
@Timeout(60)
class HubCommandsTest {
    private static final String REPO = "acme/standin-bert";
    private static final String COMMIT = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";

    @TempDir
    Path tmp;
    FakeHub hub;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        hub = FakeHub.start().model(REPO, "main", COMMIT, StandIns.bertTiny());
        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HOME", tmp.resolve("hf").toString());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        HubSettings settings = HubSettings.fromEnvironment(env, tmp.resolve("home"));
        int exit = Main.commandLine(new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err, true),
                () -> settings).execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** A run whose Hub settings are read from {@code env} only when a command asks for them, as main's are. */
    private CliRun runLazily(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err, true),
                () -> HubSettings.fromEnvironment(env, tmp.resolve("home"))).execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void badHubSettingsAreUsageErrorsAndDoNotStandInTheWayOfALocalModel() {
        env.put("HF_ENDPOINT", "not a url");
        CliRun local = runLazily("tokenize", "--model", StandIns.bertTiny().toString(), "hello");
        assertThat(local.exit()).as(local.err()).isZero();
        assertThat(local.out()).contains("\"ids\"");

        CliRun hubModel = runLazily("download", REPO);
        assertThat(hubModel.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(hubModel.err()).contains("the Hub endpoint (HF_ENDPOINT) 'not a url' is not an http(s) URL")
                .doesNotContain("Exception");

        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_TOKEN", "two words");
        CliRun models = runLazily("models");
        assertThat(models.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(models.err()).contains("the Hugging Face token from HF_TOKEN holds a space")
                .doesNotContain("two words", "at dev.rejection");
    }

    private Path snapshot() {
        return tmp.resolve("hf/hub/models--acme--standin-bert/snapshots").resolve(COMMIT);
    }

    @Test
    void pathLikeRevisionsAndOnnxFilesAreUsageErrorsThatWriteNothing() throws IOException {
        for (String[] args : new String[][] {{"download", REPO, "--revision", "."},
                {"download", REPO, "--revision", "../../x"}, {"classify", "--model", REPO + "@.", "hi"},
                {"download", REPO, "--onnx-file", "../../escaped.onnx"},
                {"classify", "--model", REPO, "--onnx-file", tmp.resolve("victim.onnx").toString(), "hi"}}) {
            CliRun refused = run(args);
            assertThat(refused.exit()).as(String.join(" ", args) + ": " + refused.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.err()).doesNotContain("a bug");
        }
        assertThat(tmp.resolve("hf/hub/models--acme--standin-bert/refs")).doesNotExist();
        assertThat(hub.requests()).noneMatch(r -> r.path().contains("escaped") || r.path().contains("victim"));
        try (var all = Files.walk(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.contains("escaped") || n.contains("victim"));
        }
    }

    @Test
    void downloadPrintsTheSnapshotDirectoryAndARerunUsesTheCache() throws IOException {
        CliRun first = run("download", REPO);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out().strip()).isEqualTo(snapshot().toString());
        assertThat(snapshot().resolve("onnx/model.onnx")).isRegularFile();

        hub.clearRequests();
        CliRun pinned = run("download", REPO, "--revision", COMMIT);
        assertThat(pinned.out().strip()).isEqualTo(snapshot().toString());
        assertThat(hub.requests()).isEmpty();

        env.put("HF_HUB_OFFLINE", "1");
        assertThat(run("download", REPO).out().strip()).isEqualTo(snapshot().toString());
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void classifyAcceptsAHubId() throws IOException {
        CliRun run = run("classify", "--model", REPO, "-f", "jsonl", "I'm sorry, but I can't help with that.");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode verdict = JsonMapper.builder().build().readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(verdict.get("label").asText()).isIn("NORMAL", "REJECTION");
        assertThat(verdict.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(snapshot().resolve("config.json")).isRegularFile();
    }

    @Test
    void tokenizeAcceptsAHubIdAndFetchesNoOnnx() {
        CliRun run = run("tokenize", "--model", REPO, "hello world");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"tokens\"");
        assertThat(hub.requests()).noneMatch(r -> r.path().endsWith(".onnx"));
    }

    @Test
    void aModelThatCannotBeHadIsAUsageErrorNamingIt() {
        CliRun missing = run("download", "acme/nothing-here");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot get model acme/nothing-here").contains("not found");

        hub.gated(REPO, "hf_secret");
        CliRun gated = run("classify", "--model", REPO, "hi");
        assertThat(gated.exit()).isEqualTo(2);
        assertThat(gated.err()).contains("gated").contains("HF_TOKEN");

        env.put("HF_HUB_OFFLINE", "1");
        CliRun offline = run("download", "acme/other");
        assertThat(offline.exit()).isEqualTo(2);
        assertThat(offline.err()).contains("offline").contains("acme/other").contains("revision main")
                .contains("config.json");

        assertThat(run("download", "not an id").err()).contains("not a Hub model id");
    }

    @Test
    void modelsListsTheKnownModelsWithTheirPinnedRevision() throws IOException {
        CliRun run = run("models");

        assertThat(run.exit()).isZero();
        KnownModels.KnownModel protectai = KnownModels.PROTECTAI_REJECTION;
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("MODEL").contains("REVISION")
                .contains("CACHED");
        assertThat(run.out()).contains(protectai.repo()).contains(protectai.revision()).contains("onnx/model.onnx")
                .contains("512").contains("0.5").contains("NORMAL/REJECTION");
        assertThat(run.out().lines().filter(l -> l.startsWith(protectai.repo())).findFirst().orElseThrow())
                .endsWith("no");
        assertThat(Files.exists(tmp.resolve("hf/hub"))).isFalse(); // listing downloads nothing
    }
}
