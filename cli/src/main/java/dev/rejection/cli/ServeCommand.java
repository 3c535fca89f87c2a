package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.server.AuthTokenFile;
import dev.rejection.server.RejectionServer;
import dev.rejection.server.ServerSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rejection serve}: the detector as an HTTP API until the process is stopped (SIGTERM drains it). */
@Command(name = "serve", sortOptions = false,
        description = {"Serve the detector over HTTP: POST /v1/classify, POST /scan/output and /analyze/output "
                + "(LLM Guard's API for its NoRefusal scanner), GET /healthz, /readyz, /metrics (Prometheus), "
                + "/openapi.json, and a playground page at GET / (off with --no-ui). Concurrent requests are "
                + "grouped into one model call.",
            "Stop it with Ctrl-C or SIGTERM: requests in flight finish first."})
final class ServeCommand implements Callable<Integer> {
    /** Environment variable holding the bearer token when --auth-token-file is not given. */
    static final String TOKEN_ENV = "REJECTION_AUTH_TOKEN";

    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerSettings.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    ModelOptions model;

    @Mixin
    ReadingOptions reading;

    @Option(names = "--max-batch-size", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_MAX_BATCH_SIZE,
            description = "Texts per model call, gathered from concurrent requests (default: ${DEFAULT-VALUE}; "
                    + "1 turns batching off).")
    int maxBatchSize;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "" + ServerSettings.DEFAULT_MAX_WAIT_MS,
            description = "How long a batch waits for more requests to join (default: ${DEFAULT-VALUE}).")
    int maxWaitMs;

    @Option(names = "--queue-size", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_QUEUE_SIZE,
            description = "Requests that may wait for the model; more are answered 429 (default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--request-timeout-ms", paramLabel = "MS",
            defaultValue = "" + ServerSettings.DEFAULT_REQUEST_TIMEOUT_MS,
            description = "A request without its verdicts this long after it arrived (its wait for a thread "
                    + "included) is answered 503 (default: ${DEFAULT-VALUE}).")
    int requestTimeoutMs;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--max-texts", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_MAX_TEXTS,
            description = "Texts per request; more get 413 (default: ${DEFAULT-VALUE}).")
    int maxTexts;

    @Option(names = "--max-chars", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_MAX_CHARS,
            description = "Characters per text; longer ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(names = "--http-threads", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_HTTP_THREADS,
            description = "Threads answering requests (once read in full) and waiting for verdicts "
                    + "(default: ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(names = "--header-timeout-ms", paramLabel = "MS",
            defaultValue = "" + ServerSettings.DEFAULT_HEADER_TIMEOUT_MS,
            description = "A client must send a request's headers within this time from its first byte (or from "
                    + "connecting); else the connection is closed (default: ${DEFAULT-VALUE}).")
    int headerTimeoutMs;

    @Option(names = "--body-timeout-ms", paramLabel = "MS", defaultValue = "" + ServerSettings.DEFAULT_BODY_TIMEOUT_MS,
            description = "A client must send a request's body within this time after its headers; else 408 "
                    + "(default: ${DEFAULT-VALUE}).")
    int bodyTimeoutMs;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN' (TOKEN: the file's content, trimmed) on every "
                    + "endpoint but /healthz and /readyz. The file must not be readable by every user (chmod 600). "
                    + "Without it, the token is read from $" + TOKEN_ENV + " when set; else there is no auth.")
    Path authTokenFile;

    @Option(names = "--allowed-host", paramLabel = "NAME", split = ",",
            description = "A host name to answer besides localhost and IP addresses (repeat, or NAME,NAME; * for "
                    + "every name). Without it, the server answers every name unless it listens on a loopback "
                    + "address, where other names are refused (403) so that a web page cannot reach it through DNS "
                    + "rebinding. Give the name clients use when a proxy passes theirs on.")
    List<String> allowedHosts = List.of();

    @Option(names = "--no-ui", description = "Do not serve the playground page at GET / (the API, /openapi.json "
            + "included, stays the same).")
    boolean noUi;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = settings();
        ReadSpec readSpec = reading.readSpec();
        // a micro-batch is one detector call, which runs it one text per model call on parallel threads (int8
        // scores would otherwise depend on their batch mates; fp32 runs fastest so)
        RejectionDetector.Builder builder = reading.builder(model, null);
        PrintWriter err = spec.commandLine().getErr();
        RejectionServer server;
        try {
            server = RejectionServer.start(settings, builder::build, readSpec);
        } catch (java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + ": " + e.getCause().getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rejection-serve-shutdown"));
        try {
            server.awaitReady(Duration.ofMinutes(10));
        } catch (IllegalStateException e) {
            err.println("rejection serve: " + e.getMessage());
            server.close(Duration.ZERO);
            return 1;
        }
        err.printf("rejection serve: ready on http://%s:%d (mode %s, threshold %s, batches of up to %d, auth %s)%n",
                settings.host(), server.port(), readSpec.mode(), readSpec.threshold(reading.threshold), maxBatchSize,
                settings.authToken().isPresent() ? "on" : "off");
        if (settings.ui()) {
            err.printf("rejection serve: playground page at http://%s:%d/%n", settings.host(), server.port());
        }
        err.flush();
        stopped.await();
        return 0;
    }

    private ServerSettings settings() {
        try {
            return ServerSettings.defaults()
                    .withHost(host).withPort(port)
                    .withBatching(maxBatchSize, Duration.ofMillis(maxWaitMs))
                    .withQueue(queueSize, Duration.ofMillis(requestTimeoutMs))
                    .withLimits(maxBodyBytes, maxTexts, maxChars)
                    .withHttpThreads(httpThreads)
                    .withReadTimeouts(Duration.ofMillis(headerTimeoutMs), Duration.ofMillis(bodyTimeoutMs))
                    .withAuthToken(authToken())
                    .withUi(!noUi)
                    .withAllowedHosts(allowedHosts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String authToken() {
        if (authTokenFile != null) {
            try {
                return AuthTokenFile.read(authTokenFile);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--auth-token-file " + e.getMessage());
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --auth-token-file " + authTokenFile
                        + ": " + IoReason.of(e));
            }
        }
        String fromEnv = env.get(TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }
}
