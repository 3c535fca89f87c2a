package dev.rejection.server;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.Reading;
import dev.rejection.detect.mode.SpanVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>The HTTP layer is Jetty's connector ({@link HttpTransport}), which reads every request in full without holding
 * a thread, under handlers written against {@code com.sun.net.httpserver}; a fixed pool of threads answers the
 * requests (see the module README for why).
 */
public final class RejectionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionServer.class);
    /** Warm-up texts: a refusal and an answer, so that the first real request meets warm code paths. */
    private static final List<String> WARM_UP = List.of("I'm sorry, but I can't help with that request.",
            "Sure! Here is a short summary of the article you asked about.");

    private final ServerSettings settings;
    private final ModelState model = new ModelState();
    private final Metrics metrics;
    private final Dispatcher dispatcher;
    private final HttpTransport http;
    private final ExecutorService httpThreads;
    private final CountDownLatch settled = new CountDownLatch(1);
    private boolean closed;

    private RejectionServer(ServerSettings settings, MatchMode mode, boolean scanReadsPrompt) {
        this.settings = settings;
        this.metrics = new Metrics(() -> {
            MicroBatcher<Answer, SpanVerdict> b = model.batcherOrNull();
            return b == null ? 0 : b.queueDepth();
        }, model::ready);
        Endpoints endpoints = new Endpoints(settings, model, metrics, scanReadsPrompt);
        // a bounded queue: past queue_size requests waiting for a worker, more are answered 429 at once, instead of
        // each waiting, its body held, with no deadline (a worker waits on the batcher, so the batcher alone would
        // never hold more than http_threads requests)
        this.httpThreads = new ThreadPoolExecutor(settings.httpThreads(), settings.httpThreads(), 0,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(settings.queueSize()), daemonThreads("rejection-http-"));
        Map<String, Dispatcher.Route> routes = new HashMap<>(Map.of(
                "/v1/classify", new Dispatcher.Route("POST", false, endpoints::classify),
                "/scan/output", new Dispatcher.Route("POST", false, ex -> endpoints.scanOutput(ex, false)),
                "/analyze/output", new Dispatcher.Route("POST", false, ex -> endpoints.scanOutput(ex, true)),
                "/healthz", new Dispatcher.Route("GET", true, ex -> endpoints.health()),
                "/readyz", new Dispatcher.Route("GET", true, ex -> endpoints.ready()),
                "/metrics", new Dispatcher.Route("GET", false, ex -> endpoints.metrics()),
                "/openapi.json", new Dispatcher.Route("GET", false, ex -> endpoints.openApi())));
        routes.putAll(Playground.routes(settings, model, mode));
        this.dispatcher = new Dispatcher(routes, new BearerAuth(settings.authToken()),
                CrossSiteGuard.forBinding(settings.host(), settings.allowedHosts()), metrics, httpThreads);
        this.http = new HttpTransport(settings, dispatcher, metrics);
    }

    /**
     * Starts listening now and loads the model in the background.
     *
     * @param loader builds the detector; runs once, on a background thread; the server closes it on close
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader) {
        return start(settings, loader, ReadSpec.defaults());
    }

    /**
     * As {@link #start(ServerSettings, Supplier)}, reading each text as {@code reading} says: in {@code sentence} and
     * {@code window} mode a text's verdict is its highest-scoring span's, and the API reports that span.
     *
     * @throws IllegalArgumentException (when the model has loaded, as a failed /readyz) for a stride the model's
     *                                  window cannot take
     */
    public static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader,
                                        ReadSpec reading) {
        return start(settings, loader, reading.mode(), reading.preset() != Preset.LLM_GUARD,
                detector -> reader(detector, reading));
    }

    /** What the batcher calls: the reading's verdicts, with their spans in every mode but full. */
    private static Function<List<Answer>, List<SpanVerdict>> reader(RejectionDetector detector, ReadSpec reading) {
        Reading textReading = reading.on(detector);
        boolean spans = reading.mode() != MatchMode.FULL;
        return answers -> textReading.read(prompts(answers), answers.stream().map(Answer::text).toList()).stream()
                .map(read -> spans ? new SpanVerdict(read.verdict(), read.span().orElse(null), read.spans())
                        : new SpanVerdict(read.verdict(), null))
                .toList();
    }

    /** The answers' prompts; null when none has one, so that answers alone are read exactly as before. */
    private static List<String> prompts(List<Answer> answers) {
        return answers.stream().allMatch(a -> a.prompt() == null) ? null
                : answers.stream().map(Answer::prompt).toList();
    }

    /**
     * As {@link #start(ServerSettings, Supplier)}, with the batcher calling {@code modelCall(detector)} instead of
     * the detector itself: tests slow it down or hold it to see queues fill, time out and drain.
     */
    static RejectionServer start(ServerSettings settings, Supplier<RejectionDetector> loader,
                                 Function<RejectionDetector, Function<List<Answer>, List<SpanVerdict>>> modelCall) {
        return start(settings, loader, MatchMode.FULL, true, modelCall);
    }

    private static RejectionServer start(
            ServerSettings settings, Supplier<RejectionDetector> loader, MatchMode mode, boolean scanReadsPrompt,
            Function<RejectionDetector, Function<List<Answer>, List<SpanVerdict>>> modelCall) {
        RejectionServer server = new RejectionServer(settings, mode, scanReadsPrompt);
        try {
            server.http.start();
        } catch (IOException e) {
            server.httpThreads.shutdown();
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        LOG.info("listening on http://{}:{} (auth {}, playground {})", settings.host(), server.port(),
                settings.authToken().isPresent() ? "on" : "off", settings.ui() ? "on" : "off");
        Thread load = new Thread(() -> server.load(loader, modelCall), "rejection-model-loader");
        load.setDaemon(true);
        load.start();
        return server;
    }

    private void load(Supplier<RejectionDetector> loader,
                      Function<RejectionDetector, Function<List<Answer>, List<SpanVerdict>>> modelCall) {
        try {
            long start = System.nanoTime();
            RejectionDetector detector = loader.get();
            try {
                detector.classify(WARM_UP);
                MicroBatcher<Answer, SpanVerdict> batcher = new MicroBatcher<>(modelCall.apply(detector), settings.maxBatchSize(),
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
        return http.port();
    }

    /** Requests admitted and not yet answered (tests watch the queue for a thread fill). */
    int requestsInFlight() {
        return dispatcher.inFlight();
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

    /**
     * Graceful shutdown: new requests get 503; those already admitted, answered or waiting for a thread, finish (up
     * to {@code grace}); then all closes.
     */
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
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop();
        httpThreads.shutdown();
        MicroBatcher<Answer, SpanVerdict> batcher = model.batcherOrNull();
        if (batcher != null) {
            batcher.close();
        }
        if (model.detector() != null) {
            if (batcher == null || batcher.stopped()) {
                model.detector().close();
            } else { // closing waits for a running model call (OnnxModel.close): shutdown does not wait on it
                LOG.warn("a model call is still running after a minute; the model is left open until the process "
                        + "ends rather than closed under it");
            }
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
