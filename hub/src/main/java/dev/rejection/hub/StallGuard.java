package dev.rejection.hub;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a response body when no byte has arrived for a while. The JDK's {@code HttpRequest.timeout} covers the
 * wait for the headers only: a server that sends part of a body and then nothing would otherwise hold the download,
 * and the blob's lock, for good. Closing the body from another thread makes the blocked read throw.
 */
final class StallGuard implements AutoCloseable {
    private final Thread watcher;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;
    private volatile boolean done;

    StallGuard(InputStream body, Duration limit) {
        long limitNanos = limit.toNanos();
        watcher = new Thread(() -> {
            while (!done) {
                long idle = System.nanoTime() - lastProgress;
                if (idle >= limitNanos) {
                    fired = true;
                    try {
                        body.close();
                    } catch (IOException e) {
                        // closing is all that is wanted; the reader learns of it from its read
                    }
                    return;
                }
                LockSupport.parkNanos(limitNanos - idle);
            }
        }, "hub-stall-guard");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Bytes arrived: the wait starts again. */
    void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Whether the body was closed for want of bytes. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        done = true;
        LockSupport.unpark(watcher);
    }
}
