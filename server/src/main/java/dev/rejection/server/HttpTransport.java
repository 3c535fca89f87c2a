package dev.rejection.server;

import com.sun.net.httpserver.HttpHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The server's connections: Jetty's HTTP/1.1 connector (non-blocking reads, keep-alive, pipelining, header size
 * limit, request smuggling checks) under a {@code com.sun.net.httpserver} {@link HttpHandler}.
 *
 * <p>Every request is read in full before the handler sees it, and without holding a thread: the headers by Jetty's
 * parser within the header timeout ({@link HeaderDeadline}), the body by {@link BodyReader} within the body
 * timeout. The handler then gets a {@link JettyExchange} whose response is written in the background once closed.
 * So slow clients cost a connection each, never a thread, and the handler's own threads only ever wait for the
 * model. Jetty's few threads do the I/O; nothing of ours blocks them.
 */
final class HttpTransport {
    /** A connection with no bytes in either direction for this long is closed (between requests: keep-alive). */
    static final int IDLE_TIMEOUT_MS = 30_000;
    /** Request line and headers together, in bytes; more is answered 431 (Jetty's default). */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Jetty's own threads: the acceptor, the selector and short I/O tasks, never a request's whole life. */
    private static final int IO_THREADS = 16;
    /** On stop, how long answers already handed to Jetty may take to reach their clients. */
    private static final int FLUSH_TIMEOUT_MS = 5_000;

    private final Server server;
    private final ServerConnector connector;

    /** @param metrics counts the requests that the HTTP layer refuses itself (see {@link JsonErrorHandler}) */
    HttpTransport(ServerSettings settings, HttpHandler handler, Metrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(IO_THREADS, 2);
        threads.setName("rejection-io");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.addBean(new HeaderDeadline(settings.headerTimeout(), connector.getScheduler()));
        server.addConnector(connector);
        JsonErrorHandler errors = new JsonErrorHandler(metrics);
        server.setErrorHandler(errors);
        // counts each request until its answer is written, so that stop() lets those answers out first
        server.setHandler(new GracefulHandler(new Entry(handler, settings, errors)));
        server.setStopTimeout(FLUSH_TIMEOUT_MS);
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the address cannot be bound (e.g. the port is taken)
     */
    void start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            stop(); // no threads left behind
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("the HTTP server did not start", e);
        }
    }

    /** The port listened on (the chosen one when the settings said 0). */
    int port() {
        return connector.getLocalPort();
    }

    /** Stops listening, lets the answers being written finish (up to 5 s), and closes every connection. */
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly", e);
        }
    }

    /** Reads the body, then hands the request to the handler as an exchange. */
    private static final class Entry extends Handler.Abstract {
        private final HttpHandler handler;
        private final int maxBodyBytes;
        private final Duration bodyTimeout;
        private final JsonErrorHandler errors;

        Entry(HttpHandler handler, ServerSettings settings, JsonErrorHandler errors) {
            super(InvocationType.NON_BLOCKING);
            this.handler = handler;
            this.errors = errors;
            this.maxBodyBytes = settings.maxBodyBytes();
            this.bodyTimeout = settings.bodyTimeout();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            URI uri;
            try {
                uri = new URI(request.getHttpURI().getPathQuery());
            } catch (URISyntaxException e) {
                errors.answer(request, response, ApiException.badRequest("the request target is not a valid URI: "
                        + e.getMessage()), callback);
                return true;
            }
            if (request.getLength() > maxBodyBytes) { // not read: the handler refuses it by its Content-Length
                dispatch(request, response, callback, uri, new byte[0]);
                return true;
            }
            Scheduler scheduler = request.getComponents().getScheduler();
            BodyReader.read(request, maxBodyBytes + 1, bodyTimeout, scheduler).whenComplete((body, failure) -> {
                if (failure == null) {
                    dispatch(request, response, callback, uri, body);
                } else if (failure instanceof TimeoutException) {
                    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                    errors.answer(request, response, new ApiException(408, "read_timeout", failure.getMessage()
                            + " (body_timeout, --body-timeout-ms)"), callback);
                } else {
                    callback.failed(failure); // Jetty answers what it can (e.g. 400 for bad chunking), in JSON
                }
            });
            return true;
        }

        private void dispatch(Request request, Response response, Callback callback, URI uri, byte[] body) {
            JettyExchange exchange = new JettyExchange(request, response, callback, uri, body);
            try {
                handler.handle(exchange);
            } catch (Exception | Error e) {
                callback.failed(e);
            }
        }
    }
}
