package dev.rejection.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
    @TempDir
    Path home;

    @Test
    void defaultsAreThoseOfHuggingfaceHub() {
        HubSettings s = HubSettings.fromEnvironment(Map.of(), home);

        assertThat(s.endpoint()).isEqualTo("https://huggingface.co");
        assertThat(s.cacheDir()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(s.token()).isNull();
        assertThat(s.offline()).isFalse();
    }

    @Test
    void hfHomeAndXdgCacheHomeMoveTheCache() {
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/data/hf"), home).cacheDir())
                .isEqualTo(Path.of("/data/hf/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), home).cacheDir())
                .isEqualTo(Path.of("/xdg/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/models"), home)
                .cacheDir()).isEqualTo(Path.of("/models"));
        assertThat(HubSettings.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy"), home).cacheDir())
                .isEqualTo(Path.of("/legacy"));
    }

    @Test
    void aTokenAHeaderCannotCarryIsRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_SECRET\nX-Injected: 1"), home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the Hugging Face token from HF_TOKEN holds a space, a line break")
                .hasMessageNotContaining("SECRET");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "  hf_fine  "), home).token()).isEqualTo("hf_fine");
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlWithAHostIsNamed() {
        for (String endpoint : new String[] {"not a url", "ftp://mirror.example", "http://127.0.0.1:99999",
                "127.0.0.1:9", "http:///x", "mirror\u001b[31m"}) {
            assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", endpoint), home))
                    .as(endpoint).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the Hub endpoint (HF_ENDPOINT)")
                    .hasMessageContaining("is not an http(s) URL with a host")
                    .hasMessageNotContaining("\u001b[");
        }
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://127.0.0.1:8080"), home).endpoint())
                .isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void aTokenFileThatIsNotUtf8SaysSo() throws IOException {
        Path file = Files.write(home.resolve("token-file"), new byte[] {(byte) 0xff, 'x'});
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_TOKEN_PATH", file.toString()), home))
                .hasMessageContaining("cannot read the Hugging Face token file " + file + ": it is not UTF-8 text");
    }

    @Test
    void theEndpointLosesItsTrailingSlash() {
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://mirror.example/hf/"), home).endpoint())
                .isEqualTo("https://mirror.example/hf");
    }

    @Test
    void hfTokenWinsOverTheTokenFile() throws IOException {
        Path hfHome = Files.createDirectories(home.resolve(".cache/huggingface"));
        Files.writeString(hfHome.resolve("token"), "hf_file\n");

        HubSettings fromFile = HubSettings.fromEnvironment(Map.of(), home);
        assertThat(fromFile.token()).isEqualTo("hf_file");
        assertThat(fromFile.tokenSource()).isEqualTo(hfHome.resolve("token").toString());

        HubSettings fromEnv = HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), home);
        assertThat(fromEnv.token()).isEqualTo("hf_env");
        assertThat(fromEnv.tokenSource()).isEqualTo("HF_TOKEN");
    }

    @Test
    void hfTokenPathNamesAnotherTokenFile() throws IOException {
        Path file = Files.writeString(home.resolve("my-token"), "  hf_elsewhere  ");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN_PATH", file.toString()), home).token())
                .isEqualTo("hf_elsewhere");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN_PATH", home.resolve("none").toString()), home)
                .token()).isNull();
    }

    @Test
    void offlineTakesTheValuesHuggingfaceHubTakesAsTrue() {
        for (String yes : new String[] {"1", "true", "TRUE", "yes", "on"}) {
            assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", yes), home).offline()).as(yes).isTrue();
        }
        for (String no : new String[] {"0", "false", "no", ""}) {
            assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", no), home).offline()).as(no).isFalse();
        }
        assertThat(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1"), home).offline()).isTrue();
    }
}
