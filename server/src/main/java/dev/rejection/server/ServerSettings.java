package dev.rejection.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the server listens, batches and limits requests.
 *
 * @param host           address to bind; loopback by default so that nothing is exposed by accident
 * @param port           TCP port; 0 picks a free one (see {@link RejectionServer#port()})
 * @param maxBatchSize   texts per model call; 1 turns batching across requests off
 * @param maxWait        how long the first request of a batch waits for others to join it
 * @param queueSize      requests that may wait for the model; more are answered 429
 * @param requestTimeout how long after its arrival (read in full) a request may wait for its verdicts, a worker
 *                       thread included, before it is answered 503
 * @param maxBodyBytes   largest request body (413 above)
 * @param maxTexts       texts per request (413 above)
 * @param maxChars       characters (code points) per text (413 above)
 * @param httpThreads    threads that answer requests (once read in full) and wait for their verdicts
 * @param authToken      bearer token required on every endpoint but the health checks and the playground page;
 *                       empty for none
 * @param headerTimeout  longest time from a request's first byte (or a new connection's opening) to the end of its
 *                       headers; the connection is closed past it
 * @param bodyTimeout    longest time to receive a request's body once its headers are in; 408 past it
 * @param ui             whether {@code GET /} serves the playground page (the API is the same either way)
 * @param allowedHosts   {@code Host} names answered besides loopback names and IP addresses ({@code *}: every name);
 *                       empty: every name unless the server listens on a loopback address (see
 *                       {@link CrossSiteGuard})
 */
public record ServerSettings(String host, int port, int maxBatchSize, Duration maxWait, int queueSize,
                             Duration requestTimeout, int maxBodyBytes, int maxTexts, int maxChars, int httpThreads,
                             Optional<String> authToken, Duration headerTimeout, Duration bodyTimeout, boolean ui,
                             List<String> allowedHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BATCH_SIZE = 32;
    public static final int DEFAULT_MAX_WAIT_MS = 2;
    public static final int DEFAULT_QUEUE_SIZE = 256;
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_TEXTS = 64;
    public static final int DEFAULT_MAX_CHARS = 20_000;
    public static final int DEFAULT_HTTP_THREADS = 64;
    public static final int DEFAULT_HEADER_TIMEOUT_MS = 10_000;
    /** The largest --max-body-bytes: a body is held in one array, read with one byte more than the limit. */
    public static final int MAX_BODY_BYTES_LIMIT = Integer.MAX_VALUE - 16;
    public static final int DEFAULT_BODY_TIMEOUT_MS = 30_000;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");

    public ServerSettings {
        atLeast("port", port, 0);
        if (port > 65_535) {
            throw new IllegalArgumentException("port must be at most 65535, got " + port);
        }
        atLeast("max batch size", maxBatchSize, 1);
        atLeast("queue size", queueSize, 1);
        atLeast("max body bytes", maxBodyBytes, 1);
        if (maxBodyBytes > MAX_BODY_BYTES_LIMIT) { // a body is read into one array, with a byte more to see it over
            throw new IllegalArgumentException("max body bytes must be at most " + MAX_BODY_BYTES_LIMIT + ", got "
                    + maxBodyBytes);
        }
        atLeast("max texts", maxTexts, 1);
        atLeast("max chars", maxChars, 1);
        atLeast("http threads", httpThreads, 1);
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative, got " + maxWait);
        }
        positive("request timeout", requestTimeout);
        positive("header timeout", headerTimeout);
        positive("body timeout", bodyTimeout);
        if (authToken.isPresent() && authToken.get().isBlank()) {
            throw new IllegalArgumentException("auth token is blank");
        }
        allowedHosts = List.copyOf(allowedHosts);
        for (String name : allowedHosts) {
            if (!name.equals(CrossSiteGuard.ANY_HOST) && !HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("allowed host '" + name + "' is not a host name (letters, digits, "
                        + "'-' and '.', no port or scheme; * for every name)");
            }
        }
    }

    /** The defaults: 127.0.0.1:8080, batches of up to 32 texts gathered for 2 ms, no auth, the playground on. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BATCH_SIZE,
                Duration.ofMillis(DEFAULT_MAX_WAIT_MS), DEFAULT_QUEUE_SIZE,
                Duration.ofMillis(DEFAULT_REQUEST_TIMEOUT_MS), DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_TEXTS,
                DEFAULT_MAX_CHARS, DEFAULT_HTTP_THREADS, Optional.empty(), Duration.ofMillis(DEFAULT_HEADER_TIMEOUT_MS),
                Duration.ofMillis(DEFAULT_BODY_TIMEOUT_MS), true, List.of());
    }

    public ServerSettings withHost(String host) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withPort(int port) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withBatching(int maxBatchSize, Duration maxWait) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withQueue(int queueSize, Duration requestTimeout) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withLimits(int maxBodyBytes, int maxTexts, int maxChars) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withHttpThreads(int httpThreads) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    public ServerSettings withAuthToken(String token) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, Optional.ofNullable(token), headerTimeout, bodyTimeout, ui,
                allowedHosts);
    }

    /** How long a client may take to send a request: its headers, then its body. */
    public ServerSettings withReadTimeouts(Duration headerTimeout, Duration bodyTimeout) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    /** Whether {@code GET /} serves the playground page. */
    public ServerSettings withUi(boolean ui) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    /** {@code Host} names to answer besides loopback names and IP addresses; {@code *} for every name. */
    public ServerSettings withAllowedHosts(List<String> allowedHosts) {
        return new ServerSettings(host, port, maxBatchSize, maxWait, queueSize, requestTimeout, maxBodyBytes,
                maxTexts, maxChars, httpThreads, authToken, headerTimeout, bodyTimeout, ui, allowedHosts);
    }

    private static void positive(String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    private static void atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
    }
}
