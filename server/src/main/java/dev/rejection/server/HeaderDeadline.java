package dev.rejection.server;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that take longer than the header timeout to send a request's headers: from the first byte of
 * a request (or the opening of a new connection) to the blank line that ends its headers. Jetty parses headers
 * without holding a thread, so slow clients cannot starve the others, but its idle timeout restarts with every
 * byte: a client sending one byte a second would keep its connection forever. This deadline counts the whole head.
 *
 * <p>A connection between requests (keep-alive) is Jetty's idle timeout's; one whose request is being answered
 * is not reading a head. Checked by one sweep every tenth of the timeout (10 ms to 1 s), so a connection is closed
 * between the timeout and 1.1 times it. It reads the state of Jetty's HTTP/1.1 parser (a volatile field) through
 * Jetty's {@code internal.HttpConnection}, which is not a stable API: {@code SlowClientsTest} fails if a Jetty
 * upgrade changes it.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutNanos;
    private final long tickMillis;
    private final Scheduler scheduler;
    /** Open HTTP/1.1 connections → when the head they are reading began, or -1 when they are not reading one. */
    private final Map<HttpConnection, Long> connections = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    HeaderDeadline(Duration timeout, Scheduler scheduler) {
        this.timeoutNanos = timeout.toNanos();
        this.tickMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 10));
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            connections.put(http, System.nanoTime()); // a new connection owes its first head from now on
        }
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        connections.clear();
    }

    private void sweep() {
        long now = System.nanoTime();
        connections.replaceAll((connection, since) -> {
            if (!readingHead(connection)) {
                return -1L;
            }
            long start = since < 0 ? now : since;
            if (now - start > timeoutNanos) {
                LOG.debug("closing {}: request headers not complete after {} ms", connection.getEndPoint()
                        .getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toMillis(now - start));
                connection.getEndPoint().close();
            }
            return start;
        });
        if (isRunning()) {
            next = scheduler.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Between a request's first byte and the end of its headers; or not a byte yet on a new connection. */
    private static boolean readingHead(HttpConnection connection) {
        HttpParser parser = connection.getParser();
        if (parser.isStart()) {
            return connection.getMessagesIn() == 0;
        }
        return parser.inHeaderState();
    }
}
