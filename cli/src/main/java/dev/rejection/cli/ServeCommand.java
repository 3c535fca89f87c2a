package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.server.RejectionServer;
import dev.rejection.server.ServerSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Settings presets: ours, or LLM Guard's NoRefusal scanner (threshold 0.75, 128 tokens). */
    enum Preset {
        DEFAULT(RejectionDetector.DEFAULT_THRESHOLD, 0),
        LLM_GUARD(0.75, 128);

        final double threshold;
        final int maxLength; // 0: the model's own

        Preset(double threshold, int maxLength) {
            this.threshold = threshold;
            this.maxLength = maxLength;
        }
    }

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

    @Option(names = "--preset", paramLabel = "NAME", converter = PresetConverter.class,
            description = "default, or llm-guard: LLM Guard's NoRefusal settings (threshold 0.75, 128 tokens); "
                    + "--threshold and --max-length override it.")
    Preset preset = Preset.DEFAULT;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "full",
            converter = ModeOptions.MatchModeConverter.class,
            description = "How a text is judged: full (the whole text, truncated to the maximum length: the model "
                    + "card's behaviour), sentence (every sentence, score = the highest) or window (token windows of "
                    + "the maximum length over the whole text, score = the highest). In sentence and window mode "
                    + "each verdict names its deciding span. Default: ${DEFAULT-VALUE}.")
    MatchMode mode;

    @Option(names = "--stride", paramLabel = "N",
            description = "Tokens shared by consecutive windows in --mode window (default: "
                    + ModeDetector.DEFAULT_STRIDE + ", or a quarter of the window when that is smaller).")
    Integer stride;

    @Option(names = "--threshold", paramLabel = "P",
            description = "A text is a rejection when P(REJECTION) > P (default: 0.5, or the preset's).")
    Double threshold;

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
            description = "A request without its verdicts by then is answered 503 (default: ${DEFAULT-VALUE}).")
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
            description = "Threads reading requests and waiting for verdicts (default: ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(names = "--auth-token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN' (TOKEN: the file's content, trimmed) on every "
                    + "endpoint but /healthz and /readyz. Without it, the token is read from $" + TOKEN_ENV
                    + " when set; else there is no auth.")
    Path authTokenFile;

    @Option(names = "--no-ui", description = "Do not serve the playground page at GET / (the API, /openapi.json "
            + "included, stays the same).")
    boolean noUi;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Accepts llm-guard, llm_guard, LLM-GUARD, default. */
    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            return Preset.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = settings();
        if (stride != null && mode != MatchMode.WINDOW) {
            throw new ParameterException(spec.commandLine(), "--stride applies to --mode window only");
        }
        if (stride != null && stride < 0) {
            throw new ParameterException(spec.commandLine(), "--stride must be at least 0, got " + stride);
        }
        Path modelDir = model.modelDir();
        RejectionDetector.Builder builder = RejectionDetector.builder();
        if (modelDir != null) {
            builder.modelDir(modelDir); // else the embedded default
        }
        // a micro-batch is one detector call, which runs it in the model's own batches (length-sorted batches of 8
        // texts for fp32 models; one text per call on parallel threads for int8 ones, whose scores would otherwise
        // depend on their batch mates)
        builder.threshold(threshold != null ? threshold : preset.threshold);
        int maxLength = model.maxLength != null ? model.maxLength : preset.maxLength;
        if (maxLength > 0) {
            builder.maxLength(maxLength);
        }
        if (model.onnxFile != null) {
            builder.onnxFile(model.onnxFile);
        }
        if (model.threads != null) {
            builder.intraOpThreads(model.threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        RejectionServer server;
        try {
            server = RejectionServer.start(settings, builder::build, mode, stride != null ? stride : -1);
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
                settings.host(), server.port(), mode, threshold != null ? threshold : preset.threshold, maxBatchSize,
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
                    .withAuthToken(authToken())
                    .withUi(!noUi);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String authToken() {
        if (authTokenFile != null) {
            try {
                String token = Files.readString(authTokenFile, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--auth-token-file " + authTokenFile
                            + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --auth-token-file " + authTokenFile
                        + ": " + e.getMessage());
            }
        }
        String fromEnv = env.get(TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }
}
