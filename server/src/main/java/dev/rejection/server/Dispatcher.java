package dev.rejection.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Every request's way through the server: admission, request id, cross-site check, route, method, auth, the
 * endpoint, errors as JSON, metrics and one access-log line. Whatever a request holds, the answer is a status and a
 * JSON body: a fault in one request never reaches the server.
 *
 * <p>{@link #handle} runs on the transport's thread and never blocks: it admits the request (or, once draining, marks
 * it for 503) and queues it for a worker; when the workers' queue is full it answers 429 there and then, the body
 * unread. A request admitted before {@link #drain()} is answered in full even when it still waits for a worker then.
 */
final class Dispatcher implements HttpHandler {
    /** One line per request: {@code method=POST path=/v1/classify status=200 latency_ms=3.1 bytes=92 request_id=...}. */
    static final Logger ACCESS = LoggerFactory.getLogger("dev.rejection.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String ARRIVAL = "dev.rejection.server.arrival";

    @FunctionalInterface
    interface Handler {
        Response handle(HttpExchange exchange) throws IOException;
    }

    /** A route: its method, whether it needs the bearer token, and its handler. */
    record Route(String method, boolean open, Handler handler) {
    }

    private final Map<String, Route> routes;
    private final BearerAuth auth;
    private final CrossSiteGuard crossSite;
    private final Metrics metrics;
    private final Executor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    /** @param workers the threads that answer requests; their queue holds the admitted requests waiting for one */
    Dispatcher(Map<String, Route> routes, BearerAuth auth, CrossSiteGuard crossSite, Metrics metrics,
               Executor workers) {
        this.routes = Map.copyOf(routes);
        this.auth = auth;
        this.crossSite = crossSite;
        this.metrics = metrics;
        this.workers = workers;
    }

    /** From now on, new requests but the health checks get 503; those already admitted go on. */
    void drain() {
        draining = true;
    }

    /** Requests admitted and not yet answered: those being answered and those waiting for a worker. */
    int inFlight() {
        return inFlight.get();
    }

    /** When a request arrived, read in full ({@link System#nanoTime()}): its deadlines count from then. */
    static long arrival(HttpExchange exchange) {
        return exchange.getAttribute(ARRIVAL) instanceof Long arrived ? arrived : System.nanoTime();
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime(); // latency and the request timeout count the wait for a worker
        exchange.setAttribute(ARRIVAL, start);
        inFlight.incrementAndGet(); // before reading the flag: close() waits for every request admitted before it
        Admission admission = draining ? Admission.STOPPING : Admission.ADMITTED;
        try {
            workers.execute(() -> serve(exchange, admission, start));
        } catch (RejectedExecutionException e) {
            // the workers have stopped, or their queue is full: answer here (no body is read), it does not block
            boolean stopped = workers instanceof ExecutorService service && service.isShutdown();
            serve(exchange, stopped ? Admission.STOPPING : Admission.QUEUE_FULL, start);
        }
    }

    /** Whether a request may be served: admitted, or answered 503 (stopping) or 429 (queue full) but health checks. */
    private enum Admission { ADMITTED, STOPPING, QUEUE_FULL }

    private void serve(HttpExchange exchange, Admission admission, long start) {
        try {
            answerAndLog(exchange, admission, start);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answerAndLog(HttpExchange exchange, Admission admission, long start) {
        String requestId = requestId(exchange);
        String path = exchange.getRequestURI().getRawPath();
        Route route = routes.get(path);
        Response response;
        try {
            response = answer(exchange, route, path, admission);
        } catch (ApiException e) {
            response = Response.error(e);
        } catch (IOException e) { // the client stopped sending its body
            response = Response.error(ApiException.badRequest("could not read the request body: " + e.getMessage()));
        } catch (RuntimeException | Error e) {
            // an Error too (out of memory, a stack overflow): left to kill the worker, it would leave the client
            // waiting for an answer that never comes
            LOG.error("request {} {} {} failed", requestId, exchange.getRequestMethod(), path, e);
            response = Response.error(new ApiException(500, "internal_error",
                    "internal error; the server log has the details under request id " + requestId));
        }
        if (response.status() == 405 && route != null) { // RFC 9110: a 405 says which methods the path answers
            response = response.withHeaders(Map.of("Allow", route.method()));
        }
        int bytes = send(exchange, response, requestId);
        long nanos = System.nanoTime() - start;
        metrics.request(route != null ? path : "other", response.status(), nanos);
        ACCESS.info("method={} path={} status={} latency_ms={} bytes={} request_id={}", exchange.getRequestMethod(),
                path, response.status(), String.format(Locale.ROOT, "%.2f", nanos / 1e6), bytes, requestId);
    }

    private Response answer(HttpExchange exchange, Route route, String path, Admission admission)
            throws IOException {
        var headers = exchange.getRequestHeaders();
        crossSite.check(headers.getFirst("Host"), headers.getFirst("Origin"), headers.getFirst("X-Forwarded-Host"));
        if (route == null) {
            throw new ApiException(404, "not_found", "no endpoint at " + path + "; see /openapi.json");
        }
        if (!route.method().equals(exchange.getRequestMethod())) {
            throw new ApiException(405, "method_not_allowed", path + " answers " + route.method() + " only");
        }
        if (!route.open() && !auth.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
            throw new ApiException(401, "unauthorized", "missing or wrong bearer token (Authorization: Bearer ...)");
        }
        if (admission == Admission.STOPPING && !route.open()) {
            throw new ApiException(503, "stopping", "the server is shutting down");
        }
        if (admission == Admission.QUEUE_FULL && !route.open()) {
            throw new ApiException(429, "queue_size", "too many requests are waiting (queue_size, --queue-size); "
                    + "retry later");
        }
        return route.handler().handle(exchange);
    }

    /** Writes the response; returns the body's size. A client that has gone away is logged, not thrown. */
    private static int send(HttpExchange exchange, Response response, String requestId) {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", response.contentType());
            headers.set(REQUEST_ID, requestId);
            response.headers().forEach(headers::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return body.length;
        } catch (IOException e) {
            LOG.debug("request {}: the client went away before the answer: {}", requestId, e.getMessage());
            return 0;
        }
    }

    /** The client's X-Request-Id when it is a plain token (so it cannot forge log lines), else a fresh one. */
    private static String requestId(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        if (given != null && CLIENT_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
