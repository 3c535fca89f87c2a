package dev.rejection.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the Hub is, who we are to it, where its files are cached and whether we may reach it at all — read from
 * the environment variables huggingface_hub reads, so that both tools agree.
 *
 * @param endpoint    the Hub's base URL without a trailing slash ({@code HF_ENDPOINT}, default the public Hub)
 * @param token       the access token, or null ({@code HF_TOKEN}, else the token file {@code huggingface-cli login}
 *                    writes)
 * @param tokenSource where the token came from, for messages (an environment variable or a file), or null
 * @param cacheDir    the hub cache folder ({@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 *                    {@code ~/.cache/huggingface/hub})
 * @param offline     {@code HF_HUB_OFFLINE}: use only what is cached, never the network
 */
public record HubSettings(String endpoint, String token, String tokenSource, Path cacheDir, boolean offline) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** The values huggingface_hub takes as true for a boolean variable. */
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("the Hub endpoint is empty");
        }
        endpoint = endpoint.strip().replaceAll("/+$", "");
        checkEndpoint(endpoint);
        if (cacheDir == null) {
            throw new IllegalArgumentException("the Hub cache directory is not set");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token == null) {
            tokenSource = null;
        }
    }

    /** Refuses an endpoint that is not an http(s) URL with a host, naming HF_ENDPOINT, where it comes from. */
    private static void checkEndpoint(String endpoint) {
        String problem;
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            problem = !scheme.equals("http") && !scheme.equals("https") ? "its scheme is not http or https"
                    : uri.getHost() == null ? "it has no host" : uri.getPort() > 65_535 ? "its port is out of range"
                    : null;
        } catch (URISyntaxException e) {
            problem = e.getReason() + " at index " + e.getIndex();
        }
        if (problem != null) {
            throw new IllegalArgumentException("the Hub endpoint (HF_ENDPOINT) '" + HubException.printable(endpoint)
                    + "' is not an http(s) URL with a host (" + problem + "); e.g. https://huggingface.co");
        }
    }

    /** Settings from this process's environment and the user's home folder. */
    public static HubSettings fromSystem() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Settings from the given environment variables and home folder (injected so that tests do not depend on the
     * machine they run on). Legacy names that huggingface_hub still honours are read after the current ones.
     */
    public static HubSettings fromEnvironment(Map<String, String> env, Path home) {
        String endpoint = first(env, "HF_ENDPOINT");
        Path hfHome = path(env, "HF_HOME");
        if (hfHome == null) {
            Path xdgCache = path(env, "XDG_CACHE_HOME");
            hfHome = (xdgCache != null ? xdgCache : home.resolve(".cache")).resolve("huggingface");
        }
        Path cache = path(env, "HF_HUB_CACHE");
        if (cache == null) {
            cache = path(env, "HUGGINGFACE_HUB_CACHE");
        }
        if (cache == null) {
            cache = hfHome.resolve("hub");
        }
        String offline = first(env, "HF_HUB_OFFLINE");
        if (offline == null) {
            offline = first(env, "TRANSFORMERS_OFFLINE");
        }

        String token = null;
        String tokenSource = null;
        for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            if (token == null && first(env, name) != null) {
                token = first(env, name).strip();
                tokenSource = name;
            }
        }
        if (token == null) {
            Path tokenPath = path(env, "HF_TOKEN_PATH");
            Path file = tokenPath != null ? tokenPath : hfHome.resolve("token");
            token = readToken(file);
            tokenSource = file.toString();
        }
        if (token != null && !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            // the token itself is never quoted: it is a secret, and the message may end up in a log
            throw new IllegalArgumentException("the Hugging Face token from " + tokenSource + " holds a space, a line "
                    + "break or a character outside printable ASCII, which an HTTP header cannot carry");
        }
        return new HubSettings(endpoint != null ? endpoint : DEFAULT_ENDPOINT, token, tokenSource, cache,
                offline != null && TRUE.contains(offline.strip().toUpperCase(Locale.ROOT)));
    }

    /** A copy that uses only the cache. */
    public HubSettings withOffline(boolean offline) {
        return new HubSettings(endpoint, token, tokenSource, cacheDir, offline);
    }

    private static String readToken(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hugging Face token file " + file + ": "
                    + (e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text"
                    : e.getMessage()), e);
        }
    }

    /** An environment variable's value; unset and empty are the same, as in huggingface_hub. */
    private static String first(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Path path(Map<String, String> env, String name) {
        String value = first(env, name);
        return value == null ? null : Path.of(value.strip());
    }
}
