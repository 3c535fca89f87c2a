package dev.rejection.server;

import com.sun.net.httpserver.HttpServer;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rejection detector as an HTTP service.
 *
 * <pre>{@code
 * try (RejectionServer server = RejectionServer.start(ServerSettings.defaults(),
 *         () -> RejectionDetector.load(modelDir))) {
 *     server.awaitReady(Duration.ofMinutes(1));
 *     ...
 * }
 * }</pre>
 *
 * <p>It listens at once, so that {@code /healthz} answers while the model loads; {@code /readyz} turns 200 once
 * the model is loaded and has classified a warm-up batch. {@link #close()} shuts down gracefully: new requests get
 * 503, those in flight finish, then the listener, the batcher and the model close.
 *
 * <p>The HTTP layer is the JDK's {@code com.sun.net.httpserver} with a fixed pool of threads (see the module
 * README for the measurement behind that choice).
 */
public final class RejectionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionServer.class);
    /** Warm-up texts: a refusal and an answer, so that the first real request meets warm code paths. */
    private static final List<String> WARM_UP = List.of("I'm sorry, but I can't help with that request.",
            "Sure! Here is a short summary of the article you asked about.");

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, keep-alive clients wait ~40 ms
        // for a delayed ACK on every request (measured: /healthz at 170 req/s, 46 ms each). Read once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerSettings settings;
    private final ModelState model = new ModelState();
    private final Metrics metrics;
    private final Dispatcher dispatcher;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final CountDownLatch settled = new CountDownLatch(1);
    private boolean closed;

    private RejectionServer(ServerSettings settings, MatchMode mode) throws IOException {
        this.settings = settings;
        this.metrics = new Metrics(() -> {
            MicroBatcher<SpanVerdict> b = model.batcherOrNull();
            return b == null ? 0 : b.queueDepth();
        }, model::ready);
        Endpoints endpoints = new Endpoints(settings, model, metrics);
        Map<String, Dispatcher.Route> routes = new HashMap<>(Map.of(
                "/v1/classify", new Dispatcher.Route("POST", false, endpoints::classify),
                "/scan/output", new Dispatcher.Route("POST", false, ex -> endpoints.scanOutput(ex, false)),
                "/analyze/output", new Dispatcher.Route("POST", false, ex -> endpoints.scanOutput(ex, true)),
                "/healthz", new Dispatcher.Route("GET", true, ex -> endpoints.health()),
                "/readyz", new Dispatcher.Route("GET", true, ex -> endpoints.ready()),
                "/metrics", new Dispatcher.Route("GET", false, ex -> endpoints.metrics()),
                "/openapi.json", new Dispatcher.Route("GET", false, ex -> endpoints.openApi())));
        routes.putAll(Playground.routes(settings, model, mode));
        this.dispatcher = new Dispatcher(routes, new BearerAuth(settings.authToken()), metrics);
        this.http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        this.httpThreads = Executors.newFixedThreadPool(settings.httpThreads(), daemonThreads("rejection-http-"));
        http.setExecutor(httpThreads);
        http.createContext("/", dispatcher);
    }

    /**
     * Starts listening now and loads the model in the background.
     *
     * @param loader builds the detector; runs once, on a background thread; the server closes it on close
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader) {
        return start(settings, loader, MatchMode.FULL, -1);
    }

    /**
     * As {@link #start(ServerSettings, Supplier)}, reading each text in a {@link MatchMode}: in {@code sentence} and
     * {@code window} mode a text's verdict is its highest-scoring span's, and the API reports that span.
     *
     * @param stride tokens shared by consecutive windows in {@code window} mode; negative for the default
     * @throws IllegalArgumentException (when the model has loaded, as a failed /readyz) for a stride the model's
     *                                  window cannot take
     */
    public static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader, MatchMode mode,
                                        int stride) {
        return start(settings, loader, mode, detector -> reader(detector, mode, stride));
    }

    /** What the batcher calls: the detector's own verdicts in full mode (no span), else the mode's reading. */
    private static Function<List<String>, List<SpanVerdict>> reader(RejectionDetector detector, MatchMode mode,
                                                                    int stride) {
        if (mode == MatchMode.FULL) {
            return texts -> detector.classify(texts).stream().map(v -> new SpanVerdict(v, null)).toList();
        }
        SpanScorer scorer = SpanScorer.of(detector);
        ModeDetector reading = stride < 0 ? ModeDetector.of(scorer, mode) : ModeDetector.of(scorer, mode, stride);
        return reading::classify;
    }

    /**
     * As {@link #start(ServerSettings, Supplier)}, with the batcher calling {@code modelCall(detector)} instead of
     * the detector itself: tests slow it down or hold it to see queues fill, time out and drain.
     */
    static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader,
                                 Function<RejectionDetector, Function<List<String>, List<SpanVerdict>>> modelCall) {
        return start(settings, loader, MatchMode.FULL, modelCall);
    }

    private static RejectionServer start(
            ServerSettings settings, Supplier<RejectionDetector> loader, MatchMode mode,
            Function<RejectionDetector, Function<List<String>, List<SpanVerdict>>> modelCall) {
        RejectionServer server;
        try {
            server = new RejectionServer(settings, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        server.http.start();
        LOG.info("listening on http://{}:{} (auth {}, playground {})", settings.host(), server.port(),
                settings.authToken().isPresent() ? "on" : "off", settings.ui() ? "on" : "off");
        Thread load = new Thread(() -> server.load(loader, modelCall), "rejection-model-loader");
        load.setDaemon(true);
        load.start();
        return server;
    }

    private void load(Supplier<RejectionDetector> loader,
                      Function<RejectionDetector, Function<List<String>, List<SpanVerdict>>> modelCall) {
        try {
            long start = System.nanoTime();
            RejectionDetector detector = loader.get();
            try {
                detector.classify(WARM_UP);
                MicroBatcher<SpanVerdict> batcher = new MicroBatcher<>(modelCall.apply(detector), settings.maxBatchSize(),
                        settings.maxWait(), settings.queueSize(), metrics::batch);
                synchronized (this) {
                    if (closed) {
                        batcher.close();
                        detector.close();
                        return;
                    }
                    model.ready(detector, batcher);
                }
            } catch (RuntimeException | Error e) {
                detector.close();
                throw e;
            }
            LOG.info("ready: model loaded and warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("the model failed to load: {}", e.getMessage(), e);
            model.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            settled.countDown();
        }
    }

    /** The port listened on (the chosen one when the settings said 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    public ServerSettings settings() {
        return settings;
    }

    /** Whether the model is loaded and warmed up. */
    public boolean ready() {
        return model.ready();
    }

    /**
     * Waits until the model is ready.
     *
     * @throws IllegalStateException when it failed to load (with the reason) or is not ready within {@code timeout}
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        if (!settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the model is not ready after " + timeout.toSeconds() + " s");
        }
        if (!model.ready()) {
            throw new IllegalStateException("the model failed to load: " + model.failure());
        }
    }

    /** Graceful shutdown, waiting at most 30 s for requests in flight. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Graceful shutdown: new requests get 503, those in flight finish (up to {@code grace}), then all closes. */
    public void close(Duration grace) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        model.stopping();
        dispatcher.drain();
        long deadline = System.nanoTime() + grace.toNanos();
        // JDK 17's HttpServer.stop(n) always sleeps n seconds when idle (fixed in 21), so wait for our own count
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        httpThreads.shutdown();
        MicroBatcher<SpanVerdict> batcher = model.batcherOrNull();
        if (batcher != null) {
            batcher.close();
        }
        if (model.detector() != null) {
            model.detector().close();
        }
        LOG.info("stopped");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
