package dev.rejection.hub;

import dev.rejection.testing.FakeHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** A tiny fake model on a {@link FakeHub}, and settings that point at it. */
final class HubFixture {
    static final String REPO = "acme/tiny-rejection";
    static final String COMMIT_1 = "1111111111111111111111111111111111111111";
    static final String COMMIT_2 = "2222222222222222222222222222222222222222";
    static final String CONFIG = "{\"model_type\":\"roberta\",\"id2label\":{\"0\":\"NORMAL\",\"1\":\"REJECTION\"}}";
    static final String TOKENIZER = "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}";
    static final String TOKENIZER_CONFIG = "{\"model_max_length\":512}";
    /** Big enough to be cut mid-file, small enough to be quick. */
    static final byte[] ONNX = bytes(200_000, 7);

    private HubFixture() {
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The tiny model at {@link #COMMIT_1} on main. */
    static FakeHub publish(FakeHub hub) {
        return hub.file(REPO, "main", COMMIT_1, "config.json", CONFIG)
                .file(REPO, "main", COMMIT_1, "tokenizer.json", TOKENIZER)
                .file(REPO, "main", COMMIT_1, "tokenizer_config.json", TOKENIZER_CONFIG)
                .file(REPO, "main", COMMIT_1, "onnx/model.onnx", ONNX);
    }

    static HubSettings settings(FakeHub hub, Path cache, String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("HF_ENDPOINT", hub.endpoint());
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_HOME", cache.resolveSibling(cache.getFileName() + "-home").toString());
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return HubSettings.fromEnvironment(env, cache.resolveSibling("home"));
    }

    static ModelDownloader downloader(HubSettings settings) {
        return new ModelDownloader(new HubClient(settings), new HubCache(settings.cacheDir()));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
