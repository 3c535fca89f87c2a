package dev.rejection.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Jetty request as a {@code com.sun.net.httpserver} exchange, so that handlers are written against the JDK's
 * API. Nothing here blocks: the body has been read in full before the exchange exists ({@link BodyReader}), and the
 * response is kept in memory until {@link #close()}, which hands it to Jetty to write in the background. So a
 * client that sends or reads slowly never holds a handler thread.
 *
 * <p>Not supported: {@link #getHttpContext()} (the server has no contexts: one handler answers every path) and
 * {@link #getPrincipal()} (auth is the handler's, so there is never one).
 */
final class JettyExchange extends HttpExchange {
    private final Request request;
    private final Response response;
    private final Callback done;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final AtomicBoolean closed = new AtomicBoolean();
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status; // 0 until sendResponseHeaders
    private long declaredLength;

    /**
     * @param uri  the request target, as the client sent it (path and query)
     * @param done completed once the response is written, or failed
     */
    JettyExchange(Request request, Response response, Callback done, URI uri, byte[] requestBody) {
        this.request = request;
        this.response = response;
        this.done = done;
        this.uri = uri;
        for (HttpField field : request.getHeaders()) {
            requestHeaders.add(field.getName(), field.getValue());
        }
        this.in = new ByteArrayInputStream(requestBody);
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (status == 0) {
                    throw new IOException("sendResponseHeaders must come before the response body");
                }
                if (declaredLength < 0 && len > 0) {
                    throw new IOException("the response was declared without a body (length -1)");
                }
                body.write(b, off, len);
            }

            @Override
            public void close() {
                JettyExchange.this.close();
            }
        };
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("this server has no contexts: one handler answers every path");
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    /** As the JDK's: a length above 0 is checked on close, 0 means any length, -1 means no body. */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status != 0) {
            throw new IOException("response headers already sent");
        }
        status = code;
        declaredLength = length;
        response.setStatus(code);
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            for (String value : header.getValue()) {
                response.getHeaders().add(header.getKey(), value);
            }
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return request.getConnectionMetaData().getLocalSocketAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public int getResponseCode() {
        return status == 0 ? -1 : status;
    }

    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            this.in = in;
        }
        if (out != null) {
            this.out = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** Ends the exchange: Jetty writes the response in the background. Only the first call counts. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (status == 0) {
            done.failed(new IllegalStateException("the handler closed the exchange without a response"));
            return;
        }
        if (declaredLength > 0 && declaredLength != body.size()) {
            done.failed(new IOException("the response declared " + declaredLength + " bytes but has "
                    + body.size()));
            return;
        }
        response.write(true, ByteBuffer.wrap(body.toByteArray()), done);
    }
}
