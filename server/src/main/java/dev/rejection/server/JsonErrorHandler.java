package dev.rejection.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The errors the HTTP layer answers itself, before a request reaches the {@link Dispatcher} (a malformed request
 * line or header such as a non-numeric {@code Content-Length}, headers over the size limit, a body that breaks off
 * or arrives too slowly), in the API's JSON shape {@code {"error": {"status", "code", "message"}}} instead of
 * Jetty's HTML page; counted in the metrics (route {@code other}) and access-logged like the rest.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Metrics metrics;

    JsonErrorHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void generateResponse(Request request, org.eclipse.jetty.server.Response response, int status,
                                    String message, Throwable cause, Callback callback) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        if (status == 400) {
            text = "malformed HTTP request: " + text;
        }
        answer(request, response, new ApiException(status, code(status), text), callback);
    }

    /** Writes {@code error} as the whole response (status, JSON body, its headers), and counts and logs it. */
    void answer(Request request, org.eclipse.jetty.server.Response response, ApiException error, Callback callback) {
        Response answer = Response.error(error);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        long nanos = NanoTime.since(request.getBeginNanoTime());
        metrics.request("other", answer.status(), nanos);
        // a request refused while its first line was read may have neither method nor path
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        Dispatcher.ACCESS.info("method={} path={} status={} latency_ms={} bytes={} request_id=-",
                request.getMethod() == null ? "-" : request.getMethod(), path == null ? "-" : path, answer.status(),
                String.format(Locale.ROOT, "%.2f", nanos / 1e6), answer.body().length);
    }

    /** The API's error code for a status the HTTP layer answers with. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 408 -> "read_timeout";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "stopping"; // Jetty's own 503: a request arriving while it stops
            case 505 -> "http_version";
            default -> "http_" + status;
        };
    }
}
